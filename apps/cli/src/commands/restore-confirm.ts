import { createInterface } from 'node:readline/promises';
import type { RestorePlanDetail } from '@butterfly/domain/restores';
import { UsageError } from '../output.ts';

/** What applying writes, for the prompt: steps by kind and the users it may reach. */
export function applySummaryLines(plan: RestorePlanDetail): string[] {
  const s = plan.summary as Partial<{ steps: number; byAction: Record<string, number>; blastRadius: number }>;
  const kinds = Object.entries(s.byAction ?? {})
    .filter(([, n]) => n)
    .map(([a, n]) => `${n} ${a}`);
  return [
    `plan ${plan.shortCode} writes to ${plan.connectionName ?? 'its connection'}: ${s.steps ?? 0} step(s) (${kinds.join(', ') || 'nothing to do'}), blast radius about ${s.blastRadius ?? 0} user(s)`,
  ];
}

/**
 * The connection's name as the confirmation the domain checks. `--yes` confirms for scripts; otherwise
 * the name is asked for on a terminal, and without one (a pipe, CI) the command refuses instead of
 * reading a confirmation nobody typed.
 */
export async function confirmationName(
  plan: RestorePlanDetail,
  opts: { yes?: boolean },
  io: { stdin: NodeJS.ReadableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream } = process,
): Promise<string> {
  const name = plan.connectionName ?? '';
  if (opts.yes) return name;
  if (!io.stdin.isTTY)
    throw new UsageError(
      `restore apply asks for the connection's name ("${name}") to confirm, and stdin is not a terminal: pass --yes to apply without asking`,
    );
  for (const line of applySummaryLines(plan)) io.stderr.write(`${line}\n`);
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    return await rl.question(`Type the connection's name (${name}) to apply: `);
  } finally {
    rl.close();
  }
}
