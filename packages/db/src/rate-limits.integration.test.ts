import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './client.ts';
import { createRateLimiter } from './rate-limits.ts';
import { useTestDatabase } from './testing/index.ts';

const { db, url } = await useTestDatabase();
// A second pool on the same database: another process, as far as counters go.
const other = createDb(url, { max: 2 });
afterAll(() => other.destroy());
let n = 0;
const name = () => `test-${n++}`;

describe('rate limiter on Postgres', () => {
  it('shares counters between processes and refuses with a retry time once spent', async () => {
    const limiter = name();
    const a = createRateLimiter(db, limiter, { points: 3, windowSec: 60 });
    const b = createRateLimiter(other, limiter, { points: 3, windowSec: 60 });
    expect(await a.hit('203.0.113.7')).toEqual({ allowed: true });
    expect(await b.hit('203.0.113.7')).toEqual({ allowed: true });
    expect(await a.hit('203.0.113.7')).toEqual({ allowed: true });
    const refused = await b.hit('203.0.113.7');
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.allowed === false && refused.retryAfterSec).toBeGreaterThan(50);
    expect(await a.hit('198.51.100.1')).toEqual({ allowed: true });
    // Nothing in clear: keys are hashes.
    const keys = (await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
    expect(keys.some((k) => k.includes('203.0.113.7'))).toBe(false);
  });

  it('a failure-only limit refuses the failure past its allowance', async () => {
    const l = createRateLimiter(db, name(), { points: 2, windowSec: 60 });
    expect(await l.fail('k')).toEqual({ allowed: true });
    expect(await l.fail('k')).toEqual({ allowed: true });
    expect(await l.fail('k')).toMatchObject({ allowed: false });
    expect(await l.fail('other')).toEqual({ allowed: true });
  });

  it('a Postgres outage answers from memory (still limiting), reporting the store error', async () => {
    const dead = createDb('postgres://nobody:x@127.0.0.1:1/none', { max: 1 });
    afterAll(() => dead.destroy());
    const errors: string[] = [];
    const l = createRateLimiter(
      dead,
      name(),
      { points: 2, windowSec: 60 },
      { onStoreError: (_e, limiter) => errors.push(limiter) },
    );
    expect(await l.hit('k')).toEqual({ allowed: true });
    expect(await l.hit('k')).toEqual({ allowed: true });
    expect(await l.hit('k')).toMatchObject({ allowed: false });
    expect(await l.fail('other')).toEqual({ allowed: true });
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });
});
