import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { openSecret } from '../crypto/secrets.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { collectPeriodEvidence } from './collect-period-evidence.ts';
import { ensureEvidenceKey } from './ensure-evidence-key.ts';
import { EVIDENCE_KEY_PURPOSE, signerOf } from './evidence-keys.fns.ts';
import type { TPeriodEvidenceInput } from './period.fns.ts';

/**
 * What rendering a period evidence bundle needs: the period record and a signer over the tenant's
 * evidence key, the same key that signs scan bundles. `evidence.export` is checked by the collection;
 * the export is audit-logged here. @butterfly/evidence renders and writes the files.
 */
export async function preparePeriodEvidenceExport(deps: Deps, tenantId: string, input: TPeriodEvidenceInput) {
  const record = await collectPeriodEvidence(deps, tenantId, input);
  const key = await ensureEvidenceKey(deps, tenantId);
  const pkcs8 = Buffer.from(await openSecret(deps, tenantId, EVIDENCE_KEY_PURPOSE, key.private_key_sealed), 'base64');
  await inTransaction(deps.db, (trx) =>
    appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'evidence.period_exported',
        target: { type: 'connection', id: record.connection.id },
        data: {
          fingerprint: key.fingerprint,
          from: record.window.from,
          to: record.window.to,
          scans: record.scans.length,
        },
      },
    ),
  );
  return { record, signer: signerOf(pkcs8, key.public_key_spki), fingerprint: key.fingerprint };
}
