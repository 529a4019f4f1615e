import { describe, expect, it } from 'vitest';
import { bodyStoreEnv } from './index.ts';

describe('body store configuration', () => {
  it('defaults to Postgres', () => {
    expect(bodyStoreEnv({})).toEqual({ kind: 'postgres' });
  });

  it('takes a directory for the filesystem store, resolved to an absolute path', () => {
    expect(
      bodyStoreEnv({ BUTTERFLY_BODY_STORE: 'filesystem', BUTTERFLY_BODY_DIR: '/var/lib/butterfly/bodies' }),
    ).toEqual({ kind: 'filesystem', dir: '/var/lib/butterfly/bodies' });
    expect(() => bodyStoreEnv({ BUTTERFLY_BODY_STORE: 'filesystem' })).toThrowError(
      /BUTTERFLY_BODY_DIR: is required with BUTTERFLY_BODY_STORE=filesystem/,
    );
  });

  it('needs endpoint, bucket and credentials for S3, and checks each field', () => {
    const s3 = {
      BUTTERFLY_BODY_STORE: 's3',
      BUTTERFLY_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com/',
      BUTTERFLY_S3_BUCKET: 'acme-bodies',
      BUTTERFLY_S3_ACCESS_KEY_ID: 'AKIA',
      BUTTERFLY_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(bodyStoreEnv({ ...s3, BUTTERFLY_S3_PREFIX: '/butterfly/', BUTTERFLY_S3_PATH_STYLE: 'false' })).toEqual({
      kind: 's3',
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      region: 'us-east-1',
      bucket: 'acme-bodies',
      prefix: 'butterfly',
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      pathStyle: false,
    });
    expect(() => bodyStoreEnv({ ...s3, BUTTERFLY_S3_SECRET_ACCESS_KEY: '' })).toThrowError(
      /BUTTERFLY_S3_SECRET_ACCESS_KEY: is required with BUTTERFLY_BODY_STORE=s3/,
    );
    expect(() => bodyStoreEnv({ ...s3, BUTTERFLY_S3_ENDPOINT: 'ftp://x' })).toThrowError(
      /BUTTERFLY_S3_ENDPOINT: must be an http/,
    );
    expect(() => bodyStoreEnv({ ...s3, BUTTERFLY_S3_PATH_STYLE: 'maybe' })).toThrowError(
      /BUTTERFLY_S3_PATH_STYLE: must be true or false/,
    );
    expect(() => bodyStoreEnv({ BUTTERFLY_BODY_STORE: 'nfs' })).toThrowError(
      /BUTTERFLY_BODY_STORE: must be postgres, filesystem or s3/,
    );
  });
});
