import { createInterface } from 'node:readline/promises';
import { UsageError } from '../output.ts';

/**
 * The connection's name as the confirmation `connection delete` sends, like `restore apply`: `--yes`
 * confirms for scripts; otherwise the name is asked for on a terminal, and without one (a pipe, CI)
 * the command refuses instead of reading a confirmation nobody typed.
 */
export async function deleteConfirmationName(
  connection: { name: string; snapshots: number; keepSnapshots: boolean },
  opts: { yes?: boolean },
  io: { stdin: NodeJS.ReadableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream } = process,
): Promise<string> {
  const { name } = connection;
  if (opts.yes) return name;
  if (!io.stdin.isTTY)
    throw new UsageError(
      `connection delete asks for the connection's name ("${name}") to confirm, and stdin is not a terminal: pass --yes to delete without asking`,
    );
  io.stderr.write(`${deleteSummary(connection)}\n`);
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    return await rl.question(`Type the connection's name (${name}) to delete it: `);
  } finally {
    rl.close();
  }
}

/** What deleting does, said before the name is typed. */
export function deleteSummary(c: { name: string; snapshots: number; keepSnapshots: boolean }) {
  const what = c.keepSnapshots
    ? `its ${c.snapshots} snapshot(s) are kept read-only (browsable, evidence verifiable)`
    : `its ${c.snapshots} snapshot(s), scans and restore plans are deleted too`;
  return `deleting ${c.name}: its credentials and schedule are deleted and it is never backed up again; ${what}`;
}
