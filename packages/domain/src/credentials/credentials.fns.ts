/**
 * App client secrets and signing keys as a backup holds them: metadata only (the connector keeps
 * ids, status and dates, never a value, hash or key material). One list for the dashboard's
 * "Secrets and certificates" view and for the `credential.expiring` alert.
 */
export const CREDENTIAL_TYPES = { 'app.key': 'signing key', 'app.secret': 'client secret' } as const;
export type CredentialType = keyof typeof CREDENTIAL_TYPES;

/** Days before expiry at which an alert goes out, once each; 0 is "expired". */
export const EXPIRY_THRESHOLDS_DAYS = [30, 7, 0] as const;

export interface AppCredential {
  type: CredentialType;
  /** The snapshot object id (`<appId>/<kid or secret id>`). */
  objectId: string;
  /** The key's `kid` or the secret's `id`. */
  credentialId: string;
  appId: string;
  appLabel: string;
  kind: (typeof CREDENTIAL_TYPES)[CredentialType];
  status: string | null;
  created: string | null;
  expiresAt: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const DAY = 86_400_000;

/** Objects of a snapshot (apps and their keys and secrets) → one row per credential, soonest expiry first; none last. */
export function appCredentials(objects: Iterable<{ type: string; id: string; body: unknown }>): AppCredential[] {
  const labels = new Map<string, string>();
  const rows: Omit<AppCredential, 'appLabel'>[] = [];
  for (const o of objects) {
    const b = (o.body ?? {}) as Record<string, unknown>;
    if (o.type === 'app') labels.set(o.id, str(b.label) ?? o.id);
    if (o.type !== 'app.key' && o.type !== 'app.secret') continue;
    const slash = o.id.indexOf('/');
    rows.push({
      type: o.type,
      objectId: o.id,
      credentialId: slash < 0 ? o.id : o.id.slice(slash + 1),
      appId: slash < 0 ? '' : o.id.slice(0, slash),
      kind: CREDENTIAL_TYPES[o.type],
      status: str(b.status),
      created: str(b.created),
      expiresAt: str(b.expiresAt) && !Number.isNaN(Date.parse(b.expiresAt as string)) ? (b.expiresAt as string) : null,
    });
  }
  return rows.map((r) => ({ ...r, appLabel: labels.get(r.appId) ?? r.appId })).sort(byExpiry);
}

function byExpiry(a: AppCredential, b: AppCredential): number {
  if (a.expiresAt === b.expiresAt)
    return a.appLabel.localeCompare(b.appLabel) || a.credentialId.localeCompare(b.credentialId);
  if (a.expiresAt === null) return 1;
  if (b.expiresAt === null) return -1;
  return Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
}

/** Whole days left (negative once expired), rounded down. */
export const daysLeft = (expiresAt: string, now: Date) => Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY);

/**
 * The threshold a credential has crossed now: the smallest of 30, 7, 0 days it is within, or
 * undefined when it expires later than 30 days from now (or never). Inactive credentials sign nothing.
 */
export function crossedThreshold(c: Pick<AppCredential, 'expiresAt' | 'status'>, now: Date): number | undefined {
  if (!c.expiresAt || (c.status && c.status !== 'ACTIVE')) return undefined;
  const left = (Date.parse(c.expiresAt) - now.getTime()) / DAY;
  let crossed: number | undefined;
  for (const t of EXPIRY_THRESHOLDS_DAYS) if (left <= t) crossed = t;
  return crossed;
}
