import { useTestDatabase } from '@butterfly/db/testing';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from './support/product.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 17: `connection test` and `backup run` decide about an org on a loopback address the same
 * way, from the same configuration (BUTTERFLY_ALLOW_PRIVATE_URLS, and its default from APP_URL): both
 * refuse with the same code, or both reach okta-sim. The CLI runs as a real process each time.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let org: SimOrgHandle;
let acme: { tenantId: string; connectionId: string };

beforeAll(async () => {
  sim = await startSim({ users: 5, rateScale: 100 });
  org = await orgHandle(sim);
  await app.migrateJobs();
  acme = await app.tenantWithConnection('acme', {
    orgUrl: org.url,
    credentials: { kind: 'ssws', token: org.apiToken },
  });
});
afterAll(async () => {
  await sim?.close();
  await app.close();
});

const code = (stderr: string) => stderr.match(/^error (\w+):/m)?.[1];
const snapshots = () =>
  db.selectFrom('snapshots').select(['status']).where('connection_id', '=', acme.connectionId).execute();

describe('connection test and backup run agree about a loopback org', () => {
  const refusing = {
    'private URLs turned off': { BUTTERFLY_ALLOW_PRIVATE_URLS: 'false' },
    'a public APP_URL, the flag left to its default (off)': {
      BUTTERFLY_ALLOW_PRIVATE_URLS: undefined,
      APP_URL: 'https://butterfly.example.com',
    },
  };
  for (const [name, config] of Object.entries(refusing)) {
    it(`both refuse with ADDRESS_REFUSED: ${name}`, async () => {
      const [test, backup] = await Promise.all([
        app.cliWith(config, 'connection', 'test', acme.connectionId),
        app.cliWith(config, 'backup', 'run', 'acme', acme.connectionId, '--wait'),
      ]);
      expect(test.code, test.stderr).toBe(1);
      expect(backup.code, backup.stderr).toBe(1);
      expect(code(test.stderr)).toBe('ADDRESS_REFUSED');
      expect(code(backup.stderr)).toBe('ADDRESS_REFUSED');
      expect(test.stderr).toContain('private, loopback or link-local');
      expect((await snapshots()).filter((s) => s.status === 'complete')).toEqual([]);
    });
  }

  it('both reach okta-sim when private URLs are allowed (the localhost default, and explicitly)', async () => {
    const configs = [
      { BUTTERFLY_ALLOW_PRIVATE_URLS: undefined, APP_URL: undefined },
      { BUTTERFLY_ALLOW_PRIVATE_URLS: 'true', APP_URL: 'https://butterfly.example.com' },
    ];
    for (const test of await Promise.all(
      configs.map((config) => app.cliWith(config, 'connection', 'test', acme.connectionId)),
    )) {
      expect(test.code, test.stderr).toBe(0);
      expect(test.stdout).toContain(`connected to ${org.url} (ssws)`);
    }
    const backup = await app.cliWith(
      { BUTTERFLY_ALLOW_PRIVATE_URLS: 'true', APP_URL: 'https://butterfly.example.com' },
      'backup',
      'run',
      'acme',
      acme.connectionId,
      '--wait',
    );
    expect(backup.code, backup.stderr).toBe(0);
    const id = backup.stdout.trim().split('\n').at(-1);
    expect(
      await db
        .selectFrom('snapshots')
        .select(['status', 'object_count'])
        .where('id', '=', id!)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'complete', object_count: expect.any(Number) });
  });
});
