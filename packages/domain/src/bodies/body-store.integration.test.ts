import { mkdtempSync, readdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { seedTenant, testDeps } from '../testing/fixtures.ts';
import { blobKey } from './body-store.ts';
import { bodyStoreContract } from './body-store.contract.ts';
import { filesystemBlobs } from './filesystem-blobs.ts';
import { versionStore } from './version-store.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const dir = mkdtempSync(join(tmpdir(), 'bfy-bodies-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

bodyStoreContract('postgres', deps, () => ({
  store: versionStore(null),
  lose: async (tenantId, address) => {
    await db
      .updateTable('object_versions')
      .set({ body: null })
      .where('tenant_id', '=', tenantId)
      .where('address', '=', address)
      .execute();
  },
}));

bodyStoreContract('filesystem', deps, () => ({
  store: versionStore(filesystemBlobs(dir)),
  lose: (tenantId, address) => rm(join(dir, blobKey(tenantId, address))),
}));

describe('filesystem body store', () => {
  it('keeps each body at its content address, written whole (no temporary file left), never in Postgres', async () => {
    const t = await seedTenant(deps);
    const blobs = filesystemBlobs(dir);
    const address = Buffer.alloc(32, 0xab);
    await blobs.put(t.id, [{ address, body: Buffer.from('sealed-1') }]);
    await blobs.put(t.id, [{ address, body: Buffer.from('sealed-2') }]);
    const file = join(dir, t.id, 'ab', 'ab'.repeat(32));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, t.id, 'ab'))).toEqual(['ab'.repeat(32)]);
    expect((await blobs.get(t.id, [address])).get(address.toString('latin1'))!.toString()).toBe('sealed-2');
    await blobs.delete(t.id, [address, Buffer.alloc(32, 1)]);
    expect((await blobs.has(t.id, [address])).size).toBe(0);
  });

  it('refuses a tenant id that is not a uuid (it becomes part of a path)', async () => {
    await expect(
      filesystemBlobs(dir).put('../../etc', [{ address: Buffer.alloc(32), body: Buffer.from('x') }]),
    ).rejects.toThrow(/tenant uuid/);
  });
});
