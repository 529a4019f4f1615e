import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, createOrderedDb } from './client.ts';
import { useTestDatabase } from './testing/index.ts';

const { url } = await useTestDatabase();
const ordered = createOrderedDb(url, { applicationName: 'ordered-test' });
const admin = createDb(url, { max: 1 });
afterAll(() => Promise.all([ordered.destroy(), admin.destroy()]));

const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(ordered)).rows[0]!.pid;

describe('createOrderedDb (decision 050)', () => {
  it('runs statements issued together in the order issued, on one session', async () => {
    await sql`create table if not exists ordered_log (n int, at timestamptz default clock_timestamp())`.execute(admin);
    // The first sleeps: on a pool the later ones would overtake it.
    await Promise.all(
      [0, 1, 2, 3, 4].map((n) =>
        sql`insert into ordered_log (n) select ${n} from pg_sleep(${n === 0 ? 0.2 : 0})`.execute(ordered),
      ),
    );
    const rows = (await sql<{ n: number }>`select n from ordered_log order by at`.execute(admin)).rows;
    expect(rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
    const pids = await Promise.all([pid(), pid(), pid()]);
    expect(new Set(pids).size).toBe(1);
  });

  it('answers the statements after a failed one normally', async () => {
    const results = await Promise.allSettled([
      sql`select ${'x'}::uuid`.execute(ordered),
      sql<{ v: number }>`select ${41}::int + 1 as v`.execute(ordered),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: '22P02' } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { rows: [{ v: 42 }] } });
  });

  it('connects again after its connection is ended', async () => {
    const before = await pid();
    await sql`select pg_terminate_backend(${before})`.execute(admin);
    // The statement that finds it gone fails; the next one gets a new session.
    for (let i = 0; i < 50; i++) {
      const now = await pid().catch(() => undefined);
      if (now !== undefined && now !== before) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no new session');
  });
});
