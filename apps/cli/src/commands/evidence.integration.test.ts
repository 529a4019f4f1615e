import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { runBackup } from '@butterfly/domain/snapshots';
import { bundleTar } from '@butterfly/evidence';
import { fakeIdp, seedConnection, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';

/**
 * `butterfly scan run` and `butterfly evidence …` as an operator and an auditor run them: real
 * processes against a real database holding one backed-up snapshot.
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
const deps = testDeps(db, { kind: 'operator', label: 'test' }, masterKey);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { env, encoding: 'utf8', cwd: import.meta.dirname });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split('\n').at(-1)! };
}

const tenant = await seedTenant(deps, 'evidenceco');
const connectionId = await seedConnection(deps, tenant.id, 'Production');
const snapshot = await runBackup(deps, {
  tenantId: tenant.id,
  connectionId,
  trigger: 'test',
  client: fakeIdp([
    {
      type: 'log_stream',
      id: '0Sl1',
      body: { id: '0Sl1', name: 'Splunk, "prod"', type: 'splunk_cloud_logstreaming', status: 'ACTIVE' },
    },
    {
      type: 'policy.PASSWORD',
      id: '00p1',
      body: {
        id: '00p1',
        name: 'Default',
        status: 'ACTIVE',
        priority: 1,
        settings: { password: { complexity: { minLength: 8 } } },
      },
    },
  ]),
});
const tmp = () => mkdtempSync(join(tmpdir(), 'bfy-evidence-'));

describe('butterfly scan and evidence', () => {
  let scanId = '';
  let fingerprint = '';

  it('scans a snapshot, printing the scan id on the last line', async () => {
    const r = cli('scan', 'run', 'evidenceco', snapshot.snapshotId);
    expect(r.code, r.stderr).toBe(0);
    scanId = r.last;
    const row = await db.selectFrom('scans').selectAll().where('id', '=', scanId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      snapshot_id: snapshot.snapshotId,
      connection_name: 'Production',
      started_by: expect.stringMatching(/^operator:cli/),
    });
    expect(r.stdout).toContain('fail');
    expect(JSON.parse(cli('scan', 'run', 'evidenceco', snapshot.snapshotId, '--json').stdout)).toMatchObject({
      snapshotId: snapshot.snapshotId,
      counts: { total: expect.any(Number) },
    });
    expect(cli('scan', 'run', 'evidenceco', '6c1f2a9e-0000-4000-8000-000000000000').stderr).toContain(
      'error NOT_FOUND',
    );
  });

  it('prints the tenant key fingerprint, the same every time', () => {
    const a = cli('evidence', 'key', 'evidenceco');
    expect(a.code, a.stderr).toBe(0);
    fingerprint = a.last;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(cli('evidence', 'key', 'evidenceco').last).toBe(fingerprint);
  });

  it('exports byte-identical bundles of one scan, which verify against the fingerprint', () => {
    const [a, b] = [tmp(), tmp()];
    expect(cli('evidence', 'export', scanId, '--out', a).code).toBe(0);
    expect(cli('evidence', 'export', scanId, '--out', b).code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toEqual([
      'checklist.ckl',
      'checklist.cklb',
      'manifest.json',
      'manifest.sig',
      'oscal-assessment-results.json',
      'report.html',
      'report.pdf',
      'results.csv',
      'results.json',
    ]);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    const ok = cli('evidence', 'verify', a, '--fingerprint', fingerprint.toUpperCase().replace(/(..)(?!$)/g, '$1:'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok: 7 files');
  });

  it('exports one framework with --framework (recorded in the manifest, verifying the same way) and refuses an unknown one', () => {
    const dir = tmp();
    const r = cli('evidence', 'export', scanId, '--out', dir, '--format', 'json', '--framework', 'pciDss4');
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.scan.framework).toBe('pciDss4');
    const ids = (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).results as { ruleId: string }[]).map(
      (x) => x.ruleId,
    );
    expect(ids).toContain('OKTA-APP-000650');
    expect(ids).not.toContain('OKTA-APP-000200');
    expect(cli('evidence', 'verify', dir, '--fingerprint', fingerprint).code).toBe(0);
    const bad = cli('evidence', 'export', scanId, '--out', tmp(), '--framework', 'sox');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('VALIDATION');
  });

  it('fails verification, naming the problem, for one flipped byte in any file or another fingerprint', () => {
    const good = tmp();
    expect(cli('evidence', 'export', scanId, '--out', good).code).toBe(0);
    for (const f of readdirSync(good)) {
      const dir = tmp();
      cpSync(good, dir, { recursive: true });
      const bytes = readFileSync(join(dir, f));
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      writeFileSync(join(dir, f), bytes);
      const r = cli('evidence', 'verify', dir, '--fingerprint', fingerprint);
      expect(r.code, f).toBe(1);
      expect(r.stderr, f).toContain(f);
    }
    const other = cli('evidence', 'verify', good, '--fingerprint', 'ab'.repeat(32));
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('fingerprint: manifest.json: signed by key');
  }, 180_000); // one CLI process per bundle file (nine), each a cold start

  it('verifies the bundle exactly as downloaded (the .tar), and fails it for one flipped byte or a stray entry', () => {
    const dir = tmp();
    expect(cli('evidence', 'export', scanId, '--out', dir).code).toBe(0);
    // What the dashboard's download route sends: bundleTar of the rendered files in `butterfly-evidence-<scan>/`.
    const files = new Map(
      readdirSync(dir)
        .sort()
        .map((f) => [f, readFileSync(join(dir, f))] as const),
    );
    const tar = bundleTar(`butterfly-evidence-${scanId}`, files, new Date());
    const downloads = tmp();
    const path = join(downloads, `butterfly-evidence-${scanId}.tar`);
    writeFileSync(path, tar);
    const ok = cli('evidence', 'verify', path, '--fingerprint', fingerprint);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok: 7 files');
    // `tar -cf` of the extracted folder (GNU headers) verifies the same way.
    execFileSync('tar', ['-xf', path], { cwd: downloads });
    execFileSync('tar', ['-cf', 'again.tar', `butterfly-evidence-${scanId}`], { cwd: downloads });
    expect(cli('evidence', 'verify', join(downloads, 'again.tar'), '--fingerprint', fingerprint).code).toBe(0);

    const flipped = Buffer.from(tar);
    const at = tar.indexOf(files.get('results.csv')!);
    flipped[at + 10]! ^= 0x01;
    writeFileSync(join(downloads, 'flipped.tar'), flipped);
    const bad = cli('evidence', 'verify', join(downloads, 'flipped.tar'), '--fingerprint', fingerprint);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('hash: results.csv: content differs');

    const stray = bundleTar(
      `butterfly-evidence-${scanId}`,
      new Map([...files, ['notes.txt', Buffer.from('hi')]]),
      new Date(),
    );
    writeFileSync(join(downloads, 'stray.tar'), stray);
    const extra = cli('evidence', 'verify', join(downloads, 'stray.tar'), '--fingerprint', fingerprint);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain('extra: notes.txt');

    writeFileSync(join(downloads, 'junk.tar'), Buffer.from('not an archive at all'.repeat(40)));
    const junk = cli('evidence', 'verify', join(downloads, 'junk.tar'), '--fingerprint', fingerprint);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('not a tar archive');
  });

  it('exports only the formats asked for', () => {
    const dir = tmp();
    const r = cli('evidence', 'export', scanId, '--out', dir, '--format', 'json,csv');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'manifest.sig', 'results.csv', 'results.json']);
    const v = cli('evidence', 'verify', dir, '--fingerprint', fingerprint);
    expect(v.code, v.stderr).toBe(0);
    expect(cli('evidence', 'export', scanId, '--out', dir, '--format', 'docx').code).toBe(2);
  });
});
