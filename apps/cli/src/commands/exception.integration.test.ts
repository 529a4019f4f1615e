import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { approveException } from '@butterfly/domain/exceptions';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { parseExpiry } from './exception.ts';

/** `butterfly exception …` as an operator runs it. */
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

const tenant = await seedTenant(deps, 'exceptionco');
const connectionId = await seedConnection(deps, tenant.id, 'Production');

describe('butterfly exception', () => {
  it('adds (printing the id last), lists, refuses bad input, and revokes; approval stays with a member', async () => {
    const add = cli(
      'exception',
      'add',
      connectionId,
      'OKTA-APP-000560',
      '--rationale',
      'Service account behind an IP zone',
      '--expires',
      '30d',
      '--object-type',
      'user',
      '--object-id',
      '00u1svc',
    );
    expect(add.code, add.stderr).toBe(0);
    const id = add.last;
    const list = cli('exception', 'list', connectionId, '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        id,
        status: 'requested',
        ruleId: 'OKTA-APP-000560',
        scope: { objectType: 'user', objectId: '00u1svc' },
        requestedBy: expect.stringMatching(/^operator:/),
      }),
    ]);

    const admin = { ...deps, actor: memberActor(tenant.id, await seedMember(deps, tenant.id, 'admin')) };
    await approveException(admin, tenant.id, { id });
    expect(cli('exception', 'list', connectionId, '--status', 'active').stdout).toContain(`${id}  active`);

    const past = cli(
      'exception',
      'add',
      connectionId,
      'OKTA-APP-000560',
      '--rationale',
      'Expired before it began',
      '--expires',
      '2020-01-01T00:00:00Z',
    );
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain('VALIDATION');
    expect(
      cli('exception', 'add', connectionId, 'NOPE-1', '--rationale', 'Not a rule of ours', '--expires', '5d').stderr,
    ).toContain('VALIDATION');

    expect(cli('exception', 'revoke', id, '--reason', 'fixed').code).toBe(0);
    expect(cli('exception', 'list', connectionId, '--status', 'active').stdout).toContain('no exceptions');
    expect(cli('exception', 'revoke', id).stderr).toContain('CONFLICT');
    expect(cli('exception', 'revoke', '00000000-0000-4000-8000-000000000000').stderr).toContain('NOT_FOUND');
  });

  it('reads --expires as an ISO date-time or a duration from now', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(parseExpiry('30d', now)).toBe('2027-01-05T12:00:00.000Z');
    expect(parseExpiry('12h', now)).toBe('2026-12-07T00:00:00.000Z');
    expect(parseExpiry('2027-02-01T00:00:00Z', now)).toBe('2027-02-01T00:00:00Z');
  });
});
