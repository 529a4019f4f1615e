import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';

/** The CLI as an operator runs it: a real process against a real database. */
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
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split('\n').at(-1) };
}

const countRows = async (table: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n;

describe('butterfly CLI', () => {
  it('creates a tenant and a member, printing each new id alone on the last line', async () => {
    const t = cli('tenant', 'create', 'globex', '--name', 'Globex', '--domain', 'globex.test');
    expect(t.code, t.stderr).toBe(0);
    const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', 'globex').executeTakeFirstOrThrow();
    expect(t.last).toBe(tenant.id);
    const m = cli('member', 'add', 'globex', 'ann@globex.test', '--role', 'admin');
    expect(m.code, m.stderr).toBe(0);
    const member = await db
      .selectFrom('members')
      .select(['id', 'role'])
      .where('email', '=', 'ann@globex.test')
      .executeTakeFirstOrThrow();
    expect(m.last).toBe(member.id);
    expect(member.role).toBe('admin');
  });

  it('prints one JSON document with --json', () => {
    const r = cli('tenant', 'create', 'jsonco', '--name', 'Json Co', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ slug: 'jsonco', name: 'Json Co', domains: [] });
  });

  it('exits 1 with a stable code on bad input and changes nothing', async () => {
    const before = {
      tenants: await countRows('tenants'),
      members: await countRows('members'),
      audit: await countRows('audit_events'),
    };
    const cases: [string[], string][] = [
      [['member', 'add', 'globex', 'bob@globex.test', '--role', 'owner'], 'error VALIDATION: role'],
      [['member', 'add', 'globex', 'not-an-email', '--role', 'admin'], 'error VALIDATION: email'],
      [['member', 'add', 'nope', 'x@y.test', '--role', 'admin'], 'error NOT_FOUND'],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
    expect({
      tenants: await countRows('tenants'),
      members: await countRows('members'),
      audit: await countRows('audit_events'),
    }).toEqual(before);
  });

  it('exits 2 on usage errors and 0 on --help', () => {
    expect(cli('tenant', 'create').code).toBe(2);
    expect(cli('no-such-command').code).toBe(2);
    expect(cli('member', 'add', 'globex', 'x@y.test', '--role').code).toBe(2);
    const help = cli('member', 'add', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--role');
  });

  it('audit verify exits 1 and names a deleted or edited entry', async () => {
    expect(cli('audit', 'verify', 'globex').code).toBe(0);
    const t = await db.selectFrom('tenants').select('id').where('slug', '=', 'globex').executeTakeFirstOrThrow();
    await sql`delete from audit_events where tenant_id = ${t.id} and seq = 1`.execute(db);
    const deleted = cli('audit', 'verify', 'globex');
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toContain('entry seq 1 was removed');

    cli('tenant', 'create', 'edited', '--name', 'Edited');
    await sql`update audit_events set actor_label = 'mallory' where tenant_id = (select id from tenants where slug = 'edited')`.execute(
      db,
    );
    const edited = cli('audit', 'verify', 'edited');
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('entry seq 1');
    expect(edited.stderr).toContain('altered');
  });

  it('stores nothing secret in raw columns', async () => {
    const keys = await db.selectFrom('tenant_keys').select('wrapped_key').execute();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k.wrapped_key.length).toBe(5 + 12 + 16 + 32);
  });
});
