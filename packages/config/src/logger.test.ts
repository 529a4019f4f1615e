import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

// Plain `node` runs the real logger module in a real process: a closed pipe cannot be faked in-process.
const moduleUrl = new URL('./logger.ts', import.meta.url).href;

// Logs one line, then on a byte on stdin logs a burst and exits, as an app does when it stops.
const childScript = `
import { createLogger } from ${JSON.stringify(moduleUrl)};
const log = createLogger('t', 'info');
log.info('up');
process.stdin.once('data', () => {
  for (let i = 0; i < 2000; i++) log.info({ i, pad: 'x'.repeat(200) }, 'stopping');
  process.exit(0);
});
`;

const spawned: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const p of spawned.splice(0)) p.kill('SIGKILL');
});

describe('createLogger', () => {
  // `pnpm start` killed outright leaves each app writing to a pipe nobody reads. The app must still
  // exit: an exit-time flush that retries a broken pipe forever kept apps (and ports) alive.
  it('lets the process exit when whoever read its stdout is gone', async () => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', childScript], { stdio: ['pipe', 'pipe', 'pipe'] });
    spawned.push(p);
    await new Promise<void>((up, fail) => {
      p.stdout.once('data', () => up());
      p.once('exit', (code) => fail(new Error(`exited (${code}) before logging`)));
    });
    const exited = new Promise<number | null>((done) => p.once('exit', (code) => done(code)));
    p.stdout.destroy(); // the only reader: from now on every write gets EPIPE
    p.stdin.write('go');
    const timedOut = new Promise<'hung'>((done) => setTimeout(() => done('hung'), 5_000).unref());
    expect(await Promise.race([exited, timedOut])).toBe(0);
  }, 15_000);
});
