import { describe, expect, it } from 'vitest';
import { InstantClock } from '../entra/test/instant-clock.ts';
import { StatsRecorder } from '../okta/http/stats.ts';
import { type Exchange, RetryDriver, type Verdict } from './retry-driver.ts';

/**
 * The loop the Graph and Google clients share, against a plain fake wire: each `send` takes the next
 * scripted answer (or throws it), so what is sent again, how long it waits and what it throws are
 * exact. The providers' own readings of their answers are tested with their clients.
 */
type Ans = { status: number; retryAfterS?: number };
class NetworkError extends Error {}
class Unavailable extends Error {}

function rig(script: (Ans | Error)[], o: { concurrency?: number } = {}) {
  const clock = new InstantClock();
  const stats = new StatsRecorder();
  const sent: string[] = [];
  const headers: Record<string, string>[] = [];
  const invalidated: string[] = [];
  const settled: (number | 'lost')[] = [];
  let tokenN = 0;
  let inFlight = 0;
  let peak = 0;
  const token = {
    authorization: async () => `Bearer t${tokenN}`,
    invalidate: (h: string) => {
      invalidated.push(h);
      tokenN++;
    },
  };
  const driver = new RetryDriver(
    { concurrency: o.concurrency ?? 4, maxRetries: 4, maxThrottled: 2, backoffMaxMs: 3000, random: () => 1 },
    { token, clock, stats },
    {
      isNetworkError: (e) => e instanceof NetworkError,
      unavailable: (message, options) => new Unavailable(message, options),
    },
  );
  // What a provider's classify does, in miniature: 2xx done, 429 throttled (Retry-After or 100 ms), 5xx retried.
  const classify = (a: Ans): Verdict<number> =>
    a.status < 300
      ? { kind: 'done', value: a.status }
      : a.status === 429
        ? { kind: 'throttled', wait: (n) => (a.retryAfterS ?? 0) * 1000 || 100 * n, note: 'quota' }
        : a.status >= 500
          ? { kind: 'retry' }
          : { kind: 'fail', error: new Error(`HTTP ${a.status}`) };
  const exchange = (over: Partial<Exchange<Ans, string, number>> = {}): Exchange<Ans, string, number> => ({
    key: 'GET /things',
    admit: async () => 'ticket',
    send: async (h) => {
      sent.push(h.authorization!);
      headers.push(h);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      const next = script.shift();
      if (!next) throw new Error('the script ran out');
      if (next instanceof Error) throw next;
      return next;
    },
    settle: (_t, a) => settled.push(a ? a.status : 'lost'),
    classify,
    ...over,
  });
  const run = (over?: Partial<Exchange<Ans, string, number>>) => driver.run(exchange(over));
  return { run, clock, stats, sent, headers, invalidated, settled, peak: () => peak };
}

const CREATE = { key: 'POST /things', notResent: (a: Ans | undefined) => `POST /things: ${a ? a.status : 'lost'}` };

describe('RetryDriver', () => {
  it('waits what the throttled answer says before sending again, and counts the wait', async () => {
    const r = rig([{ status: 429, retryAfterS: 7 }, { status: 200 }]);
    expect(await r.run()).toBe(200);
    expect(r.clock.slept).toEqual([7000]);
    expect(r.sent).toHaveLength(2);
    expect(r.stats.endpoint('GET /things')).toMatchObject({
      requests: 2,
      rateLimited: 1,
      waits: 1,
      waitMs: 7000,
      retries: 0,
    });
  });

  it('gives up after maxThrottled throttled answers, naming the request and why', async () => {
    const r = rig([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 200 }]);
    const e = await r.run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Unavailable);
    expect((e as Error).message).toBe('Still throttled after 3 tries: GET /things (quota)');
    expect(r.sent).toHaveLength(3);
    expect(r.clock.slept).toEqual([100, 200]);
  });

  it('retries 5xx and lost answers with a capped backoff, and gives up after maxRetries', async () => {
    const r = rig([
      { status: 500 },
      new NetworkError('reset'),
      { status: 502 },
      { status: 503 },
      { status: 504 },
      { status: 200 },
    ]);
    const e = await r.run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Unavailable);
    expect((e as Error).message).toBe('Gave up after 5 tries: GET /things');
    expect(r.sent).toHaveLength(5);
    // 500 ms doubled each time, capped at backoffMaxMs (random 1: the top of each step).
    expect(r.clock.slept).toEqual([500, 1000, 2000, 3000]);
    expect(r.settled).toEqual([500, 'lost', 502, 503, 504]);
    expect(r.stats.endpoint('GET /things')).toMatchObject({ requests: 5, retries: 4, rateLimited: 0 });
  });

  it('gets through when a retry is answered', async () => {
    const r = rig([new NetworkError('reset'), { status: 200 }]);
    expect(await r.run()).toBe(200);
    expect(r.sent).toHaveLength(2);
  });

  it('does not send again an answer the provider calls final, nor after a failure that is not the network', async () => {
    const refused = rig([{ status: 404 }, { status: 200 }]);
    await expect(refused.run()).rejects.toThrow('HTTP 404');
    expect(refused.sent).toHaveLength(1);
    expect(refused.clock.slept).toEqual([]);

    const broken = rig([new TypeError('bad URL'), { status: 200 }]);
    await expect(broken.run()).rejects.toBeInstanceOf(TypeError);
    expect(broken.sent).toHaveLength(1);
    expect(broken.settled).toEqual([]);
  });

  it('does not send a write twice after a 5xx or a lost answer (it may have happened)', async () => {
    const failed = rig([{ status: 500 }, { status: 201 }]);
    const e = await failed.run(CREATE).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Unavailable);
    expect((e as Error).message).toBe('POST /things: 500');
    expect(failed.sent).toHaveLength(1);

    const cut = new NetworkError('reset');
    const lost = rig([cut, { status: 201 }]);
    const l = await lost.run(CREATE).catch((x: unknown) => x);
    expect((l as Error).message).toBe('POST /things: lost');
    expect((l as Error).cause).toBe(cut);
    expect(lost.sent).toHaveLength(1);
  });

  it('sends a write again after a throttled answer (the provider did not take it)', async () => {
    const r = rig([{ status: 429, retryAfterS: 1 }, { status: 201 }]);
    expect(await r.run(CREATE)).toBe(201);
    expect(r.sent).toHaveLength(2);
  });

  it('on a 401 drops the token and sends once more with a fresh one; a second 401 is final', async () => {
    const once = rig([{ status: 401 }, { status: 200 }]);
    expect(await once.run()).toBe(200);
    expect(once.headers[1]).toEqual({
      authorization: 'Bearer t1',
      accept: 'application/json',
      'user-agent': 'butterfly-backup/1',
    });
    expect(once.sent).toEqual(['Bearer t0', 'Bearer t1']);
    expect(once.invalidated).toEqual(['Bearer t0']);

    const twice = rig([{ status: 401 }, { status: 401 }, { status: 200 }]);
    await expect(twice.run()).rejects.toThrow('HTTP 401');
    expect(twice.sent).toHaveLength(2);
  });

  it('keeps at most `concurrency` requests in flight, and frees the slot when admission fails', async () => {
    const r = rig(
      Array.from({ length: 6 }, () => ({ status: 200 })),
      { concurrency: 2 },
    );
    expect(await Promise.all(Array.from({ length: 6 }, () => r.run()))).toEqual(Array(6).fill(200));
    expect(r.peak()).toBe(2);

    const refused = rig([{ status: 200 }, { status: 200 }], { concurrency: 1 });
    await expect(refused.run({ admit: () => Promise.reject(new Error('aborted')) })).rejects.toThrow('aborted');
    expect(await refused.run()).toBe(200);
  });
});
