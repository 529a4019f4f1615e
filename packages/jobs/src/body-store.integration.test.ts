import { useTestDatabase } from '@butterfly/db/testing';
import { createBodyStore, s3Blobs } from '@butterfly/domain/bodies';
import { seedTenant, testDeps } from '@butterfly/domain/testing';
import { bodyStoreContract } from '@butterfly/domain/testing/body-store-contract';
import { createOutboundClient } from '@butterfly/outbound';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyStoreFromEnv } from './body-store.ts';
import { startS3Server } from './testing/s3-server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const s3 = await startS3Server('bodies');
afterAll(() => s3.stop());

const settings = {
  endpoint: s3.endpoint,
  region: 'us-east-1',
  bucket: 'bodies',
  prefix: 'butterfly/test',
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  pathStyle: true,
};
// The guarded client, allowing exactly the test server's address (127.0.0.2 would be refused).
const http = createOutboundClient({ allowPrivate: false, allowAddresses: ['127.0.0.1'], timeoutMs: 10_000 });
afterAll(() => http.close());
const store = createBodyStore({ kind: 's3', ...settings }, { http });

/** Deletes one body from the bucket behind the store's back (its index row stays). */
const lose = (tenantId: string, address: Buffer) => s3Blobs(settings, http).delete(tenantId, [address]);

bodyStoreContract('s3 (s3rver)', deps, () => ({ store, lose }));

describe('S3 body store', () => {
  it("signs its requests: wrong credentials are refused, as BODY_STORE_FAILED with S3's code", async () => {
    const t = await seedTenant(deps);
    const bad = createBodyStore({ kind: 's3', ...settings, secretAccessKey: 'wrong' }, { http });
    const v = { address: Buffer.alloc(32, 7), type: 'user', objectId: 'u1', sealed: Buffer.from('sealed'), size: 2 };
    await expect(db.transaction().execute((trx) => bad.put(trx, t.id, [v]))).rejects.toMatchObject({
      code: 'BODY_STORE_FAILED',
      message: expect.stringContaining('SignatureDoesNotMatch'),
    });
    // Nothing was indexed for a body that was not stored.
    expect(await db.selectFrom('object_versions').select('address').where('tenant_id', '=', t.id).execute()).toEqual(
      [],
    );
  });

  it('calls out only through the guarded client: an address the policy refuses is never contacted', async () => {
    const t = await seedTenant(deps);
    const refused = createBodyStore(
      { kind: 's3', ...settings, endpoint: s3.endpoint.replace('127.0.0.1', '127.0.0.2') },
      { http },
    );
    const v = { address: Buffer.alloc(32, 8), type: 'user', objectId: 'u1', sealed: Buffer.from('sealed'), size: 2 };
    await expect(db.transaction().execute((trx) => refused.put(trx, t.id, [v]))).rejects.toMatchObject({
      code: 'BODY_STORE_FAILED',
      message: expect.stringContaining('private, loopback or link-local'),
    });
  });

  it('is what BUTTERFLY_BODY_STORE=s3 builds, and the configuration is checked field by field', async () => {
    const t = await seedTenant(deps);
    const env = {
      BUTTERFLY_BODY_STORE: 's3',
      BUTTERFLY_S3_ENDPOINT: s3.endpoint,
      BUTTERFLY_S3_BUCKET: 'bodies',
      BUTTERFLY_S3_ACCESS_KEY_ID: s3.accessKeyId,
      BUTTERFLY_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const fromEnv = bodyStoreFromEnv(env);
    expect(fromEnv.kind).toBe('s3');
    const v = { address: Buffer.alloc(32, 9), type: 'user', objectId: 'u1', sealed: Buffer.from('sealed'), size: 2 };
    await db.transaction().execute((trx) => fromEnv.put(trx, t.id, [v]));
    expect((await fromEnv.get(db, t.id, [v.address])).get(v.address.toString('latin1'))!.toString()).toBe('sealed');
    expect(() => bodyStoreFromEnv({ ...env, BUTTERFLY_S3_BUCKET: 'Bad_Bucket' })).toThrowError(
      /BUTTERFLY_S3_BUCKET: must be an S3 bucket name/,
    );
    expect(() => bodyStoreFromEnv({ ...env, BUTTERFLY_S3_ENDPOINT: undefined })).toThrowError(
      /BUTTERFLY_S3_ENDPOINT: is required with BUTTERFLY_BODY_STORE=s3/,
    );
    expect(() => bodyStoreFromEnv({ BUTTERFLY_BODY_STORE: 'filesystem' })).toThrowError(
      /BUTTERFLY_BODY_DIR: is required/,
    );
    expect(() => bodyStoreFromEnv({ BUTTERFLY_BODY_STORE: 'nfs' })).toThrowError(
      /BUTTERFLY_BODY_STORE: must be postgres, filesystem or s3/,
    );
    expect(bodyStoreFromEnv({}).kind).toBe('postgres');
  });
});
