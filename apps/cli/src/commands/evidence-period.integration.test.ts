import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { PERIOD, seedAuditPeriod, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';

/**
 * `butterfly evidence period` as an auditor runs it, against a real database holding a window with
 * two scans: alice's change makes a rule fail, bob's fixes it; then `evidence verify` on the result.
 */
const { db, url } = await useTestDatabase();
const masterKey = randomBytes(32);
const env = {
  ...process.env,
  DATABASE_URL: url,
  BUTTERFLY_MASTER_KEY: masterKey.toString('base64'),
  LOG_LEVEL: 'warn',
};
const main = resolve(import.meta.dirname, '../../bin/butterfly.ts');
const s = await seedAuditPeriod(testDeps(db, { kind: 'operator', label: 'test' }, masterKey), 'periodco');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { env, encoding: 'utf8', cwd: import.meta.dirname });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split('\n').at(-1)! };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'bfy-period-'));
const period = (out: string, ...more: string[]) =>
  cli(
    'evidence',
    'period',
    'periodco',
    '--connection',
    'Production',
    '--from',
    PERIOD.from,
    '--to',
    PERIOD.to,
    '--out',
    out,
    ...more,
  );
const FILES = ['manifest.json', 'manifest.sig', 'period-report.md', 'period-report.pdf', 'period.json'];

describe('butterfly evidence period', () => {
  const fingerprint = cli('evidence', 'key', 'periodco').last;
  const first = tmp();

  it('writes the period: both scans, the regression with when it was fixed, the change with its actor, the exception in force', () => {
    const r = period(first);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 scans, 1 regressions (1 fixed, 0 open), 2 changes, 2 exceptions in force');
    expect(r.last).toBe(first);
    expect(readdirSync(first).sort()).toEqual(FILES);
    const json = JSON.parse(readFileSync(join(first, 'period.json'), 'utf8'));
    expect(json.format).toBe('butterfly-period-evidence/1');
    expect(json.scans.map((x: { scanId: string }) => x.scanId)).toEqual([s.regressed.id, s.fixed.id]);
    expect(json.regressions).toMatchObject([
      {
        ruleId: 'OKTA-APP-000650',
        scanId: s.regressed.id,
        fixedInScanId: s.fixed.id,
        fixedAt: PERIOD.fixedAt,
        timeToFixSeconds: PERIOD.timeToFixSeconds,
      },
    ]);
    expect(json.exceptions.map((e: { id: string }) => e.id)).toContain(s.exceptions.inForce.id);
    const report = readFileSync(join(first, 'period-report.md'), 'utf8');
    expect(report).toContain('### OKTA-APP-000650');
    expect(report).toContain(`- Fixed in scan ${s.fixed.id} (snapshot of ${PERIOD.fixedAt}), 2 d 6 h later`);
    expect(report).toMatch(/changed policy\.PASSWORD .* by alice@acme\.example \(policy\.lifecycle\.update/);
    expect(report).toContain(s.exceptions.inForce.id);
    expect(readFileSync(join(first, 'period-report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = JSON.parse(readFileSync(join(first, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'butterfly-evidence-bundle/1',
      period: {
        connection: { id: s.connectionId, name: 'Production' },
        window: { from: PERIOD.from, to: PERIOD.to },
        scanIds: [s.regressed.id, s.fixed.id],
      },
    });
    expect(manifest.scan).toBeUndefined();
  });

  it('writes the same bytes when exported again (by id this time)', () => {
    const again = tmp();
    const r = cli(
      'evidence',
      'period',
      'periodco',
      '--connection',
      s.connectionId,
      '--from',
      PERIOD.from,
      '--to',
      PERIOD.to,
      '--out',
      again,
    );
    expect(r.code, r.stderr).toBe(0);
    for (const f of FILES) expect(readFileSync(join(again, f)).equals(readFileSync(join(first, f))), f).toBe(true);
  });

  it('is accepted by evidence verify, which fails it for one flipped byte in any file', () => {
    const ok = cli('evidence', 'verify', first, '--fingerprint', fingerprint);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok: 3 files');
    expect(JSON.parse(cli('evidence', 'verify', first, '--fingerprint', fingerprint, '--json').stdout)).toMatchObject({
      ok: true,
      scanId: null,
      period: { connectionId: s.connectionId, from: PERIOD.from, to: PERIOD.to },
    });
    for (const f of FILES) {
      const dir = tmp();
      cpSync(first, dir, { recursive: true });
      const bytes = readFileSync(join(dir, f));
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      writeFileSync(join(dir, f), bytes);
      const r = cli('evidence', 'verify', dir, '--fingerprint', fingerprint);
      expect(r.code, f).toBe(1);
      expect(r.stderr, f).toContain(f);
    }
  }, 120_000);

  it('refuses bad input with the stable codes, and says when a window holds no scan', () => {
    const backwards = cli(
      'evidence',
      'period',
      'periodco',
      '--connection',
      'Production',
      '--from',
      PERIOD.to,
      '--to',
      PERIOD.from,
      '--out',
      tmp(),
    );
    expect(backwards.code).not.toBe(0);
    expect(backwards.stderr).toContain('VALIDATION');
    const unknown = cli(
      'evidence',
      'period',
      'periodco',
      '--connection',
      'Staging',
      '--from',
      PERIOD.from,
      '--to',
      PERIOD.to,
      '--out',
      tmp(),
    );
    expect(unknown.stderr).toContain('NOT_FOUND');
    const empty = cli(
      'evidence',
      'period',
      'periodco',
      '--connection',
      'Production',
      '--from',
      '2026-10-20T00:00:00Z',
      '--to',
      PERIOD.to,
      '--out',
      tmp(),
    );
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain(
      'note: No compliance scan of this connection was made of a snapshot taken in this window.',
    );
  });
});
