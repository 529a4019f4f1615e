import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { getEvidenceKey } from '@butterfly/domain/evidence';
import { runComplianceScan } from '@butterfly/domain/scans';
import { runBackup } from '@butterfly/domain/snapshots';
import { fakeIdp, memberActor, seedConnection, seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { verifyBundle } from '@butterfly/evidence';
import { afterAll, describe, expect, it } from 'vitest';
import { evidenceDownload } from './download.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const t = await seedTenant(deps);
const connectionId = await seedConnection(deps, t.id);
const snap = await runBackup(deps, {
  tenantId: t.id,
  connectionId,
  trigger: 'test',
  client: fakeIdp([{ type: 'log_stream', id: '0Sl1', body: { id: '0Sl1', status: 'ACTIVE' } }]),
});
const scan = await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId });
const as = async (role: 'auditor' | 'read_only') => ({
  ...deps,
  actor: memberActor(t.id, await seedMember(deps, t.id, role)),
});
const dir = mkdtempSync(join(tmpdir(), 'bfy-evidence-dl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence download', () => {
  it('is a tar of the signed bundle, the same bytes twice, which verifies once extracted', async () => {
    const auditor = await as('auditor');
    const res = await evidenceDownload(auditor, t.id, scan.id, 'json,html');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="butterfly-evidence-${scan.id}.tar"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const again = Buffer.from(await (await evidenceDownload(auditor, t.id, scan.id, 'json,html')).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    writeFileSync(join(dir, 'b.tar'), bytes);
    execFileSync('tar', ['-xf', 'b.tar'], { cwd: dir });
    const v = await verifyBundle(
      join(dir, `butterfly-evidence-${scan.id}`),
      (await getEvidenceKey(deps, t.id)).fingerprint,
    );
    expect(v).toMatchObject({ ok: true });
    expect(v.manifest!.files.map((f) => f.name)).toEqual(['report.html', 'results.json']);
  });

  it('limits a bundle to one framework, recorded in the signed manifest, and it still verifies', async () => {
    const res = await evidenceDownload(await as('auditor'), t.id, scan.id, 'json', 'hipaa');
    const name = `butterfly-evidence-${scan.id}-hipaa`;
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.tar"`);
    writeFileSync(join(dir, 'h.tar'), Buffer.from(await res.arrayBuffer()));
    execFileSync('tar', ['-xf', 'h.tar'], { cwd: dir });
    const v = await verifyBundle(join(dir, name), (await getEvidenceKey(deps, t.id)).fingerprint);
    expect(v).toMatchObject({ ok: true });
    expect(v.manifest!.scan).toMatchObject({ framework: 'hipaa' });
    const results = JSON.parse(readFileSync(join(dir, name, 'results.json'), 'utf8')) as {
      results: { ruleId: string }[];
    };
    const ids = results.results.map((r) => r.ruleId);
    expect(ids).toContain('OKTA-APP-001430');
    expect(ids).not.toContain('OKTA-APP-000200');
    await expect(evidenceDownload(await as('auditor'), t.id, scan.id, null, 'sox')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('needs evidence.export, refuses unknown formats, and hides other tenants', async () => {
    await expect(evidenceDownload(await as('read_only'), t.id, scan.id, null)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(evidenceDownload(await as('auditor'), t.id, scan.id, 'docx')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const other = await seedTenant(deps);
    await expect(evidenceDownload(deps, other.id, scan.id, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
