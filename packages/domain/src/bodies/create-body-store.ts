import type { TBodyStoreEnv } from '@butterfly/config';
import type { BodyStore } from './body-store.ts';
import { filesystemBlobs } from './filesystem-blobs.ts';
import { type S3Http, s3Blobs } from './s3-blobs.ts';
import { versionStore } from './version-store.ts';

/**
 * The body store the configuration names (BUTTERFLY_BODY_STORE, read by @butterfly/config's
 * bodyStoreEnv). The S3 store needs the app's guarded outbound client.
 */
export function createBodyStore(env: TBodyStoreEnv, opts: { http?: S3Http } = {}): BodyStore {
  if (env.kind === 'filesystem') return versionStore(filesystemBlobs(env.dir));
  if (env.kind === 's3') {
    if (!opts.http) throw new Error('The S3 body store needs the outbound client');
    return versionStore(s3Blobs(env, opts.http));
  }
  return versionStore(null);
}
