import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { countResults } from '../compliance/engine.ts';
import type { ScanRecord } from '../compliance/types.ts';
import { DomainError } from '../errors.ts';
import { FRAMEWORKS, type Framework, mapsTo } from '../scans/scans.fns.ts';
import { openSecret } from '../crypto/secrets.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { loadScanRecord } from '../scans/load-scan-record.ts';
import { ensureEvidenceKey } from './ensure-evidence-key.ts';
import { EVIDENCE_KEY_PURPOSE, signerOf } from './evidence-keys.fns.ts';

/**
 * What rendering a scan's evidence bundle needs: the stored scan record and a signer over the tenant's
 * evidence key (opened here, held only by the signer). Checks `evidence.export` and audit-logs the
 * export. @butterfly/evidence renders and writes the files.
 */
export async function prepareEvidenceExport(
  deps: Deps,
  tenantId: string,
  input: { scanId: string; formats?: string[]; framework?: string },
) {
  const framework = checkFramework(input.framework);
  await authorize(deps, tenantId, 'evidence.export');
  const record = forFramework(await loadScanRecord(deps.db, tenantId, input.scanId), framework);
  const key = await ensureEvidenceKey(deps, tenantId);
  const pkcs8 = Buffer.from(await openSecret(deps, tenantId, EVIDENCE_KEY_PURPOSE, key.private_key_sealed), 'base64');
  await inTransaction(deps.db, (trx) =>
    appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'evidence.exported',
        target: { type: 'scan', id: record.scanId },
        data: { fingerprint: key.fingerprint, formats: input.formats ?? null, ...(framework ? { framework } : {}) },
      },
    ),
  );
  return { record, signer: signerOf(pkcs8, key.public_key_spki), fingerprint: key.fingerprint };
}

/** An optional framework filter: one of FRAMEWORKS, or a VALIDATION error (nothing exported). */
export function checkFramework(framework: string | undefined): Framework | undefined {
  if (framework === undefined || framework === '') return undefined;
  if (!(FRAMEWORKS as readonly string[]).includes(framework)) {
    throw new DomainError('VALIDATION', `Unknown framework: ${framework}`, {
      fields: { framework: `one of ${FRAMEWORKS.join(', ')}` },
    });
  }
  return framework as Framework;
}

/** The record limited to the rules mapped to `framework`, with counts to match and the filter named. */
export function forFramework(record: ScanRecord, framework: Framework | undefined): ScanRecord {
  if (!framework) return record;
  const results = record.results.filter((r) => mapsTo(r.frameworks, framework));
  return { ...record, results, counts: countResults(results), framework };
}
