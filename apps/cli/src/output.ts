/**
 * The CLI's output contract: with --json, exactly one JSON document on stdout; otherwise readable
 * lines, and for commands that create something, the new id (or token) alone on the last line.
 */
export interface Output {
  json: boolean;
}

export function emit(out: Output, value: unknown, human: () => string[], lastLine?: string) {
  if (out.json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const lines = human();
  if (lastLine !== undefined) lines.push(lastLine);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** Reads a secret from stdin (never from argv, where `ps` and shell history would see it). */
export async function readSecretFromStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`${what}: `);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const value = Buffer.concat(chunks).toString('utf8').trim();
  if (!value) throw new UsageError(`${what} is empty: pipe it on stdin`);
  return value;
}

export class UsageError extends Error {}
