import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { objectLabel } from '../snapshots/object-label.fns.ts';
import { redactChange } from '../snapshots/redact.fns.ts';
import { toSnapshotView } from '../snapshots/snapshot-view.fns.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { parseInput } from '../validation.fns.ts';
import { diffSnapshots } from './diff-snapshots.ts';

export const ZDiffPageInput = z.object({
  from: z.string().min(1).max(100),
  to: z.string().min(1).max(100),
  types: z.array(z.string().min(1).max(200)).max(100).optional(),
  /** The last change of the previous page. */
  after: z.object({ type: z.string().max(200), id: z.string().max(500) }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TDiffPageInput = z.input<typeof ZDiffPageInput>;

/** Leaf paths shown per object: a user whose whole profile changed stays one readable entry. */
const MAX_PATHS = 200;

/**
 * One page of the changes between two snapshots, for people: labels, JSON paths before → after with
 * secrets masked, and who made the change when the IdP's log said. Pages are cut from the diff's
 * (type, id)-ordered stream; a later page re-reads the stream up to its cursor, which costs the
 * changes before it, never the snapshots' size.
 */
export async function diffPage(deps: Deps, tenantId: string, raw: TDiffPageInput) {
  const input = parseInput(ZDiffPageInput, raw);
  const changes = [];
  let passed = !input.after;
  let more = false;
  for await (const c of diffSnapshots(deps, tenantId, { from: input.from, to: input.to, types: input.types })) {
    if (!passed) {
      passed = c.type === input.after!.type && c.id === input.after!.id;
      continue;
    }
    if (changes.length === input.limit) {
      more = true;
      break;
    }
    const paths = c.paths.slice(0, MAX_PATHS).map(redactChange);
    changes.push({
      type: c.type,
      id: c.id,
      label: objectLabel(c.after ?? c.before, c.id),
      change: c.change,
      paths,
      pathsLeftOut: Math.max(0, c.paths.length - MAX_PATHS),
      actors: c.actors ?? [],
    });
  }
  const [from, to] = await Promise.all([
    getSnapshotRow(deps.db, tenantId, input.from),
    getSnapshotRow(deps.db, tenantId, input.to),
  ]);
  const last = changes.at(-1);
  return {
    from: toSnapshotView(from),
    to: toSnapshotView(to),
    changes,
    next: more && last ? { type: last.type, id: last.id } : null,
  };
}
