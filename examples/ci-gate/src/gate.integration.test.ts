import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { seedApiTenant, spawnApiServer } from '../../../apps/web/server/testing/spawn-api-server.ts';

// The example as a CI job runs it: `node src/gate.ts` with BUTTERFLY_URL and BUTTERFLY_TOKEN, against a
// real Butterfly (its API over HTTP, a real token), its exit code the verdict.
const { db, url: databaseUrl } = await useTestDatabase();
const masterKey = randomBytes(32).toString('base64');
const server = await spawnApiServer({ DATABASE_URL: databaseUrl, BUTTERFLY_MASTER_KEY: masterKey });
afterAll(() => server.stop());
const failing = await seedApiTenant(db, masterKey, { role: 'auditor' });
const unscanned = await seedApiTenant(db, masterKey, { role: 'auditor', scan: false });

const script = resolve(import.meta.dirname, 'gate.ts');
const runGate = (env: Record<string, string | undefined>) => {
  const r = spawnSync(process.execPath, [script], {
    env: { ...process.env, BUTTERFLY_URL: server.url, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('ci-gate', () => {
  it('lists failing findings by connection and exits 1 when one is critical (CAT I)', () => {
    const t = failing;
    const r = runGate({ BUTTERFLY_TOKEN: t.token });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`Production: ${t.counts.FAIL} failing`);
    expect(r.stdout).toMatch(/^ {2}CAT I {3}\S+ {2}.+$/m);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^FAIL: \d+ critical \(CAT I\) findings?$/);
  });

  it('exits 0 when nothing critical fails', () => {
    const t = unscanned;
    const r = runGate({ BUTTERFLY_TOKEN: t.token });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Production: no failing findings (or not scanned yet)\nOK: no critical findings\n');
  });

  it("exits 2 with the API's code when it cannot ask", () => {
    const r = runGate({ BUTTERFLY_TOKEN: 'bfy_revoked_or_wrong' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error UNAUTHENTICATED: /);
    expect(runGate({ BUTTERFLY_TOKEN: undefined }).code).toBe(2);
  });
});
