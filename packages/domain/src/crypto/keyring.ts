import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { DB, Kysely, Transaction } from '@butterfly/db';
import { DomainError } from '../errors.ts';
import { open, seal } from './envelope.fns.ts';

const DATA = 'data';
const wrapAad = (tenantId: string, purpose: string, version: number) => `tenant-key|${tenantId}|${purpose}|${version}`;

/**
 * Envelope encryption: each tenant has data keys (random, 256-bit) stored wrapped by the master key,
 * which lives only in the process (BUTTERFLY_MASTER_KEY or the embedded data dir). Unwrapped keys are
 * cached per keyring instance (as are the derived content and audit keys), never module-wide.
 */
export function createKeyring(masterKey: Buffer) {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
  const cache = new Map<string, { version: number; key: Buffer }>();
  /** Derived keys, per purpose and tenant: HKDF was a measurable part of every audited SCIM write. */
  const derived = new Map<string, Buffer>();
  const derive = (tenantId: string, info: string) => {
    const id = `${info}|${tenantId}`;
    let key = derived.get(id);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.from(tenantId), info, 32));
      derived.set(id, key);
    }
    return key;
  };

  return {
    /** Short, non-secret identifier of the master key, for logs and diagnostics. */
    masterKeyId: createHash('sha256').update(masterKey).digest('hex').slice(0, 12),

    /** Creates the tenant's first data key; the caller inserts it in the tenant's creation transaction. */
    newWrappedDataKey(tenantId: string) {
      const version = 1;
      return {
        purpose: DATA,
        version,
        wrapped_key: seal(masterKey, 0, randomBytes(32), wrapAad(tenantId, DATA, version)),
      };
    },

    async dataKey(db: Kysely<DB> | Transaction<DB>, tenantId: string): Promise<{ version: number; key: Buffer }> {
      const hit = cache.get(tenantId);
      if (hit) return hit;
      const row = await db
        .selectFrom('tenant_keys')
        .select(['version', 'wrapped_key'])
        .where('tenant_id', '=', tenantId)
        .where('purpose', '=', DATA)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', 'The tenant has no data key');
      let key: Buffer;
      try {
        key = open(masterKey, row.wrapped_key, wrapAad(tenantId, DATA, row.version));
      } catch (cause) {
        throw new DomainError('INTERNAL', 'The tenant data key cannot be unwrapped: wrong BUTTERFLY_MASTER_KEY?', {
          cause,
        });
      }
      const entry = { version: row.version, key };
      cache.set(tenantId, entry);
      return entry;
    },

    /**
     * Key of the tenant's content addresses (HMAC of canonical JSON): equal objects in two tenants
     * get different addresses, so nothing about one tenant's data shows in another's.
     */
    contentKey(tenantId: string): Buffer {
      return derive(tenantId, 'butterfly content address v1');
    },

    /** Key of the tenant's audit hash chain: derived from the master key, so the database alone cannot re-forge the chain. */
    auditKey(tenantId: string): Buffer {
      return derive(tenantId, 'butterfly audit chain v1');
    },
  };
}

export type Keyring = ReturnType<typeof createKeyring>;
