import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: the package ships no types (its API: new S3rver(options).run() / .close()).
import S3rver from '@20minutes/s3rver';

/**
 * A real S3-compatible server for tests (decision 044): s3rver (the maintained @20minutes fork),
 * in-process, over a temporary directory, on 127.0.0.1 and a port the system picks (no fixed port
 * to collide with). It checks AWS Signature V4 like S3 does, with its fixed test credentials.
 */
export async function startS3Server(bucket: string) {
  const directory = mkdtempSync(join(tmpdir(), 'bfy-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    directory,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
