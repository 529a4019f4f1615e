import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';

/** `butterfly sso set` as an operator runs it: a real process, the secret piped on stdin. */
const { db, url } = await useTestDatabase();
const env = {
  ...process.env,
  DATABASE_URL: url,
  BUTTERFLY_MASTER_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
};
const main = resolve(import.meta.dirname, '../bin/butterfly.ts');

function cli(args: string[], input = 'the-client-secret\n') {
  const r = spawnSync(process.execPath, [main, ...args], { env, input, encoding: 'utf8', cwd: import.meta.dirname });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ssoRow = (slug: string) =>
  db
    .selectFrom('tenant_sso as s')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .select(['s.provider', 's.issuer', 's.directory_id', 's.client_id', 's.client_secret_sealed'])
    .where('t.slug', '=', slug)
    .executeTakeFirst();

describe('butterfly sso set --entra', () => {
  it('stores a Microsoft Entra ID client: kind, directory, derived issuer, sealed secret', async () => {
    expect(cli(['tenant', 'create', 'contoso', '--name', 'Contoso']).code).toBe(0);
    const tid = randomUUID();
    const r = cli(['sso', 'set', 'contoso', '--entra', tid.toUpperCase(), '--client-id', 'app-1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      provider: 'entra',
      issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
      directoryId: tid,
      clientId: 'app-1',
      hasClientSecret: true,
      domains: [],
    });
    const row = (await ssoRow('contoso'))!;
    expect(row).toMatchObject({ provider: 'entra', directory_id: tid, client_id: 'app-1' });
    expect(row.client_secret_sealed.toString('latin1')).not.toContain('the-client-secret');
    // A sovereign cloud's authority, in plain text output.
    const us = cli([
      'sso',
      'set',
      'contoso',
      '--entra',
      tid,
      '--client-id',
      'app-1',
      '--authority-url',
      'https://login.microsoftonline.us',
    ]);
    expect(us.code, us.stderr).toBe(0);
    expect(us.stdout).toContain(
      `Microsoft Entra ID directory ${tid} (issuer https://login.microsoftonline.us/${tid}/v2.0)`,
    );
  });

  it('exits 1 with a stable code on a directory that is not a GUID, or on --issuer with --entra, changing nothing', async () => {
    expect(cli(['tenant', 'create', 'fabrikam', '--name', 'Fabrikam']).code).toBe(0);
    const cases: [string[], string][] = [
      [['--entra', 'common'], 'error VALIDATION: directoryId: must be the Directory (tenant) ID, a GUID'],
      [['--entra', 'fabrikam.onmicrosoft.com'], 'error VALIDATION: directoryId'],
      [
        ['--entra', randomUUID(), '--issuer', 'https://x.okta.example'],
        'error VALIDATION: give exactly one of --issuer',
      ],
      [[], 'error VALIDATION: give exactly one of --issuer'],
    ];
    for (const [extra, message] of cases) {
      const r = cli(['sso', 'set', 'fabrikam', '--client-id', 'c', ...extra]);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
    expect(await ssoRow('fabrikam')).toBeUndefined();
  });

  it('still sets an OIDC issuer as before', async () => {
    expect(cli(['tenant', 'create', 'initech', '--name', 'Initech']).code).toBe(0);
    const r = cli(['sso', 'set', 'initech', '--issuer', 'https://initech.okta.example/', '--client-id', 'c']);
    expect(r.code, r.stderr).toBe(0);
    expect(await ssoRow('initech')).toMatchObject({
      provider: 'oidc',
      issuer: 'https://initech.okta.example',
      directory_id: null,
    });
  });
});

describe('butterfly sso set --google', () => {
  it("stores a Google Workspace client with Google's issuer by default, the secret sealed", async () => {
    expect(cli(['tenant', 'create', 'umbrella', '--name', 'Umbrella']).code).toBe(0);
    const r = cli(
      ['sso', 'set', 'umbrella', '--google', '--client-id', '123-abc.apps.googleusercontent.com', '--json'],
      'GOCSPX-secret\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      provider: 'google',
      issuer: 'https://accounts.google.com',
      directoryId: null,
      clientId: '123-abc.apps.googleusercontent.com',
      hasClientSecret: true,
      domains: [],
    });
    const row = (await ssoRow('umbrella'))!;
    expect(row).toMatchObject({ provider: 'google', issuer: 'https://accounts.google.com', directory_id: null });
    expect(row.client_secret_sealed.toString('latin1')).not.toContain('GOCSPX-secret');
    // Another issuer (google-sim), in plain text output.
    const sim = cli(['sso', 'set', 'umbrella', '--google', '--issuer', 'http://127.0.0.1:25014/', '--client-id', 'c']);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).toContain('SSO of umbrella: Google Workspace (issuer http://127.0.0.1:25014), client c');
    expect(await ssoRow('umbrella')).toMatchObject({ provider: 'google', issuer: 'http://127.0.0.1:25014' });
  });

  it('exits 1 with a stable code on --google with --entra or --authority-url, or a bad issuer, changing nothing', async () => {
    expect(cli(['tenant', 'create', 'hooli', '--name', 'Hooli']).code).toBe(0);
    const cases: [string[], string][] = [
      [['--google', '--entra', randomUUID()], 'error VALIDATION: --google goes with neither --entra'],
      [['--google', '--authority-url', 'https://login.microsoftonline.com'], 'error VALIDATION: --google goes'],
      [['--google', '--issuer', 'accounts.google.com'], 'error VALIDATION: issuer: must be an http(s) URL'],
    ];
    for (const [extra, message] of cases) {
      const r = cli(['sso', 'set', 'hooli', '--client-id', 'c', ...extra]);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
    expect(await ssoRow('hooli')).toBeUndefined();
  });
});
