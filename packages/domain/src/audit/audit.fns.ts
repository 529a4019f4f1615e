import { createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

export interface ChainedFields {
  tenantId: string;
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  requestId: string | null;
  prevHash: string;
}

/** HMAC-SHA256 (keyed by the tenant's audit key) over every field of the entry and the previous hash. */
export function entryHash(key: Buffer, f: ChainedFields): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ ...f, occurredAt: f.occurredAt.toISOString() }))
    .digest('hex');
}
