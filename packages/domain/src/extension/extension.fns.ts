import { z } from 'zod';
import { ZOrgUrl } from '../connections/connections.fns.ts';
import { isRedactionMarker } from '../snapshots/redact.fns.ts';

/**
 * What the browser extension names: the Okta org it runs on (the admin console's origin, or the
 * simulator's org path: ZOrgUrl maps `acme-admin.okta.com` to `acme.okta.com`), a catalog type and an
 * object id. Type keys are the connector's (`user`, `policy.OKTA_SIGN_ON`, ...).
 */
export const ZExtensionObjectRef = z.object({
  orgUrl: ZOrgUrl,
  type: z
    .string()
    .regex(/^[a-z_]+(\.[A-Za-z_]+)*$/, 'must be a catalog type key')
    .max(200),
  id: z.string().min(1).max(500),
});
export type TExtensionObjectRef = z.input<typeof ZExtensionObjectRef>;

/** A body as big as Okta's largest objects (an app with many settings), and no bigger. */
const MAX_BODY_CHARS = 1_000_000;

export const ZCompareObjectInput = ZExtensionObjectRef.extend({
  body: z.record(z.string(), z.unknown()).refine((b) => JSON.stringify(b).length <= MAX_BODY_CHARS, 'is too large'),
});
export type TCompareObjectInput = z.input<typeof ZCompareObjectInput>;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The posted body as the connector would have stored it: wherever the stored version holds the
 * redaction marker (a write-only secret the connector never keeps), a non-empty posted value is
 * replaced by that same marker. Without this, every app with a client secret would look changed,
 * and comparing would hinge on a secret value Butterfly deliberately never stores.
 */
export function maskLikeStored(posted: unknown, stored: unknown): unknown {
  if (isRedactionMarker(stored)) return posted === null || posted === undefined || posted === '' ? posted : stored;
  if (Array.isArray(posted) && Array.isArray(stored)) return posted.map((v, i) => maskLikeStored(v, stored[i]));
  if (isObject(posted) && isObject(stored)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(posted)) out[k] = k in stored ? maskLikeStored(v, stored[k]) : v;
    return out;
  }
  return posted;
}

/** A diff path's first key (`$.profile.name` → `profile`, `$["a-b"].c` → `a-b`). */
function topKey(path: string): string | undefined {
  const m = /^\$(?:\.([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\])/.exec(path);
  return m ? (m[1] ?? JSON.parse(`"${m[2]}"`)) : undefined;
}

/** Whether a changed path lies under one of the type's volatile fields (dot paths from its root). */
export function isVolatilePath(path: string, volatile: readonly string[]): boolean {
  const dotted = path.replace(/^\$\.?/, '').replace(/\[\d+\]/g, '');
  return volatile.some((v) => dotted === v || dotted.startsWith(`${v}.`) || topKey(path) === v);
}

/**
 * Where the dashboard shows an object: its history (every version, with what changed into each),
 * the object as the latest snapshot holding it has it, the diff into its latest version, and the
 * restore wizard on the latest full snapshot (restores start from full snapshots). Built here so the
 * extension never hard-codes the dashboard's routes.
 */
export function dashboardLinks(
  connectionId: string,
  ref: { type: string; id: string },
  v: { latestSnapshotId?: string; latestFullSnapshotId?: string; diff?: { from: string; to: string } },
) {
  const q = new URLSearchParams({ type: ref.type, id: ref.id });
  const base = `/connections/${connectionId}`;
  return {
    history: `${base}/history?${q}`,
    object: v.latestSnapshotId ? `${base}/snapshots/${v.latestSnapshotId}/object?${q}` : null,
    diff: v.diff ? `${base}/diff?${new URLSearchParams(v.diff)}` : null,
    restorePreview: v.latestFullSnapshotId
      ? `/restore?${new URLSearchParams({ connection: connectionId, snapshot: v.latestFullSnapshotId, objects: `${ref.type}:${ref.id}` })}`
      : null,
  };
}
