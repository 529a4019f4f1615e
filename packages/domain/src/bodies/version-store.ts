import { type DB, type Kysely, type Transaction, sql } from '@butterfly/db';
import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { type BlobStore, type BodyStore, type NewVersion, addressKey } from './body-store.ts';
import { packedBytes } from './packed-bytes.fns.ts';

/** Addresses per query when reading index rows. */
const CHUNK = 1000;
/** Addresses per query when reading bodies (`bodiesByPosition`: one row however many). */
const GET_CHUNK = 5000;

/**
 * Writers of external bodies hold this tenant lock shared (many at once) from before they look at
 * which bodies exist until their rows commit; the sweep that deletes external bodies holds it
 * exclusively. So a body is never deleted between a writer's "the row is there, its body too" and
 * its commit, and a writer after a sweep writes the body again.
 */
const lockKey = (tenantId: string) => sql`hashtextextended(${`bodies:${tenantId}`}, 0)`;

/**
 * A body store over the `object_versions` index. `blobs` null: bodies in the row (Postgres, the
 * default). Otherwise bodies in the blob store and the row's body null; rows written with a body in
 * Postgres (before a store was configured) are still read from there.
 */
export function versionStore(blobs: BlobStore | null): BodyStore {
  return {
    kind: blobs?.kind ?? 'postgres',

    async put(trx, tenantId, versions) {
      if (!versions.length) return { rows: 0, bytes: 0 };
      // Two batches may be written at once (run-backup.ts): rows in address order take their locks in
      // one order, so two transactions inserting the same content never wait on each other in a cycle.
      const rows = [...versions].sort((a, b) => Buffer.compare(a.address, b.address));
      if (!blobs) {
        const inserted = await insertRows(trx, tenantId, rows, true);
        return { rows: inserted.length, bytes: inserted.reduce((n, r) => n + r.bytes, 0) };
      }
      await sql`select pg_advisory_xact_lock_shared(${lockKey(tenantId)})`.execute(trx);
      const present = await existing(
        trx,
        tenantId,
        rows.map((r) => r.address),
      );
      // Equal content twice in a batch (two memberships with the same body) is one body to write.
      const byAddress = new Map<string, NewVersion>();
      for (const r of rows)
        if (!present.has(addressKey(r.address)) && !byAddress.has(addressKey(r.address)))
          byAddress.set(addressKey(r.address), r);
      const missing = [...byAddress.values()];
      if (!missing.length) return { rows: 0, bytes: 0 };
      await storeCall(
        () =>
          blobs.put(
            tenantId,
            missing.map((r) => ({ address: r.address, body: r.sealed })),
          ),
        `write ${missing.length} bodies`,
      );
      const inserted = await insertRows(trx, tenantId, missing, false);
      const sealedBytes = new Map(missing.map((r) => [addressKey(r.address), r.sealed.length]));
      return {
        rows: inserted.length,
        bytes: inserted.reduce((n, r) => n + (sealedBytes.get(addressKey(r.address)) ?? 0), 0),
      };
    },

    async get(db, tenantId, addresses) {
      const out = new Map<string, Buffer>();
      const wanted = unique(addresses);
      const outside: Buffer[] = [];
      for (let i = 0; i < wanted.length; i += GET_CHUNK) {
        const chunk = wanted.slice(i, i + GET_CHUNK);
        const rows = await indexRows(db, tenantId, chunk);
        if (rows.length < chunk.length) {
          const found = new Set(rows.map((r) => addressKey(r.address)));
          const lost = chunk.find((a) => !found.has(addressKey(a)))!;
          throw missingBody(lost, 'no stored version has this address');
        }
        for (const r of rows) {
          if (r.body) out.set(addressKey(r.address), r.body);
          else outside.push(r.address);
        }
      }
      if (!outside.length) return out;
      if (!blobs)
        throw missingBody(
          outside[0]!,
          'its body is kept outside Postgres, but this process has BUTTERFLY_BODY_STORE=postgres',
        );
      const found = await storeCall(() => blobs.get(tenantId, outside), `read ${outside.length} bodies`);
      for (const a of outside) {
        const body = found.get(addressKey(a));
        if (!body) throw missingBody(a, `its body is not in the ${blobs.kind} store`);
        out.set(addressKey(a), body);
      }
      return out;
    },

    async has(db, tenantId, addresses) {
      const wanted = unique(addresses);
      const out = new Set<string>();
      const outside: Buffer[] = [];
      for (let i = 0; i < wanted.length; i += CHUNK) {
        for (const r of await indexRows(db, tenantId, wanted.slice(i, i + CHUNK), false)) {
          if (r.inline) out.add(addressKey(r.address));
          else outside.push(r.address);
        }
      }
      if (blobs && outside.length)
        for (const k of await storeCall(() => blobs.has(tenantId, outside), 'look up bodies')) out.add(k);
      return out;
    },

    async deleteUnreferenced(trx, tenantId) {
      if (blobs) await sql`select pg_advisory_xact_lock(${lockKey(tenantId)})`.execute(trx);
      const gone = await sql<{ address: Buffer; outside: boolean }>`
        delete from object_versions v
        where v.tenant_id = ${tenantId}
          and not exists (select 1 from snapshot_entries e where e.tenant_id = v.tenant_id and e.address = v.address)
        returning v.address, v.body is null as outside`.execute(trx);
      const candidates = gone.rows.filter((r) => r.outside).map((r) => r.address);
      return {
        deleted: gone.rows.length,
        sweep: async (db: Kysely<DB>) => {
          if (!blobs || !candidates.length) return 0;
          return db.transaction().execute(async (t) => {
            await sql`select pg_advisory_xact_lock(${lockKey(tenantId)})`.execute(t);
            // A writer may have stored the same content again since the rows went: its body stays.
            const back = await existing(t, tenantId, candidates);
            const doomed = candidates.filter((a) => !back.has(addressKey(a)));
            await storeCall(() => blobs.delete(tenantId, doomed), `delete ${doomed.length} bodies`);
            return doomed.length;
          });
        },
      };
    },
  };
}

/** Bodies per row in `bodiesByPosition`: a row's hex text stays far below a JS string's limit. */
const BODIES_PER_ROW = 100;

/**
 * Bodies of equal-length addresses (content addresses are all 32 bytes), sent as one bytea of the
 * addresses end to end and answered a row per hundred: their bodies end to end in address order, with
 * each one's position and length (-1: kept outside Postgres). A thousand-element bytea[] literal built,
 * escaped and parsed per query, and a row per body with its address sent back, were most of a
 * 100k-user scan's own thread (decision 051). Same rows as `address = any(…)`: the primary key finds each.
 */
async function bodiesByPosition(db: Db, tenantId: string, addresses: Buffer[]) {
  const size = addresses[0]!.length;
  // Positions and lengths as 4-byte integers end to end (int4send): parsing int[] text was a tenth of the thread.
  const { rows } = await sql<{ ns: Buffer; lens: Buffer; bodies: Buffer | null }>`
    select string_agg(int4send(w.n), ''::bytea order by w.n) as ns,
           string_agg(int4send(coalesce(length(v.body), -1)), ''::bytea order by w.n) as lens,
           string_agg(v.body, ''::bytea order by w.n) as bodies
    from generate_series(0, ${addresses.length - 1}::int) as w(n)
    join object_versions v
      on v.tenant_id = ${tenantId} and v.address = substring(${Buffer.concat(addresses)}::bytea from w.n * ${size}::int + 1 for ${size}::int)
    group by w.n / ${BODIES_PER_ROW}::int`.execute(db);
  const out: { address: Buffer; body: Buffer | null }[] = [];
  for (const { ns, lens, bodies } of rows) {
    let at = 0;
    for (let i = 0; i < ns.length; i += 4) {
      const len = lens.readInt32BE(i);
      out.push({ address: addresses[ns.readInt32BE(i)]!, body: len < 0 ? null : bodies!.subarray(at, at + len) });
      if (len > 0) at += len;
    }
  }
  return out;
}

const unique = (addresses: readonly Buffer[]) => [...new Map(addresses.map((a) => [addressKey(a), a])).values()];

function indexRows(db: Db, tenantId: string, addresses: Buffer[]): Promise<{ address: Buffer; body: Buffer | null }[]>;
function indexRows(
  db: Db,
  tenantId: string,
  addresses: Buffer[],
  withBody: false,
): Promise<{ address: Buffer; inline: boolean }[]>;
async function indexRows(db: Db, tenantId: string, addresses: Buffer[], withBody = true) {
  if (withBody && addresses.length > 1 && addresses.every((a) => a.length === addresses[0]!.length))
    return (await bodiesByPosition(db, tenantId, addresses)) as never;
  const rows = await (withBody
    ? sql`select address, body from object_versions where tenant_id = ${tenantId} and address = any(${addresses}::bytea[])`
    : sql`select address, body is not null as inline from object_versions where tenant_id = ${tenantId} and address = any(${addresses}::bytea[])`
  ).execute(db);
  return rows.rows as never;
}

async function existing(db: Db, tenantId: string, addresses: Buffer[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < addresses.length; i += CHUNK) {
    const rows = await sql<{
      address: Buffer;
    }>`select address from object_versions where tenant_id = ${tenantId} and address = any(${addresses.slice(i, i + CHUNK)}::bytea[])`.execute(
      db,
    );
    for (const r of rows.rows) out.add(addressKey(r.address));
  }
  return out;
}

/*
 * A batch is sent as one array per column and spread by `unnest`: a few parameters instead of
 * thousands, so Postgres parses and plans a short statement, and neither Kysely nor pg walks a
 * thousand-row VALUES list (measured on 200k objects: Postgres' CPU -18 %, ours -30 %). The addresses
 * and the sealed bodies travel as one bytea each, end to end (`packedBytes`), cut apart by position in
 * SQL: pg sends a Buffer as binary, where a bytea[] is a hex-escaped text literal that we build and
 * Postgres parses again, element by element. The rows and their constraints are a plain INSERT's.
 */
function insertRows(trx: Transaction<DB>, tenantId: string, rows: readonly NewVersion[], inline: boolean) {
  const addresses = packedBytes(rows.map((r) => r.address));
  const bodies = packedBytes(inline ? rows.map((r) => r.sealed) : []);
  return sql<{ address: Buffer; bytes: number }>`
    insert into object_versions (tenant_id, address, type, object_id, body, size)
    select ${tenantId}::uuid, substring(${addresses.bytes}::bytea from u.a_at + 1 for u.a_len), u.type, u.object_id,
           case when u.b_len is null then null else substring(${bodies.bytes}::bytea from u.b_at + 1 for u.b_len) end, u.size
    from unnest(${addresses.at}::int[], ${addresses.lengths}::int[], ${rows.map((r) => r.type)}::text[],
                ${rows.map((r) => r.objectId)}::text[], ${inline ? bodies.at : null}::int[], ${inline ? bodies.lengths : null}::int[],
                ${rows.map((r) => r.size)}::int[]) as u(a_at, a_len, type, object_id, b_at, b_len, size)
    on conflict (tenant_id, address) do nothing
    returning address, coalesce(octet_length(body), 0) as bytes`
    .execute(trx)
    .then((r) => r.rows);
}

function missingBody(address: Buffer, why: string) {
  return new DomainError(
    'BODY_MISSING',
    `Snapshot body ${address.toString('hex').slice(0, 16)}… cannot be read: ${why}`,
  );
}

/** A store that cannot be reached or refuses is BODY_STORE_FAILED, with the cause kept for the log. */
async function storeCall<T>(fn: () => Promise<T>, what: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('BODY_STORE_FAILED', `The body store could not ${what}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
