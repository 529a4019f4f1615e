import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { hashSecret } from '@butterfly/domain/credentials';
import { authenticateScimToken } from '@butterfly/domain/scim';
import { describe, expect, it } from 'vitest';

/** The SCIM commands as an operator runs them: a real process against a real database. */
const { db, url } = await useTestDatabase();
const env = {
  ...process.env,
  DATABASE_URL: url,
  BUTTERFLY_MASTER_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
};
const main = resolve(import.meta.dirname, '../bin/butterfly.ts');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { env, encoding: 'utf8', cwd: import.meta.dirname });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split('\n').at(-1)! };
}

expect(cli('tenant', 'create', 'scimco', '--name', 'Scim Co').code).toBe(0);
const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', 'scimco').executeTakeFirstOrThrow();

describe('butterfly scim-token', () => {
  it('creates tokens printed alone on the last line, stored only as their SHA-256, several active at once', async () => {
    const first = cli('scim-token', 'create', 'scimco', '--label', 'Okta production');
    expect(first.code, first.stderr).toBe(0);
    expect(first.last).toMatch(/^bfys_[A-Za-z0-9_-]{43}$/);
    const second = cli('scim-token', 'create', 'scimco');
    expect(second.last).not.toBe(first.last);

    const rows = await db
      .selectFrom('scim_tokens')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('created_at')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.token_hash.equals(hashSecret(first.last))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(first.last.slice(12));
    for (const raw of [first.last, second.last]) {
      expect(await authenticateScimToken({ db, clock: () => new Date() }, raw)).toMatchObject({ tenantId: tenant.id });
    }
  });

  it('lists tokens without their secret, and revokes one at once', async () => {
    const list = cli('scim-token', 'list', 'scimco', '--json');
    expect(list.code).toBe(0);
    const tokens = JSON.parse(list.stdout) as { id: string; label: string; prefix: string; active: boolean }[];
    expect(tokens.map((t) => [t.label, t.active])).toEqual([
      ['SCIM', true],
      ['Okta production', true],
    ]);
    for (const t of tokens) expect(t.prefix).toMatch(/^bfys_.{6}$/);
    const okta = tokens[1]!;
    const minted = await db
      .selectFrom('scim_tokens')
      .select('token_hash')
      .where('id', '=', okta.id)
      .executeTakeFirstOrThrow();

    const revoked = cli('scim-token', 'revoke', 'scimco', okta.id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('revoked');
    const human = cli('scim-token', 'list', 'scimco');
    expect(human.stdout).toMatch(new RegExp(`${okta.id}.*revoked.*Okta production`));
    const row = await db
      .selectFrom('scim_tokens')
      .select(['revoked_at', 'token_hash'])
      .where('id', '=', okta.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeInstanceOf(Date);
    expect(row.token_hash.equals(minted.token_hash)).toBe(true);
    expect(cli('scim-token', 'revoke', 'scimco', okta.id).stdout).toContain('already revoked');
  });

  it('exits 1 on unknown tenants and tokens, 2 on missing arguments, and writes nothing', async () => {
    const before = (await sql<{ n: number }>`select count(*)::int as n from scim_tokens`.execute(db)).rows[0]!.n;
    expect(cli('scim-token', 'create', 'nope').stderr).toContain('error NOT_FOUND');
    const unknown = cli('scim-token', 'revoke', 'scimco', crypto.randomUUID());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error NOT_FOUND');
    expect(cli('scim-token', 'revoke', 'scimco').code).toBe(2);
    expect((await sql<{ n: number }>`select count(*)::int as n from scim_tokens`.execute(db)).rows[0]!.n).toBe(before);
  });
});

describe('butterfly scim-group-role', () => {
  it("maps a pushed group to a role and recomputes its members' roles", async () => {
    const member = await db
      .insertInto('members')
      .values({
        tenant_id: tenant.id,
        user_name: 'gina@scimco.test',
        email: 'gina@scimco.test',
        role: 'read_only',
        role_source: 'scim',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const group = await db
      .insertInto('scim_groups')
      .values({ tenant_id: tenant.id, display_name: 'Butterfly Auditors' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('scim_group_members')
      .values({ tenant_id: tenant.id, group_id: group.id, member_id: member.id })
      .execute();
    const roleOf = async () =>
      (await db.selectFrom('members').select('role').where('id', '=', member.id).executeTakeFirstOrThrow()).role;

    const set = cli('scim-group-role', 'set', 'scimco', 'butterfly auditors', 'auditor');
    expect(set.code, set.stderr).toBe(0);
    expect(await roleOf()).toBe('auditor');
    expect(cli('scim-group-role', 'list', 'scimco').stdout).toContain('auditor  Butterfly Auditors (1 member(s))');
    const bad = cli('scim-group-role', 'set', 'scimco', 'Butterfly Auditors', 'owner');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error VALIDATION');
    expect(cli('scim-group-role', 'set', 'scimco', 'No Such Group', 'admin').stderr).toContain('error NOT_FOUND');
    expect(cli('scim-group-role', 'set', 'scimco', group.id, 'none').code).toBe(0);
    expect(await roleOf()).toBe('read_only');
  });
});
