import type { IdpClient } from '../idp/types.ts';
import type { TypeIndex } from '../snapshots/objects.fns.ts';
import type { Caveat, OrderedStep } from './types.ts';

type WriteKind = 'create' | 'update' | 'delete' | 'activate' | 'deactivate';

/** The writes a step may make (a lifecycle type is also activated or deactivated on the way). */
function kindsOf(step: OrderedStep, lifecycle: boolean): WriteKind[] {
  const around: WriteKind[] = lifecycle ? ['activate', 'deactivate'] : [];
  switch (step.action) {
    case 'create':
      // A system child is found and updated, not created (plan.fns.ts).
      return step.caveats.some((c) => c.kind === 'system') ? ['update', ...around] : ['create', ...around];
    case 'update':
    case 'reactivate':
      return ['update', ...around];
    case 'delete':
      return ['delete', ...around];
    default:
      return [];
  }
}

/**
 * Before anything is applied: the writes the connection's write credential is not granted the scope
 * for (an OAuth service app without `okta.apps.manage`), named on each step they would stop, and
 * once for the plan. Nothing is said when the credential has no scopes to check.
 */
export async function missingWriteScopes(
  client: IdpClient | undefined,
  index: TypeIndex,
  steps: OrderedStep[],
  signal?: AbortSignal,
): Promise<Caveat[]> {
  if (!client?.missingScopes) return [];
  const needs = new Map<OrderedStep, string[]>();
  for (const s of steps) {
    const info = index.get(s.type);
    const scopes = info?.restore?.writeScopes;
    if (!scopes) continue;
    const wanted = [...new Set(kindsOf(s, !!info.restore?.lifecycle).flatMap((k) => scopes[k] ?? []))];
    if (wanted.length) needs.set(s, wanted);
  }
  const all = [...new Set([...needs.values()].flat())].sort();
  const missing = new Set(await client.missingScopes(all, { signal }));
  if (!missing.size) return [];
  let stopped = 0;
  for (const [s, wanted] of needs) {
    const lacking = wanted.filter((x) => missing.has(x));
    if (!lacking.length) continue;
    stopped++;
    s.caveats.push({
      kind: 'missing_scope',
      scopes: lacking,
      message: `The write credential is not granted ${lacking.join(', ')}: this step would fail; grant the scope to the service app, then preview again`,
    });
  }
  const list = [...missing].sort();
  return [
    {
      kind: 'missing_scope',
      scopes: list,
      message: `${stopped} step(s) need scopes the write credential is not granted: ${list.join(', ')}`,
    },
  ];
}
