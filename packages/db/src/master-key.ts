import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TDatabaseEnv, databaseEnv } from '@butterfly/config';

/**
 * The master key that wraps every tenant data key, as 32 raw bytes.
 *
 * BUTTERFLY_MASTER_KEY wins when set. Otherwise, on the embedded default only, the key lives in
 * `<BUTTERFLY_DATA_DIR>/master.key` (base64, mode 0600) beside the database it protects, generated on
 * first use. With DATABASE_URL and no key we refuse: a key generated on one machine would make the
 * data unreadable from every other process sharing that database.
 */
export function loadMasterKey(env: TDatabaseEnv = databaseEnv()): Buffer {
  if (env.BUTTERFLY_MASTER_KEY) return Buffer.from(env.BUTTERFLY_MASTER_KEY, 'base64');
  if (!env.embedded) throw new Error('BUTTERFLY_MASTER_KEY is required when DATABASE_URL is set');
  mkdirSync(env.BUTTERFLY_DATA_DIR, { recursive: true });
  const file = join(env.BUTTERFLY_DATA_DIR, 'master.key');
  try {
    return decode(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // Written aside, then hard-linked into place: if two processes race on first start, exactly one
  // key wins and nobody ever reads a half-written file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
  return decode(readFileSync(file, 'utf8'), file);
}

function decode(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold 32 base64-encoded bytes`);
  return key;
}
