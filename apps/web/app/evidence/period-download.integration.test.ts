import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { getEvidenceKey, periodBundleName } from '@butterfly/domain/evidence';
import { PERIOD, memberActor, seedAuditPeriod, seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { verifyBundle } from '@butterfly/evidence';
import { afterAll, describe, expect, it } from 'vitest';
import { periodEvidenceDownload, periodWindow } from './period-download.server.ts';

const { db } = await useTestDatabase();
const s = await seedAuditPeriod(testDeps(db));
const as = async (role: 'auditor' | 'read_only') => ({
  ...s.deps,
  actor: memberActor(s.tenant.id, await seedMember(s.deps, s.tenant.id, role)),
});
const dir = mkdtempSync(join(tmpdir(), 'bfy-period-dl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const query = (from = '2026-10-05', to = '2026-10-30') => new URLSearchParams({ connection: s.connectionId, from, to });

describe('period evidence download', () => {
  it('reads days as a UTC window with both days included', () => {
    expect(periodWindow(query())).toEqual({
      connection: s.connectionId,
      from: PERIOD.from,
      to: '2026-10-30T23:59:59.999Z',
    });
    expect(periodWindow(query(PERIOD.from, PERIOD.to))).toMatchObject({ from: PERIOD.from, to: PERIOD.to });
  });

  it('is a tar of the signed period bundle, the same bytes twice, which verifies once extracted', async () => {
    const auditor = await as('auditor');
    const res = await periodEvidenceDownload(auditor, s.tenant.id, query());
    const name = periodBundleName(s.connectionId, { from: PERIOD.from, to: '2026-10-30T23:59:59.999Z' });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.tar"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(
      Buffer.from(await (await periodEvidenceDownload(auditor, s.tenant.id, query())).arrayBuffer()).equals(bytes),
    ).toBe(true);
    writeFileSync(join(dir, 'p.tar'), bytes);
    execFileSync('tar', ['-xf', 'p.tar'], { cwd: dir });
    expect(readdirSync(join(dir, name)).sort()).toEqual([
      'manifest.json',
      'manifest.sig',
      'period-report.md',
      'period-report.pdf',
      'period.json',
    ]);
    const v = await verifyBundle(join(dir, name), (await getEvidenceKey(s.deps, s.tenant.id)).fingerprint);
    expect(v).toMatchObject({ ok: true, manifest: { period: { scanIds: [s.regressed.id, s.fixed.id] } } });
  });

  it('needs evidence.export, refuses a backwards window or no connection, and hides other tenants', async () => {
    await expect(periodEvidenceDownload(await as('read_only'), s.tenant.id, query())).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      periodEvidenceDownload(await as('auditor'), s.tenant.id, query('2026-10-30', '2026-10-05')),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      periodEvidenceDownload(
        await as('auditor'),
        s.tenant.id,
        new URLSearchParams({ from: '2026-10-05', to: '2026-10-30' }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const other = await seedTenant(s.deps);
    await expect(periodEvidenceDownload(s.deps, other.id, query())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
