import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

// Scripts run with plain `node` (Node 24 strips the types of process.ts), so the test exercises the
// real module in real processes: signals and reparenting cannot be faked in-process.
const moduleUrl = new URL('./process.ts', import.meta.url).href;

const childScript = `
import { exitWithParent } from ${JSON.stringify(moduleUrl)};
exitWithParent(() => process.exit(0), { intervalMs: 100 });
setInterval(() => {}, 1000); // stay alive until told otherwise
console.log(process.pid);
`;

// The "supervisor": spawns the child, forwards its pid on stdout, then idles until it is killed.
const parentScript = `
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(childScript)}], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
child.stdout.pipe(process.stdout);
setInterval(() => {}, 1000);
`;

const spawned: ChildProcess[] = [];
const orphans: number[] = [];
afterEach(() => {
  for (const p of spawned.splice(0)) p.kill('SIGKILL');
  for (const pid of orphans.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
});

function node(script: string, env: Record<string, string | undefined> = {}) {
  const p = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  spawned.push(p);
  return p;
}

function firstLine(p: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    p.stdout?.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.split('\n')[0] as string);
    });
    p.on('exit', (code) => reject(new Error(`exited (${code}) before printing: ${buf}`)));
  });
}

/** Alive and not a zombie (a reparented zombie still answers kill(pid, 0) until it is reaped). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function exitOf(p: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  p.stdout?.on('data', (d) => (out += d));
  p.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve) => p.on('exit', (code) => resolve({ code, out })));
}

describe('exitWithParent', () => {
  it('makes a supervised child exit when its parent is SIGKILLed', async () => {
    const parent = node(parentScript, { BUTTERFLY_SUPERVISED: '1' });
    const childPid = Number(await firstLine(parent));
    orphans.push(childPid);
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitFor(() => !alive(childPid), 3000)).toBe(true);
  });

  it('does nothing unless BUTTERFLY_SUPERVISED=1', async () => {
    const parent = node(parentScript, { BUTTERFLY_SUPERVISED: undefined });
    const childPid = Number(await firstLine(parent));
    orphans.push(childPid);
    parent.kill('SIGKILL');
    expect(await waitFor(() => !alive(childPid), 1000)).toBe(false);
  });
});

describe('onShutdownSignal', () => {
  const script = (body: string) => `
import { onShutdownSignal } from ${JSON.stringify(moduleUrl)};
let runs = 0;
onShutdownSignal(async (reason) => { runs++; console.log('stopping', reason, runs); ${body} }, { forceAfterMs: 500 });
setInterval(() => {}, 1000);
console.log('up');
`;

  it('runs the handler once for SIGINT followed by SIGTERM, then exits 0', async () => {
    const p = node(script('await new Promise((r) => setTimeout(r, 200));'));
    await firstLine(p);
    const done = exitOf(p);
    p.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    p.kill('SIGTERM');
    const { code, out } = await done;
    expect(code).toBe(0);
    expect(out.match(/stopping/g)).toHaveLength(1);
    expect(out).toContain('stopping SIGINT 1');
  });

  it('force-exits non-zero when the handler hangs', async () => {
    const p = node(script('await new Promise(() => {});'));
    await firstLine(p);
    const done = exitOf(p);
    const t0 = Date.now();
    p.kill('SIGTERM');
    const { code, out } = await done;
    expect(code).toBe(1);
    expect(out).toMatch(/did not finish within 500 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
