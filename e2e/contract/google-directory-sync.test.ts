import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { idpClientFactory } from '@butterfly/connectors';
import { authenticateApiToken, createApiToken } from '@butterfly/domain/api-tokens';
import { acceptDirectoryWatch, setDirectorySync, watchDirectory } from '@butterfly/domain/directory-sync';
import { jobQueue } from '@butterfly/jobs';
import { inTransaction } from '@butterfly/domain/core';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { GOOGLE_DEMO, googleControl, googleDemoWorld } from './support/google-sim.ts';
import { product } from './support/product.ts';

/**
 * Issue 22, decision 064: Butterfly pulls the members of a Google Workspace customer (google-sim's
 * demo) through the connector, with the CLI and the jobs' `directory-sync.run` task as an operator
 * and the worker run them; a suspension in Google ends the member's session and API token.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const world = googleDemoWorld(app);

const member = (email: string) =>
  db
    .selectFrom('members')
    .select(['id', 'role', 'role_source', 'active', 'google_sub'])
    .where('tenant_id', '=', world.demo.tenantId)
    .where('email', '=', email)
    .executeTakeFirst();

describe('Google directory sync against google-sim', () => {
  it('`directory-sync run --wait` creates the members of the five groups with their roles', async () => {
    const r = await app.cli('directory-sync', 'run', 'butterfly', 'butterfly-google', '--wait', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.missingGroups).toEqual([]);
    expect(out.counts.users).toBeGreaterThanOrEqual(GOOGLE_DEMO.users);
    expect(out.counts.created).toBeGreaterThan(5);
    expect(await member(GOOGLE_DEMO.admin)).toMatchObject({
      role: 'super_admin',
      role_source: 'directory',
      active: true,
    });
    expect(await member(GOOGLE_DEMO.member)).toMatchObject({ role: 'backup_operator', active: true });
    expect(await member(`sec.lead@${GOOGLE_DEMO.domain}`)).toMatchObject({ role: 'auditor' });
    // The support group sits inside butterfly-read-only: its members are read-only.
    const readOnly = await db
      .selectFrom('members')
      .select('email')
      .where('tenant_id', '=', world.demo.tenantId)
      .where('role', '=', 'read_only')
      .execute();
    expect(readOnly.length).toBeGreaterThan(0);
    // Suspended and archived accounts, and users in none of the groups, get no member.
    expect(await member(GOOGLE_DEMO.suspended)).toBeUndefined();
    expect(await member(GOOGLE_DEMO.archived)).toBeUndefined();
    expect(await member(`hana.helpdesk@${GOOGLE_DEMO.domain}`)).toBeUndefined();

    const again = JSON.parse(
      (await app.cli('directory-sync', 'run', 'butterfly', 'butterfly-google', '--wait', '--json')).stdout,
    );
    expect(again.counts).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
  });

  it('a suspension in Google, then a queued sync: the session ends and the API token is refused', async () => {
    const mia = (await member(GOOGLE_DEMO.member))!;
    const session = await inTransaction(db, (trx) =>
      createSession({ ...app.deps, db: trx }, { tenantId: world.demo.tenantId, memberId: mia.id, authMethod: 'sso' }),
    );
    const token = await createApiToken(app.deps, world.demo.tenantId, { name: 'ci', member: mia.id });
    expect(await resolveSession(app.deps, session.raw)).not.toBeNull();
    expect(await authenticateApiToken(app.deps, token.token)).not.toBeNull();

    const suspended = await googleControl(
      world.sim.url,
      'PATCH',
      `/customers/${GOOGLE_DEMO.customerId}/users/${GOOGLE_DEMO.member}`,
      {
        suspended: true,
      },
    );
    expect(suspended.status).toBe(200);
    const queued = await app.cli('directory-sync', 'run', 'butterfly', 'butterfly-google');
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/directory sync of butterfly-google queued/);
    await app.runDueJobs();

    expect(await member(GOOGLE_DEMO.member)).toMatchObject({ id: mia.id, active: false });
    expect(await resolveSession(app.deps, session.raw)).toBeNull();
    expect(await authenticateApiToken(app.deps, token.token)).toBeNull();

    const status = JSON.parse(
      (await app.cli('directory-sync', 'status', 'butterfly', 'butterfly-google', '--json')).stdout,
    );
    expect(status).toMatchObject({ lastError: null, running: false, counts: { deactivated: 1 } });
    expect(status.lagSeconds).toBeGreaterThanOrEqual(0);
  });

  it('`directory-sync roles` names groups; a bad email changes nothing; a missing group is reported', async () => {
    const bad = await app.cli('directory-sync', 'roles', 'butterfly', 'butterfly-google', '--admin', 'not-an-email');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error VALIDATION/);
    const set = await app.cli(
      'directory-sync',
      'roles',
      'butterfly',
      'butterfly-google',
      '--auditor',
      `it-ops@${GOOGLE_DEMO.domain}`,
      '--read-only',
      `nobody-here@${GOOGLE_DEMO.domain}`,
      '--json',
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).groups).toMatchObject({ auditor: `it-ops@${GOOGLE_DEMO.domain}` });
    const on = await app.cli('directory-sync', 'on', 'butterfly', 'butterfly-google', '--json');
    expect(JSON.parse(on.stdout)).toMatchObject({ enabled: true, groups: { auditor: `it-ops@${GOOGLE_DEMO.domain}` } });
    const r = JSON.parse(
      (await app.cli('directory-sync', 'run', 'butterfly', 'butterfly-google', '--wait', '--json')).stdout,
    );
    expect(r.missingGroups).toEqual([`nobody-here@${GOOGLE_DEMO.domain}`]);
    const status = await app.cli('directory-sync', 'status', 'butterfly', 'butterfly-google');
    expect(status.stdout).toContain(
      `groups not found in Google (their roles go to nobody): nobody-here@${GOOGLE_DEMO.domain}`,
    );
    // Read-only members are out of every group now: deactivated.
    expect(r.counts.deactivated).toBeGreaterThan(0);
    const ops = await member(`it.ops@${GOOGLE_DEMO.domain}`);
    expect(ops).toMatchObject({ role: 'admin', active: true }); // admins outranks it-ops' auditor
  });

  it('users.watch: Google rings the doorbell on a suspension and the queued sync deactivates the member', async () => {
    // The doorbell as apps/web's route calls it, on a port of this process (the web app is not up here).
    const calls: { outcome: string; state: string | null }[] = [];
    const server: Server = createServer((req, res) => {
      const h = (n: string) => (req.headers[n] as string | undefined) ?? null;
      void acceptDirectoryWatch(
        { db, clock: () => new Date(), jobs: jobQueue },
        {
          connectionId: req.url!.split('/').at(-1)!,
          channelId: h('x-goog-channel-id'),
          token: h('x-goog-channel-token'),
          state: h('x-goog-resource-state'),
        },
      ).then((outcome) => {
        calls.push({ outcome, state: h('x-goog-resource-state') });
        res.writeHead(outcome === 'refused' ? 401 : 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await setDirectorySync(app.deps, world.demo.tenantId, { connectionId: world.demo.connectionId, enabled: true });
      const w = await watchDirectory(
        { ...app.deps, idpClientFor: idpClientFactory({ allowPrivateNetwork: true }) },
        world.demo.tenantId,
        { connectionId: world.demo.connectionId },
        { appUrl },
      );
      expect(w.address).toBe(`${appUrl}/hooks/google/${world.demo.connectionId}`);
      await expect.poll(() => calls).toEqual([{ outcome: 'ignored', state: 'sync' }]);

      const ops = `it.ops@${GOOGLE_DEMO.domain}`;
      expect(await member(ops)).toMatchObject({ active: true });
      await googleControl(world.sim.url, 'PATCH', `/customers/${GOOGLE_DEMO.customerId}/users/${ops}`, {
        suspended: true,
      });
      await expect.poll(() => calls.at(-1)).toEqual({ outcome: 'accepted', state: 'update' });
      await app.runDueJobs();
      expect(await member(ops)).toMatchObject({ active: false });

      // A call with another token, or for an old channel, is refused and queues nothing.
      const forged = await fetch(w.address, {
        method: 'POST',
        headers: {
          'x-goog-channel-id': w.channelId,
          'x-goog-channel-token': 'bfh_forged',
          'x-goog-resource-state': 'update',
        },
      });
      expect(forged.status).toBe(401);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('an unknown connection is NOT_FOUND', async () => {
    const r = await app.cli('directory-sync', 'status', 'butterfly', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error NOT_FOUND/);
  });
});
