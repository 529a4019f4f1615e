import { createPublicKey, verify } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { describeEvidenceExport } from './describe-evidence-export.ts';
import { getEvidenceKey } from './get-evidence-key.ts';
import { prepareEvidenceExport } from './prepare-evidence-export.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

async function scanned() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const client = fakeIdp([
    { type: 'log_stream', id: '0Sl1', body: { id: '0Sl1', type: 'splunk_cloud_logstreaming', status: 'ACTIVE' } },
  ]);
  const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  return { tenantId: t.id, scan: await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId }) };
}

describe('tenant evidence keys', () => {
  it('are created once on first use, even by concurrent callers, with the private key sealed', async () => {
    const t = await seedTenant(deps);
    const [a, b] = await Promise.all([getEvidenceKey(deps, t.id), getEvidenceKey(deps, t.id)]);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    const rows = await db.selectFrom('evidence_keys').selectAll().where('tenant_id', '=', t.id).execute();
    expect(rows).toHaveLength(1);
    // The sealed blob holds no PKCS#8 structure in the clear (an Ed25519 PKCS#8 DER starts 30 2e 02 01 00 30 05 06 03 2b 65 70).
    expect(rows[0]!.private_key_sealed.includes(Buffer.from('2b6570', 'hex'))).toBe(false);
    expect(a.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('sign exports only for evidence.export, and the signature verifies with the shown key', async () => {
    const { tenantId, scan } = await scanned();
    const reader = await seedMember(deps, tenantId, 'read_only');
    await expect(
      prepareEvidenceExport({ ...deps, actor: memberActor(tenantId, reader) }, tenantId, { scanId: scan.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      describeEvidenceExport({ ...deps, actor: memberActor(tenantId, reader) }, tenantId, { scanId: scan.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { record, signer, fingerprint } = await prepareEvidenceExport(deps, tenantId, { scanId: scan.id });
    expect(record.scanId).toBe(scan.id);
    const message = Buffer.from('manifest bytes');
    const key = await getEvidenceKey(deps, tenantId);
    expect(fingerprint).toBe(key.fingerprint);
    expect(verify(null, message, createPublicKey(key.publicKeyPem), Buffer.from(await signer.sign(message)))).toBe(
      true,
    );
    const audit = await db.selectFrom('audit_events').select('action').where('tenant_id', '=', tenantId).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['compliance.scanned', 'evidence.key_created', 'evidence.exported']),
    );
  });

  it('describes a download without rendering it', async () => {
    const { tenantId, scan } = await scanned();
    const d = await describeEvidenceExport(deps, tenantId, { scanId: scan.id, formats: ['json', 'html'] });
    expect(d).toMatchObject({
      scanId: scan.id,
      formats: ['html', 'json'],
      files: ['report.html', 'results.json', 'manifest.json', 'manifest.sig'],
    });
    expect(d.href).toBe(`/evidence/${scan.id}?formats=html,json`);
  });
});
