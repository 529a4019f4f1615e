import type { IdpObjectTypeInfo } from '../idp/types.ts';
import type { PlannedStep, StepPath } from './types.ts';

/**
 * Which way a step takes, as the preview says it. An object the IdP still holds deactivated (a
 * DEPROVISIONED user, an INACTIVE app, policy or rule) is reactivated in place, so its id, its
 * assignments and references to it from outside survive; only what is gone is created anew.
 */
export function stepPath(
  info: IdpObjectTypeInfo | undefined,
  s: Pick<PlannedStep, 'action' | 'changes' | 'caveats'>,
): StepPath {
  switch (s.action) {
    case 'create':
      // What the IdP still keeps after a delete comes back from there with its id (Entra's deleted items).
      if (s.caveats.some((c) => c.kind === 'from_deleted')) return 'restore from deleted items';
      // A catch-all rule the IdP makes with its re-created parent: found by name, then edited.
      return s.caveats.some((c) => c.kind === 'system') ? 'find by name and update' : 'create';
    case 'reactivate':
      return s.changes.every((c) => c.path === '$.status') ? 'reactivate' : 'reactivate and update';
    case 'delete':
      return info?.restore?.lifecycle ? 'deactivate and delete' : 'delete';
    default:
      // Decision 066: a setting the API cannot write is set by a person; apply skips it.
      return s.caveats.some((c) => c.kind === 'manual') ? 'set by hand' : s.action;
  }
}
