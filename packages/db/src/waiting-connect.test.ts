import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isTransientConnectError, waitingConnect } from './waiting-connect.ts';

describe('which connection errors are worth waiting out', () => {
  it('a server restarting or unreachable: yes; a wrong password or a missing database: no', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '55000', '53300'])
      expect(isTransientConnectError({ code }), code).toBe(true);
    expect(isTransientConnectError(new Error('Connection terminated unexpectedly'))).toBe(true);
    for (const code of ['28P01', '28000', '3D000', '42501'])
      expect(isTransientConnectError({ code }), code).toBe(false);
  });
});

/** A port with nothing listening on it (bound then closed). */
async function closedPort() {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('connect() on a pool that waits for its server', () => {
  it('keeps trying until the deadline, then fails with the last error', async () => {
    const pool = new pg.Pool({ connectionString: `postgres://x@127.0.0.1:${await closedPort()}/x` });
    waitingConnect(pool, 700);
    const t0 = Date.now();
    await expect(pool.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
    await pool.end();
  });

  it('stops waiting at once when the process stops', async () => {
    const pool = new pg.Pool({ connectionString: `postgres://x@127.0.0.1:${await closedPort()}/x` });
    const stopping = new AbortController();
    waitingConnect(pool, 60_000, stopping.signal);
    const t0 = Date.now();
    const attempt = pool.connect();
    setTimeout(() => stopping.abort(), 300);
    await expect(attempt).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - t0).toBeLessThan(5_000);
    await pool.end();
  });
});
