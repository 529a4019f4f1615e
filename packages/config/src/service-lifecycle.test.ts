import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHttpServer } from './service-lifecycle.ts';

// As in process.test.ts: a real process runs the real module (Node 24 strips its types), because
// the lifecycle exits the process and answers signals.
const moduleUrl = new URL('./service-lifecycle.ts', import.meta.url).href;

/** A service with three steps registered (the second fails), which prints what happens on stdout. */
const service = (afterUp: string) => `
import { serviceLifecycle } from ${JSON.stringify(moduleUrl)};
const log = {
  info: (o, msg) => console.log(msg, o.reason),
  error: (o, msg) => console.log(typeof o === 'string' ? o : msg),
};
const { onStop, stop } = serviceLifecycle('svc', log);
onStop('first', async () => console.log('undo first'));
onStop('second', async () => { throw new Error('boom'); });
onStop('third', async () => console.log('undo third'));
setInterval(() => {}, 1000);
console.log('up');
${afterUp}
`;

const spawned: ChildProcess[] = [];
afterEach(() => {
  for (const p of spawned.splice(0)) p.kill('SIGKILL');
});

/** Runs `script`; `onUp` gets the process once it has printed its first line. */
function run(
  script: string,
  onUp: (p: ChildProcess) => void = () => {},
): Promise<{ code: number | null; lines: string[] }> {
  const p = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.push(p);
  let out = '';
  let up = false;
  p.stdout?.on('data', (d) => {
    out += d;
    if (!up && out.includes('\n')) {
      up = true;
      onUp(p);
    }
  });
  p.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve) => p.on('exit', (code) => resolve({ code, lines: out.trim().split('\n') })));
}

describe('serviceLifecycle', () => {
  it('on a signal, undoes the steps in reverse order, past one that fails, then exits 0', async () => {
    const { code, lines } = await run(service(''), (p) => p.kill('SIGTERM'));
    expect(lines).toEqual(['up', 'svc stopping SIGTERM', 'undo third', 'stopping second failed', 'undo first']);
    expect(code).toBe(0);
  });

  it('stop() takes the same path once, and keeps the exit code already set', async () => {
    const { code, lines } = await run(service("process.exitCode = 1; stop('startup failed'); stop('again');"));
    expect(lines).toEqual(['up', 'svc stopping startup failed', 'undo third', 'stopping second failed', 'undo first']);
    expect(code).toBe(1);
  });
});

describe('closeHttpServer', () => {
  it('cuts a request still running after 5 s', async () => {
    const server = createServer(() => {}); // never answers
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    const cut = new Promise<string>((ok) =>
      request({ port, host: '127.0.0.1' })
        .on('error', (e) => ok(e.message))
        .end(),
    );
    await new Promise((r) => setTimeout(r, 100)); // the request has arrived
    const t0 = Date.now();
    await closeHttpServer(server);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4900);
    expect(await cut).toBe('socket hang up');
  }, 10_000);
});
