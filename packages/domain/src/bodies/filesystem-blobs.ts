import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type BlobStore, addressKey, blobKey, eachLimit } from './body-store.ts';

/** Files written or read at once: enough to hide disk latency, few enough to stay far from fd limits. */
const PARALLEL = 16;

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Sealed bodies as files under `dir`: `<tenant>/<first byte>/<address hex>`. A body is written to a
 * temporary file beside its final name, flushed, then renamed: a reader sees the whole body or none,
 * and a crash leaves at most a `.tmp` file, never a torn body under a content address.
 */
export function filesystemBlobs(dir: string): BlobStore {
  const path = (tenantId: string, address: Buffer) => join(dir, blobKey(tenantId, address));
  return {
    kind: 'filesystem',
    async put(tenantId, items) {
      const made = new Set<string>();
      await eachLimit(items, PARALLEL, async ({ address, body }) => {
        const target = path(tenantId, address);
        const parent = dirname(target);
        if (!made.has(parent)) {
          await mkdir(parent, { recursive: true });
          made.add(parent);
        }
        const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        const fh = await open(tmp, 'wx', 0o600);
        try {
          await fh.writeFile(body);
          await fh.sync();
        } finally {
          await fh.close();
        }
        try {
          await rename(tmp, target);
        } catch (e) {
          await rm(tmp, { force: true });
          throw e;
        }
      });
    },
    async get(tenantId, addresses) {
      const out = new Map<string, Buffer>();
      await eachLimit(addresses, PARALLEL, async (a) => {
        try {
          out.set(addressKey(a), await readFile(path(tenantId, a)));
        } catch (e) {
          if (!isMissing(e)) throw e;
        }
      });
      return out;
    },
    async has(tenantId, addresses) {
      const out = new Set<string>();
      await eachLimit(addresses, PARALLEL, async (a) => {
        try {
          if ((await stat(path(tenantId, a))).isFile()) out.add(addressKey(a));
        } catch (e) {
          if (!isMissing(e)) throw e;
        }
      });
      return out;
    },
    async delete(tenantId, addresses) {
      await eachLimit(addresses, PARALLEL, (a) => rm(path(tenantId, a), { force: true }));
    },
  };
}
