import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../testing/cli-process.ts';

/**
 * `butterfly connection …` as an operator runs it: a real process, a real database, and a minimal
 * stand-in for an Okta org on loopback (an SSWS admin without the roles permission).
 */
const { db, url } = await useTestDatabase();
const cli = cliProcess(url);
const GOOD = 'ssws-good-token-0123456789';

const okta = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const send = (status: number, body: unknown) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-rate-limit-limit': '600',
      'x-rate-limit-remaining': '599',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 60),
    });
    res.end(JSON.stringify(body));
  };
  if (req.headers.authorization !== `SSWS ${GOOD}`)
    return send(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
  if (path === '/api/v1/iam/roles')
    return send(403, {
      errorCode: 'E0000006',
      errorSummary: 'You do not have permission to perform the requested action',
      errorCauses: [],
    });
  send(200, path === '/api/v1/org' || path.includes('/schemas/') || path.includes('/threats/') ? {} : []);
});
await new Promise<void>((r) => okta.listen(0, '127.0.0.1', r));
const orgUrl = `http://127.0.0.1:${(okta.address() as AddressInfo).port}`;
afterAll(() => new Promise((r) => okta.close(r)));

/** Async on purpose: the stand-in Okta answers from this process while the CLI runs. */
describe('butterfly connection', () => {
  it('adds connections (SSWS on stdin, OAuth key from a file), printing each id alone on the last line', async () => {
    expect((await cli(['tenant', 'create', 'initech', '--name', 'Initech'])).code).toBe(0);
    const ssws = await cli(
      ['connection', 'add', 'initech', '--name', 'prod', '--okta', orgUrl, '--ssws-stdin'],
      `${GOOD}\n`,
    );
    expect(ssws.code, ssws.stderr).toBe(0);
    const row = await db.selectFrom('connections').selectAll().where('name', '=', 'prod').executeTakeFirstOrThrow();
    expect(ssws.last).toBe(row.id);
    expect(row.credentials_sealed?.toString('latin1')).not.toContain(GOOD);

    const dir = mkdtempSync(join(tmpdir(), 'bfy-key-'));
    const keyFile = join(dir, 'service-app.pem');
    writeFileSync(
      keyFile,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const oauth = await cli([
      'connection',
      'add',
      'initech',
      '--name',
      'oauth',
      '--okta',
      'https://initech.okta.com',
      '--client-id',
      '0oa-svc',
      '--private-key-file',
      keyFile,
    ]);
    expect(oauth.code, oauth.stderr).toBe(0);
    expect(oauth.last).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists connections without their credentials', async () => {
    const human = await cli(['connection', 'list', 'initech']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`prod  ${orgUrl}  ssws  never tested`);
    const json = await cli(['connection', 'list', 'initech', '--json']);
    expect(JSON.parse(json.stdout).map((c: { name: string }) => c.name)).toEqual(['oauth', 'prod']);
    expect(json.stdout).not.toContain(GOOD);
    expect(json.stdout).not.toContain('PRIVATE KEY');
  });

  it('tests a connection: names the missing scopes and what they leave out', async () => {
    const { id } = await db.selectFrom('connections').select('id').where('name', '=', 'prod').executeTakeFirstOrThrow();
    // No APP_URL: localhost, where BUTTERFLY_ALLOW_PRIVATE_URLS defaults to on (as for backups).
    const r = await cli(['connection', 'test', id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`connected to ${orgUrl} (ssws)`);
    expect(r.stdout).toMatch(/missing okta\.roles\.read: leaves out .*admin_role/);
    const stored = await db
      .selectFrom('connections')
      .select('last_test')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.last_test).toMatchObject({ ok: false, connected: true });
  });

  it('exits 1 when it cannot connect: a loopback org not allowed (ADDRESS_REFUSED), a refused token (CONNECT)', async () => {
    const { id } = await db.selectFrom('connections').select('id').where('name', '=', 'prod').executeTakeFirstOrThrow();
    const refused = await cli(['connection', 'test', id], '', { BUTTERFLY_ALLOW_PRIVATE_URLS: 'false' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error ADDRESS_REFUSED: ');
    expect(refused.stderr).toContain('private, loopback or link-local');

    const bad = await cli(
      ['connection', 'add', 'initech', '--name', 'bad', '--okta', orgUrl, '--ssws-stdin'],
      'ssws-wrong-token-000000',
    );
    const r = await cli(['connection', 'test', bad.last!, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error CONNECT: ');
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      connected: false,
      detail: expect.stringContaining('Invalid token'),
    });
  });

  it('exits 2 on usage errors and 1 on bad input, storing nothing', async () => {
    const before = await db
      .selectFrom('connections')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await cli(['connection', 'add', 'initech', '--name', 'x', '--okta', orgUrl])).code).toBe(2);
    expect(
      (
        await cli(
          ['connection', 'add', 'initech', '--name', 'x', '--okta', orgUrl, '--ssws-stdin', '--client-id', 'a'],
          GOOD,
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await cli([
          'connection',
          'add',
          'initech',
          '--name',
          'x',
          '--okta',
          orgUrl,
          '--client-id',
          'a',
          '--private-key-file',
          '/nope.pem',
        ])
      ).code,
    ).toBe(2);
    const bad = await cli(
      ['connection', 'add', 'initech', '--name', 'x', '--okta', 'ftp://okta', '--ssws-stdin'],
      GOOD,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error VALIDATION: orgUrl');
    expect((await cli(['connection', 'test', '00000000-0000-0000-0000-000000000000'])).stderr).toContain(
      'error NOT_FOUND',
    );
    const after = await db.selectFrom('connections').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("sets an OAuth connection's rate-limit share (decision 047): a percent, or back to Okta's default", {
    timeout: 180_000,
  }, async () => {
    const { id } = await db
      .selectFrom('connections')
      .select('id')
      .where('name', '=', 'oauth')
      .executeTakeFirstOrThrow();
    const raised = await cli(['connection', 'edit', id, '--rate-limit-share', '80']);
    expect(raised.code, raised.stderr).toBe(0);
    expect(raised.stdout).toContain('rate limits: at most 80 % of each Okta bucket');
    const bad = await cli(['connection', 'edit', id, '--rate-limit-share', '0']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('1 to 100')]);
    expect(
      (await db.selectFrom('connections').select('rate_limit_share').where('id', '=', id).executeTakeFirstOrThrow())
        .rate_limit_share,
    ).toBe(80);
    const back = await cli(['connection', 'edit', id, '--rate-limit-share', 'default', '--json']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ rateLimitShare: null, rateLimitCeiling: 50 });
  });

  // Each run of the CLI is a process start (a few seconds on a busy machine): these two stay short.
  it('edits (rename under the creation rules, replace the credential), pauses and resumes a connection', {
    timeout: 180_000,
  }, async () => {
    const add = await cli(
      ['connection', 'add', 'initech', '--name', 'staging', '--okta', orgUrl, '--ssws-stdin'],
      'ssws-old-token-0000000000',
    );
    const id = add.last!;
    const renamed = await cli(['connection', 'edit', id, '--name', 'staging-eu']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('updated staging-eu');
    const taken = await cli(['connection', 'edit', id, '--name', 'prod']);
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining('error NAME_TAKEN')]);
    const replaced = await cli(['connection', 'edit', id, '--ssws-stdin', '--json'], `${GOOD}\n`);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).not.toContain(GOOD);

    expect((await cli(['connection', 'pause', id, '--reason', 'Okta migration'])).stdout).toContain(
      'paused staging-eu (Okta migration)',
    );
    const refused = await cli(['backup', 'run', 'initech', id]);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('error CONNECTION_PAUSED')]);
    expect((await cli(['connection', 'resume', id])).code).toBe(0);
    expect(
      await db.selectFrom('connections').select(['name', 'paused_at']).where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({ name: 'staging-eu', paused_at: null });
  });

  it('deletes a connection: asks for the name, refuses without a terminal unless --yes (exit 2), keeps the snapshots when told', {
    timeout: 180_000,
  }, async () => {
    const { id } = await db
      .selectFrom('connections')
      .select('id')
      .where('name', '=', 'staging-eu')
      .executeTakeFirstOrThrow();
    const piped = await cli(['connection', 'delete', id, '--keep-snapshots']);
    expect([piped.code, piped.stderr]).toEqual([2, expect.stringContaining('pass --yes')]);
    expect(
      (await db.selectFrom('connections').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow())
        .deleted_at,
    ).toBeNull();
    const deleted = await cli(['connection', 'delete', id, '--keep-snapshots', '--yes']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain('deleted staging-eu; its 0 snapshot(s) are kept read-only');
    const listed = await cli(['connection', 'list', 'initech', '--include-deleted']);
    expect(listed.stdout).toMatch(/staging-eu .* deleted \(snapshots kept, read-only\)/);
  });
  it('event-driven freshness (decision 048): shows the recovery point, prints the event hook set-up once, turns off', {
    timeout: 120_000,
  }, async () => {
    const shown = await cli(['connection', 'freshness', 'initech', 'prod']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('prod: event-driven freshness off');
    expect(shown.stdout).toContain('protected up to never');
    const bad = await cli(['connection', 'freshness', 'initech', 'prod', 'maybe']);
    expect(bad.code).toBe(2);
    const hook = await cli(['connection', 'event-hook', 'initech', 'prod', '--json']);
    expect(hook.code, hook.stderr).toBe(0);
    const h = JSON.parse(hook.stdout);
    expect(h).toMatchObject({ header: 'Authorization', url: expect.stringMatching(/\/hooks\/okta\/[0-9a-f-]{36}$/) });
    expect(h.secret).toMatch(/^bfh_/);
    // Only its hash is stored.
    const row = await db
      .selectFrom('connection_freshness')
      .select('hook_secret_hash')
      .where('connection_id', '=', h.connectionId)
      .executeTakeFirstOrThrow();
    expect(row.hook_secret_hash!.toString('latin1')).not.toContain(h.secret);
    const off = await cli(['connection', 'freshness', 'initech', 'prod', 'off', '--json']);
    expect(off.code, off.stderr).toBe(0);
    expect(JSON.parse(off.stdout)).toMatchObject({ enabled: false, hookConfigured: true });
  });
});
