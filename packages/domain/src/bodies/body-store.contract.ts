import { randomBytes } from 'node:crypto';
import { type DB, type Kysely, sql } from '@butterfly/db';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../deps.ts';
import { seedConnection, seedTenant } from '../testing/fixtures.ts';
import { type BodyStore, type NewVersion, addressKey } from './body-store.ts';
import { openBodies } from './open-bodies.ts';
import { versionStore } from './version-store.ts';
import { contentAddress, sealBody } from './object-codec.fns.ts';

export interface ContractSubject {
  store: BodyStore;
  /** Loses a stored body behind the store's back (a file deleted, an object removed, a column cleared). */
  lose(tenantId: string, address: Buffer): Promise<void>;
}

/**
 * What every body store must do, run against each of them (Postgres, filesystem, S3) over a real
 * database: round trips in batches, idempotent writes, `has`, tenant isolation, a missing body as
 * BODY_MISSING, rows written by the Postgres store still readable, and retention deleting exactly
 * the unreferenced bodies, also when a writer stores the same content again meanwhile.
 */
export function bodyStoreContract(name: string, deps: Deps & { db: Kysely<DB> }, subject: () => ContractSubject) {
  const db = deps.db;

  async function versionsOf(tenantId: string, n: number, tag = randomBytes(4).toString('hex')) {
    const dataKey = await deps.keyring.dataKey(db, tenantId);
    const contentKey = deps.keyring.contentKey(tenantId);
    return Array.from({ length: n }, (_, i): NewVersion & { json: string } => {
      const body = {
        id: `00u${i}`,
        profile: { login: `u${i}-${tag}@acme.test` },
        filler: 'x'.repeat(i % 7 === 0 ? 500 : 10),
      };
      const json = JSON.stringify(body);
      const address = contentAddress(contentKey, 'user', body);
      return {
        address,
        type: 'user',
        objectId: `00u${i}`,
        sealed: sealBody(dataKey, tenantId, address, json),
        size: json.length,
        json,
      };
    });
  }
  const put = (store: BodyStore, tenantId: string, versions: NewVersion[]) =>
    db.transaction().execute((trx) => store.put(trx, tenantId, versions));
  const reference = async (tenantId: string, connectionId: string, versions: NewVersion[]) => {
    for (const [i, v] of versions.entries()) {
      await db
        .insertInto('snapshot_entries')
        .values({
          tenant_id: tenantId,
          connection_id: connectionId,
          type: v.type,
          object_id: v.objectId,
          address: v.address,
          from_seq: i + 1,
        })
        .execute();
    }
  };
  const prune = async (store: BodyStore, tenantId: string) => {
    const { deleted, sweep } = await db.transaction().execute((trx) => store.deleteUnreferenced(trx, tenantId));
    return { deleted, swept: await sweep(db) };
  };

  describe(`body store contract: ${name}`, () => {
    it('stores a batch once and gives back exactly the sealed bodies, opened to the same JSON', async () => {
      const { store } = subject();
      const t = await seedTenant(deps);
      const versions = await versionsOf(t.id, 300);
      const first = await put(store, t.id, versions);
      expect(first.rows).toBe(300);
      expect(first.bytes).toBe(versions.reduce((n, v) => n + v.sealed.length, 0));
      // Same content again (re-sealed: another IV) is not a new version.
      const dataKey = await deps.keyring.dataKey(db, t.id);
      const resealed = versions.map((v) => ({ ...v, sealed: sealBody(dataKey, t.id, v.address, v.json) }));
      expect(await put(store, t.id, resealed)).toEqual({ rows: 0, bytes: 0 });
      const got = await store.get(
        db,
        t.id,
        versions.map((v) => v.address),
      );
      expect(got.size).toBe(300);
      for (const v of versions) expect(got.get(addressKey(v.address))!.equals(v.sealed)).toBe(true);
      const opened = await openBodies(
        { ...deps, bodies: store },
        t.id,
        versions.map((v) => v.address),
      );
      for (const v of versions) expect(opened.get(v.address)).toEqual(JSON.parse(v.json));
      const index = await db
        .selectFrom('object_versions')
        .select(['type', 'object_id', 'size'])
        .where('tenant_id', '=', t.id)
        .orderBy('object_id')
        .execute();
      expect(index).toHaveLength(300);
      expect(index[0]).toEqual({ type: 'user', object_id: '00u0', size: versions[0]!.size });
      // 300 bodies through a real S3 server: seconds on a quiet machine, more on a loaded CI one.
    }, 60_000);

    it('stores equal content twice in one batch once (two objects with the same body)', async () => {
      const { store } = subject();
      const t = await seedTenant(deps);
      const [v] = await versionsOf(t.id, 1);
      const twin = { ...v!, objectId: 'other' };
      expect(await put(store, t.id, [v!, twin])).toEqual({ rows: 1, bytes: v!.sealed.length });
      expect((await store.get(db, t.id, [v!.address])).get(addressKey(v!.address))!.equals(v!.sealed)).toBe(true);
    });

    it('says which addresses it has, and keeps tenants apart', async () => {
      const { store } = subject();
      const [a, b] = [await seedTenant(deps), await seedTenant(deps)];
      const stored = await versionsOf(a.id, 3);
      const other = await versionsOf(a.id, 2, 'never-stored');
      await put(store, a.id, stored);
      const has = await store.has(
        db,
        a.id,
        [...stored, ...other].map((v) => v.address),
      );
      expect([...has].sort()).toEqual(stored.map((v) => addressKey(v.address)).sort());
      expect(
        (
          await store.has(
            db,
            b.id,
            stored.map((v) => v.address),
          )
        ).size,
      ).toBe(0);
      await expect(store.get(db, b.id, [stored[0]!.address])).rejects.toMatchObject({ code: 'BODY_MISSING' });
    });

    it('answers a body missing from the store with BODY_MISSING, naming no secret and crashing nothing', async () => {
      const s = subject();
      const t = await seedTenant(deps);
      const versions = await versionsOf(t.id, 4);
      await put(s.store, t.id, versions);
      await s.lose(t.id, versions[2]!.address);
      expect(
        (
          await s.store.has(
            db,
            t.id,
            versions.map((v) => v.address),
          )
        ).size,
      ).toBe(3);
      const err = await s.store
        .get(
          db,
          t.id,
          versions.map((v) => v.address),
        )
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        name: 'DomainError',
        code: 'BODY_MISSING',
        message: expect.stringContaining(versions[2]!.address.toString('hex').slice(0, 16)),
      });
      await expect(openBodies({ ...deps, bodies: s.store }, t.id, [versions[2]!.address])).rejects.toMatchObject({
        code: 'BODY_MISSING',
      });
      // The others still read.
      expect((await s.store.get(db, t.id, [versions[0]!.address])).size).toBe(1);
      await expect(s.store.get(db, t.id, [randomBytes(32)])).rejects.toMatchObject({ code: 'BODY_MISSING' });
    });

    it('reads bodies the Postgres store wrote before it was configured', async () => {
      const { store } = subject();
      const t = await seedTenant(deps);
      const legacy = await versionsOf(t.id, 5, 'legacy');
      await put(versionStore(null), t.id, legacy);
      const opened = await openBodies(
        { ...deps, bodies: store },
        t.id,
        legacy.map((v) => v.address),
      );
      for (const v of legacy) expect(opened.get(v.address)).toEqual(JSON.parse(v.json));
      expect(
        (
          await store.has(
            db,
            t.id,
            legacy.map((v) => v.address),
          )
        ).size,
      ).toBe(5);
    });

    it('deletes the versions nothing references, rows and bodies, and keeps the referenced ones', async () => {
      const { store } = subject();
      const t = await seedTenant(deps);
      const connectionId = await seedConnection(deps, t.id);
      const versions = await versionsOf(t.id, 10);
      await put(store, t.id, versions);
      await reference(t.id, connectionId, versions.slice(0, 4));
      const r = await prune(store, t.id);
      expect(r.deleted).toBe(6);
      expect(r.swept).toBe(store.kind === 'postgres' ? 0 : 6);
      expect(
        (
          await store.has(
            db,
            t.id,
            versions.map((v) => v.address),
          )
        ).size,
      ).toBe(4);
      expect(
        (
          await store.get(
            db,
            t.id,
            versions.slice(0, 4).map((v) => v.address),
          )
        ).size,
      ).toBe(4);
      await expect(store.get(db, t.id, [versions[5]!.address])).rejects.toMatchObject({ code: 'BODY_MISSING' });
      const rows = await sql<{
        n: number;
      }>`select count(*)::int as n from object_versions where tenant_id = ${t.id}`.execute(db);
      expect(rows.rows[0]!.n).toBe(4);
      // Nothing left to delete: a second run deletes nothing.
      expect(await prune(store, t.id)).toEqual({ deleted: 0, swept: 0 });
    });

    it('spares a body stored again between the rows going and the sweep', async () => {
      const { store } = subject();
      const t = await seedTenant(deps);
      const versions = await versionsOf(t.id, 3);
      await put(store, t.id, versions);
      const { deleted, sweep } = await db.transaction().execute((trx) => store.deleteUnreferenced(trx, t.id));
      expect(deleted).toBe(3);
      // A backup writes the same content again before the sweep runs.
      await put(store, t.id, versions.slice(0, 1));
      expect(await sweep(db)).toBe(store.kind === 'postgres' ? 0 : 2);
      expect(
        (await store.get(db, t.id, [versions[0]!.address]))
          .get(addressKey(versions[0]!.address))!
          .equals(versions[0]!.sealed),
      ).toBe(true);
      expect(
        (
          await store.has(
            db,
            t.id,
            versions.map((v) => v.address),
          )
        ).size,
      ).toBe(1);
    });
  });
}
