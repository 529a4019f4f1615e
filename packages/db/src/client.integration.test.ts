import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PREPARED, createDb } from './client.ts';
import { useTestDatabase } from './testing/index.ts';

const { url } = await useTestDatabase();
// One connection, so every statement below runs in the same server session.
const db = createDb(url, { max: 1, prepareStatements: true });
const plain = createDb(url, { max: 1 });
afterAll(() => Promise.all([db.destroy(), plain.destroy()]));

const prepared = async (k = db) =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(k)).rows.map(
    (r) => r.statement,
  );

describe('prepareStatements (decision 050)', () => {
  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const q = (n: number) => sql<{ v: number }>`select ${n}::int + 1 as v`.execute(db);
    expect((await q(1)).rows).toEqual([{ v: 2 }]);
    expect((await q(41)).rows).toEqual([{ v: 42 }]);
    const mine = (await prepared()).filter((s) => s.includes('::int + 1'));
    expect(mine).toHaveLength(1);
  });

  it('leaves statements without parameters, and every statement of a plain pool, unprepared', async () => {
    await sql`select 1 as one`.execute(db);
    expect((await prepared()).some((s) => s.includes('select 1 as one'))).toBe(false);
    await sql`select ${1}::int as p`.execute(plain);
    expect(await prepared(plain)).toEqual([]);
  });

  it('keeps answering after a failed statement, prepared or not, in and out of transactions', async () => {
    const q = (id: string) => sql`select ${id}::uuid as id`.execute(db);
    await expect(q('not-a-uuid')).rejects.toMatchObject({ code: '22P02' });
    expect((await q('00000000-0000-0000-0000-000000000001')).rows).toHaveLength(1);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select ${2}::int + 1 as v`.execute(trx);
        await sql`select ${'x'}::uuid`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '22P02' });
    expect((await sql<{ v: number }>`select ${2}::int + 1 as v`.execute(db)).rows).toEqual([{ v: 3 }]);
  });

  it(`prepares at most ${MAX_PREPARED} distinct texts, then runs the rest unnamed`, async () => {
    for (let i = 0; i < MAX_PREPARED + 20; i++) {
      const r = await sql<{ v: number }>`select ${i}::int as ${sql.ref(`v${i}`)}`.execute(db);
      expect(r.rows[0]).toEqual({ [`v${i}`]: i });
    }
    expect((await prepared()).length).toBeLessThanOrEqual(MAX_PREPARED);
  });
});
