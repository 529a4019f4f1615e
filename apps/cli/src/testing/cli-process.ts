import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '../../bin/butterfly.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last line printed (commands print a new object's id alone there). */
  last: string | undefined;
}

/**
 * `butterfly` as an operator runs it: a real process on the test's database with a master key of its
 * own, `input` piped on stdin, `changes` added to its environment.
 */
export function cliProcess(databaseUrl: string) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    BUTTERFLY_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  };
  return function cli(args: string[], input = '', changes: Record<string, string> = {}): Promise<CliRun> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [MAIN, ...args], { env: { ...env, ...changes }, cwd: import.meta.dirname });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => done({ code, stdout, stderr, last: stdout.trim().split('\n').at(-1) }));
      child.stdin.end(input);
    });
  };
}
