import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Real processes: an uncaught exception cannot be raised inside vitest's own worker without
// failing the run. Node 24 strips the types of the module (as process.test.ts does).
const moduleUrl = new URL('./last-resort.ts', import.meta.url).href;

function run(body: string): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const script = `
import { installLastResortHandlers, requestContext } from ${JSON.stringify(moduleUrl)};
const line = (level) => (obj, msg) => console.log(JSON.stringify({ level, msg, requestId: obj.requestId, err: String(obj.err?.message ?? obj.err) }));
installLastResortHandlers({ fatal: line('fatal'), error: line('error') });
${body}`;
  const p = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  return new Promise((resolve) =>
    p.on('exit', (code) =>
      resolve({
        code,
        lines: out
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      }),
    ),
  );
}

describe('installLastResortHandlers', () => {
  it('an uncaught exception inside a request: logged at fatal with its request id, then exit 1', async () => {
    const { code, lines } = await run(`
requestContext.run({ requestId: 'req-boom' }, () => setTimeout(() => { throw new RangeError('status 999'); }, 5));
setTimeout(() => console.log(JSON.stringify({ level: 'still-running' })), 500);`);
    expect(code).toBe(1);
    expect(lines).toEqual([
      { level: 'fatal', msg: expect.stringMatching(/uncaught exception/), requestId: 'req-boom', err: 'status 999' },
    ]);
  });

  it('an unhandled rejection: logged at error with its request id, and the process keeps serving', async () => {
    const { code, lines } = await run(`
requestContext.run({ requestId: 'req-lost' }, () => setTimeout(() => { Promise.reject(new Error('nobody awaited me')); }, 5));
setTimeout(() => console.log(JSON.stringify({ level: 'still-running' })), 200);`);
    expect(code).toBe(0);
    expect(lines).toEqual([
      {
        level: 'error',
        msg: expect.stringMatching(/unhandled promise rejection/),
        requestId: 'req-lost',
        err: 'nobody awaited me',
      },
      { level: 'still-running' },
    ]);
  });
});
