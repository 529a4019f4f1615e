import { GOOGLE_CATALOG, GOOGLE_READ_SCOPES, idpClientFactory } from '@butterfly/connectors';
import { useTestDatabase } from '@butterfly/db/testing';
import { testConnection } from '@butterfly/domain/connections';
import { diffSnapshots, type ObjectChange } from '@butterfly/domain/diff';
import { readSnapshot } from '@butterfly/domain/snapshots';
import { describe, expect, it } from 'vitest';
import { completeSnapshots } from './support/entra-sim.ts';
import { GOOGLE_DEMO, googleControl, googleDemoWorld } from './support/google-sim.ts';
import { product } from './support/product.ts';
import { findInDatabase, pemPieces } from './support/secrets.ts';

/**
 * Issue 22: a backup of every type of the Google catalog from google-sim's demo customer, through the
 * jobs' `backup` task, with the connection added the way `connection add --google` adds it (the
 * service account's key file, every Google host at the simulator's one URL). google-sim runs in this
 * process on a port the system picks (tests may import a simulator; the product never does).
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
/** Catalog types the demo customer does not seed (apps/google-sim/README.md), each with the reason. */
const NOT_SEEDED: Record<string, string> = {
  inboundOidcSsoProfile: 'google-sim serves the list, but its demo seeds no inbound OIDC SSO profile (SAML only)',
};

const world = googleDemoWorld(app);

const complete = () => completeSnapshots(db, world.demo.connectionId);
type Obj = { id: string; body: any };

async function objectsByType(snapshotId: string) {
  const byType = new Map<string, Obj[]>();
  for await (const x of readSnapshot(app.deps, world.demo.tenantId, snapshotId)) {
    byType.set(x.type, [...(byType.get(x.type) ?? []), x as Obj]);
  }
  return byType;
}

/** The strings at a catalog reference path (`a.b`, `a[].b`). */
function valuesAt(body: unknown, path: string): string[] {
  let here: unknown[] = [body];
  for (const seg of path.split('.')) {
    const many = seg.endsWith('[]');
    const key = many ? seg.slice(0, -2) : seg;
    here = here.flatMap((x) => {
      const v = (x as Record<string, unknown> | null)?.[key];
      return many ? (Array.isArray(v) ? v : []) : v === undefined ? [] : [v];
    });
  }
  return here.filter((v): v is string => typeof v === 'string');
}

describe('testing the connection to google-sim', () => {
  const idpClientFor = idpClientFactory({ allowPrivateNetwork: true });
  const test = () =>
    testConnection({ ...app.deps, idpClientFor }, world.demo.tenantId, { connectionId: world.demo.connectionId });

  it('finds every read scope delegated, then names the one the admin takes away and what it leaves out', async () => {
    const all = await test();
    expect(all.report).toMatchObject({ ok: true, connected: true, missing: [] });
    // The Admin audit log's scope too (decision 067): optional, asked for on its own.
    expect(all.report.granted).toEqual([
      ...GOOGLE_READ_SCOPES,
      'https://www.googleapis.com/auth/admin.reports.audit.readonly',
    ]);
    expect(all.report.optionalMissing).toBeUndefined();

    const path = `/customers/${GOOGLE_DEMO.customerId}/delegations/${GOOGLE_DEMO.backup.clientId}`;
    const before = (await googleControl(world.sim.url, 'GET', `/customers/${GOOGLE_DEMO.customerId}`)).body.delegations[
      GOOGLE_DEMO.backup.clientId
    ] as string[];
    const sso = GOOGLE_READ_SCOPES.find((x) => x.endsWith('/cloud-identity.inboundsso.readonly'))!;
    const cut = await googleControl(world.sim.url, 'PUT', path, { scopes: before.filter((x) => x !== sso) });
    expect(cut.status, JSON.stringify(cut.body)).toBe(200);
    try {
      const less = await test();
      expect(less.report).toMatchObject({ ok: false, connected: true });
      expect(less.report.missing).toEqual([
        { scope: sso, leavesOut: ['inboundSamlSsoProfile', 'inboundOidcSsoProfile', 'inboundSsoAssignment'] },
      ]);
    } finally {
      expect((await googleControl(world.sim.url, 'PUT', path, { scopes: before })).status).toBe(200);
    }
    expect((await test()).report.ok).toBe(true);
  }, 60_000);
});

describe('backups of google-sim', () => {
  let byType = new Map<string, Obj[]>();

  it('a full backup through the jobs holds every type of the Google catalog, and no key', async () => {
    await app.backupThroughJobs(world.demo);
    const [snap] = await complete();
    expect(snap).toMatchObject({ status: 'complete', trigger: 'manual', kind: 'full' });
    byType = await objectsByType(snap!.id);
    const count = [...byType.values()].reduce((n, xs) => n + xs.length, 0);
    expect(count).toBe(snap!.object_count);
    const expected = GOOGLE_CATALOG.map((d) => d.type).filter((t) => !(t in NOT_SEEDED));
    expect(expected.filter((t) => !byType.has(t))).toEqual([]);
    // The types left out are really absent from the demo customer (if the seed gains them, this list must shrink).
    expect(Object.keys(NOT_SEEDED).filter((t) => byType.has(t))).toEqual([]);

    // The demo as its README describes it: all 200 users, the customer, 9 super admins.
    expect(byType.get('user')).toHaveLength(GOOGLE_DEMO.users);
    expect(byType.get('user')!.filter((u) => u.body.isAdmin)).toHaveLength(GOOGLE_DEMO.superAdmins);
    expect(byType.get('customer')![0]!.body).toMatchObject({ id: GOOGLE_DEMO.customerId });
    expect(byType.get('group.settings')).toHaveLength(byType.get('group')!.length);

    // Every reference by id names an object of the same snapshot (a role assignment's orgUnitId is
    // the org unit's bare id, without the `id:` of the org unit's own orgUnitId; a policy's
    // policyQuery.orgUnit is `orgUnits/<that id>`).
    const ids = new Map([...byType].map(([t, xs]) => [t, new Set(xs.map((x) => x.id))]));
    // A group may hold an external account (the demo's contractor@partner.test): not the customer's to back up.
    const domains = [...byType.get('domain')!, ...byType.get('domainAlias')!].map((d) => d.id);
    const outside = byType
      .get('group.members')!
      .flatMap((g) => g.body.members as { id: string; email: string }[])
      .filter((m) => !domains.includes(m.email.split('@')[1]!));
    expect(outside.map((m) => m.email)).toEqual(['contractor@partner.test']);
    for (const m of outside) ids.set('user', new Set([...ids.get('user')!, m.id]));
    const dangling: string[] = [];
    let resolved = 0;
    let byName = 0;
    for (const def of GOOGLE_CATALOG) {
      for (const ref of (def.refs ?? []).filter((r) => !r.by)) {
        const types = Array.isArray(ref.type) ? ref.type : [ref.type];
        for (const o of byType.get(def.type) ?? []) {
          for (const at of valuesAt(o.body, ref.path)) {
            // A Cloud Identity resource name (`orgUnits/<id>`) names the id after its prefix.
            const v = ref.prefix && at.startsWith(ref.prefix) ? at.slice(ref.prefix.length) : at;
            if (types.some((t) => ids.get(t)?.has(v))) {
              resolved++;
              if (ref.prefix) byName++;
            } else dangling.push(`${def.type} ${o.id} ${ref.path}=${v}`);
          }
        }
      }
    }
    expect(dangling).toEqual([]);
    expect(resolved).toBeGreaterThan(200);
    // Every policy names its org unit or group, every SSO assignment its target (and profile).
    expect(byName).toBeGreaterThanOrEqual(byType.get('policy')!.length + byType.get('inboundSsoAssignment')!.length);
    const scoped = byType.get('roleAssignment')!.filter((a) => a.body.orgUnitId);
    expect(scoped.length).toBeGreaterThan(0);

    // The service account's private key is nowhere in the database (sealed, not stored in the clear).
    const key = JSON.parse(world.keyFile) as { private_key: string };
    const pieces = pemPieces(key.private_key);
    expect(pieces.length).toBe(3);
    expect(await findInDatabase(db, pieces)).toEqual([]);
  }, 180_000);

  it("a second backup shows a console policy change and a user's 2SV change in the diff", async () => {
    const password = byType
      .get('policy')
      ?.find(
        (p) =>
          p.body.setting?.type === 'settings/security.password' &&
          p.body.policyQuery?.orgUnit &&
          !p.body.policyQuery?.group,
      );
    expect(password).toBeDefined();
    const before = password!.body.setting.value.minimumLength;
    const changed = await googleControl(
      world.sim.url,
      'PATCH',
      `/customers/${GOOGLE_DEMO.customerId}/policies/${password!.id}`,
      { value: { minimumLength: 14 }, actorEmail: GOOGLE_DEMO.admin },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const mia = byType.get('user')!.find((u) => u.body.primaryEmail === GOOGLE_DEMO.member)!;
    const enrolled = mia.body.isEnrolledIn2Sv;
    const user = await googleControl(
      world.sim.url,
      'PATCH',
      `/customers/${GOOGLE_DEMO.customerId}/users/${GOOGLE_DEMO.member}`,
      {
        isEnrolledIn2Sv: !enrolled,
      },
    );
    expect(user.status, JSON.stringify(user.body)).toBe(200);

    await app.backupThroughJobs(world.demo);
    const [first, second] = await complete();
    expect(second).toMatchObject({ status: 'complete' });
    const changes: ObjectChange[] = [];
    for await (const c of diffSnapshots(app.deps, world.demo.tenantId, { from: first!.id, to: second!.id }))
      changes.push(c);

    expect(changes.map((c) => [c.type, c.id, c.change])).toEqual([
      ['policy', password!.id, 'changed'],
      ['user', mia.id, 'changed'],
    ]);
    const [p, u] = changes;
    expect(p!.paths).toEqual([{ path: '$.setting.value.minimumLength', before, after: 14, kind: 'changed' }]);
    // Decision 067: the Admin audit log names who changed the setting; 2SV enrolment is the user's own act,
    // not an admin's, so nobody is named for it.
    expect(p!.actors.map((a) => [a.actor, a.eventType])).toEqual([[GOOGLE_DEMO.admin, 'CHANGE_APPLICATION_SETTING']]);
    expect(u!.actors).toEqual([]);
    expect(second!.stats).toMatchObject({ logEvents: { kept: 1 } });
    // A user's etag changes with it (a volatile field: shown, but not a change by itself).
    expect(u!.paths.filter((x) => x.path !== '$.etag')).toEqual([
      { path: '$.isEnrolledIn2Sv', before: enrolled, after: !enrolled, kind: 'changed' },
    ]);
  }, 180_000);

  it('a backup through Directory quota errors and blank Policy pages ends complete and unchanged', async () => {
    const settings = await googleControl(world.sim.url, 'PATCH', '/settings', { emptyPolicyPages: true });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    for (const reason of ['userRateLimitExceeded', 'quotaExceeded']) {
      const fault = await googleControl(world.sim.url, 'POST', '/faults', { api: 'directory', reason, count: 1 });
      expect(fault.status, JSON.stringify(fault.body)).toBe(201);
    }
    try {
      await app.backupThroughJobs(world.demo);
      // Both faults were answered (a fault leaves google-sim's list once served): the list holds only a new one.
      const probe = await googleControl(world.sim.url, 'POST', '/faults', { api: 'token', reason: 'probe', count: 1 });
      expect(probe.body.map((f: { reason: string }) => f.reason)).toEqual(['probe']);
    } finally {
      await googleControl(world.sim.url, 'PATCH', '/settings', { emptyPolicyPages: false });
      await googleControl(world.sim.url, 'DELETE', '/faults');
    }
    const snaps = await complete();
    expect(snaps).toHaveLength(3);
    const [, second, third] = snaps;
    expect(third!.object_count).toBe(second!.object_count);
    const changes: ObjectChange[] = [];
    for await (const c of diffSnapshots(app.deps, world.demo.tenantId, { from: second!.id, to: third!.id }))
      changes.push(c);
    expect(changes).toEqual([]);
  }, 180_000);
});
