import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { authenticateApiToken } from '@butterfly/domain/api-tokens';
import { hashSecret } from '@butterfly/domain/credentials';
import { describe, expect, it } from 'vitest';

/** The api-token commands as an operator runs them: a real process against a real database. */
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

expect(cli('tenant', 'create', 'tokco', '--name', 'Tok Co').code).toBe(0);
expect(cli('member', 'add', 'tokco', 'ops@tokco.test', '--role', 'backup_operator').code).toBe(0);

describe('butterfly api-token', () => {
  it('creates a token printed alone on the last line, capped at the owner, with an expiry', async () => {
    const r = cli(
      'api-token',
      'create',
      'tokco',
      'ops@tokco.test',
      '--name',
      'nightly',
      '--role',
      'auditor',
      '--expires',
      '30',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.last).toMatch(/^bfy_[A-Za-z0-9_-]{43}$/);
    const row = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', hashSecret(r.last))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'nightly', role: 'auditor' });
    expect(Math.round((row.expires_at!.getTime() - row.created_at.getTime()) / 86_400_000)).toBe(30);
    expect(await authenticateApiToken({ db, clock: () => new Date() }, r.last)).toMatchObject({
      role: 'auditor',
      email: 'ops@tokco.test',
    });

    const plain = cli('api-token', 'create', 'tokco', 'ops@tokco.test');
    expect(await authenticateApiToken({ db, clock: () => new Date() }, plain.last)).toMatchObject({
      role: 'backup_operator',
    });
  });

  it('refuses a role above the owner, unknown people, and bad arguments', () => {
    const above = cli('api-token', 'create', 'tokco', 'ops@tokco.test', '--role', 'admin');
    expect(above.code).toBe(1);
    expect(above.stderr).toContain('error VALIDATION');
    expect(cli('api-token', 'create', 'tokco', 'nobody@tokco.test').stderr).toContain('error NOT_FOUND');
    expect(cli('api-token', 'create', 'tokco', 'ops@tokco.test', '--expires', 'soon').code).toBe(2);
    expect(cli('api-token', 'create', 'tokco').code).toBe(2);
  });

  it('lists without secrets and revokes at once', async () => {
    const created = cli('api-token', 'create', 'tokco', 'ops@tokco.test', '--name', 'to-revoke');
    const list = JSON.parse(cli('api-token', 'list', 'tokco', 'ops@tokco.test', '--json').stdout) as {
      id: string;
      name: string;
    }[];
    expect(JSON.stringify(list)).not.toContain(created.last.slice(10));
    const id = list.find((t) => t.name === 'to-revoke')!.id;
    expect(cli('api-token', 'revoke', 'tokco', id).code).toBe(0);
    expect(await authenticateApiToken({ db, clock: () => new Date() }, created.last)).toBeNull();
  });
});
