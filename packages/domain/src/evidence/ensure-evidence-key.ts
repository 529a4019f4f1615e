import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { EVIDENCE_KEY_PURPOSE, generateEd25519 } from './evidence-keys.fns.ts';

/**
 * The tenant's current evidence key row, created on first use: the private key sealed with the
 * tenant's data key (bound to this purpose), the public key and fingerprint in the clear. Two first
 * uses at once both try version 1; one insert wins and both read it. Not a permission check.
 */
export async function ensureEvidenceKey(deps: Deps, tenantId: string) {
  const current = () =>
    deps.db
      .selectFrom('evidence_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  const found = await current();
  if (found) return found;
  const key = generateEd25519();
  const sealed = await sealSecret(deps, tenantId, EVIDENCE_KEY_PURPOSE, key.privateKeyPkcs8.toString('base64'));
  await inTransaction(deps.db, async (trx) => {
    const inserted = await trx
      .insertInto('evidence_keys')
      .values({
        tenant_id: tenantId,
        version: 1,
        public_key_spki: key.publicKeySpki,
        fingerprint: key.fingerprint,
        private_key_sealed: sealed,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'version']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'evidence.key_created',
          target: { type: 'evidence_key', id: inserted.id },
          data: { fingerprint: key.fingerprint },
        },
      );
    }
  });
  return (await current())!;
}
