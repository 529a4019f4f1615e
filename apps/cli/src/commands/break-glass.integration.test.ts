import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { runBackup } from '@butterfly/domain/snapshots';
import { fakeIdp, seedConnection, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';

/** `butterfly connection break-glass …` as an operator runs it, against a connection with one backed-up user. */
const { db, url } = await useTestDatabase();
const masterKey = randomBytes(32);
const env = {
  ...process.env,
  DATABASE_URL: url,
  BUTTERFLY_MASTER_KEY: masterKey.toString('base64'),
  LOG_LEVEL: 'warn',
};
const main = resolve(import.meta.dirname, '../main.ts');
const deps = testDeps(db, { kind: 'operator', label: 'test' }, masterKey);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    env,
    encoding: 'utf8',
    cwd: import.meta.dirname,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split('\n').at(-1)! };
}

const tenant = await seedTenant(deps, 'breakglassco');
const connectionId = await seedConnection(deps, tenant.id, 'Production');
await runBackup(deps, {
  tenantId: tenant.id,
  connectionId,
  trigger: 'test',
  client: fakeIdp([
    {
      type: 'user',
      id: '00u1bg',
      body: {
        id: '00u1bg',
        status: 'ACTIVE',
        profile: { login: 'bg@breakglass.example', firstName: 'Emergency', lastName: 'Admin' },
      },
    },
  ]),
});

describe('butterfly connection break-glass', () => {
  it('adds by login (printing the Okta id last), lists, refuses an unknown user and a repeat, and removes', () => {
    const add = cli('connection', 'break-glass', 'add', connectionId, 'bg@breakglass.example');
    expect(add.code, add.stderr).toBe(0);
    expect(add.last).toBe('00u1bg');
    const list = cli('connection', 'break-glass', 'list', connectionId, '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        oktaUserId: '00u1bg',
        login: 'bg@breakglass.example',
        displayName: 'Emergency Admin',
        addedBy: expect.stringMatching(/^operator:cli/),
      }),
    ]);
    expect(cli('connection', 'break-glass', 'list', connectionId).stdout).toContain(
      '00u1bg  bg@breakglass.example  Emergency Admin',
    );

    const unknown = cli('connection', 'break-glass', 'add', connectionId, 'nobody@breakglass.example');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('VALIDATION');
    const again = cli('connection', 'break-glass', 'add', connectionId, '00u1bg');
    expect(again.stderr).toContain('CONFLICT');

    expect(cli('connection', 'break-glass', 'remove', connectionId, '00u1bg').code).toBe(0);
    expect(cli('connection', 'break-glass', 'list', connectionId).stdout).toContain('no break-glass accounts declared');
    expect(cli('connection', 'break-glass', 'remove', connectionId, '00u1bg').stderr).toContain('NOT_FOUND');
  });
});
