import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseEnv } from '@butterfly/config';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMasterKey } from './master-key.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bfy-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('loadMasterKey', () => {
  it('uses BUTTERFLY_MASTER_KEY when set', () => {
    const env = databaseEnv({ BUTTERFLY_MASTER_KEY: key, BUTTERFLY_DATA_DIR: tempDir() });
    expect(loadMasterKey(env).toString('base64')).toBe(key);
  });

  it('generates a private key file once on the embedded default, then reads it back', () => {
    const dir = tempDir();
    const first = loadMasterKey(databaseEnv({ BUTTERFLY_DATA_DIR: dir }));
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toBe(first.toString('base64'));
    expect(loadMasterKey(databaseEnv({ BUTTERFLY_DATA_DIR: dir })).equals(first)).toBe(true);
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'master.key'), 'short\n');
    expect(() => loadMasterKey(databaseEnv({ BUTTERFLY_DATA_DIR: dir }))).toThrow(/32 base64-encoded bytes/);
  });

  it('never generates a key for an external database', () => {
    // databaseEnv itself rejects this combination; a hand-built env must not slip through either.
    const env = {
      ...databaseEnv({ BUTTERFLY_DATA_DIR: tempDir() }),
      DATABASE_URL: 'postgres://x@h/db',
      embedded: false,
    };
    expect(() => loadMasterKey(env)).toThrow(/BUTTERFLY_MASTER_KEY is required/);
  });
});
