import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reachableNative } from './binaries.ts';

// PostgreSQL runs as another OS user when we are root; a user that owns nothing here stands for it.
const other = { uid: 65_534, gid: 65_534 };
const root = mkdtempSync(join(tmpdir(), 'bfy-binaries-'));
chmodSync(root, 0o755); // mkdtemp makes it 0700: each case sets its own home's mode
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in `native` folder (bin, lib with a symlink) under `parentMode`. */
function nativeUnder(name: string, parentMode: number) {
  const home = join(root, name);
  const native = join(home, 'pkg', 'native');
  mkdirSync(join(native, 'bin'), { recursive: true });
  mkdirSync(join(native, 'lib'), { recursive: true });
  writeFileSync(join(native, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(native, 'lib', 'libpq.so.5.17'), 'lib');
  symlinkSync('libpq.so.5.17', join(native, 'lib', 'libpq.so.5'));
  chmodSync(home, parentMode);
  return native;
}

describe('reachableNative', () => {
  it('uses the binaries where they are when the postgres user can reach them', () => {
    const native = nativeUnder('open', 0o755);
    expect(reachableNative(native, other, join(root, 'tmp-open'))).toBe(native);
    expect(reachableNative(native, undefined, join(root, 'tmp-open'))).toBe(native);
  });

  it('runs a copy from the temp folder when the checkout is under a 0700 home, made once, symlinks kept', () => {
    const native = nativeUnder('private', 0o700);
    const temp = join(root, 'tmp-private');
    mkdirSync(temp);
    const copy = reachableNative(native, other, temp);
    expect(copy.startsWith(temp)).toBe(true);
    expect(readFileSync(join(copy, 'bin', 'initdb'), 'utf8')).toBe('#!/bin/sh\n');
    expect(readFileSync(join(copy, 'lib', 'libpq.so.5'), 'utf8')).toBe('lib');
    // Second start: the same copy, no leftovers of a build in progress.
    writeFileSync(join(copy, 'marker'), '');
    expect(reachableNative(native, other, temp)).toBe(copy);
    expect(existsSync(join(copy, 'marker'))).toBe(true);
  });

  it('refuses a planted copy that others may write to', () => {
    const native = nativeUnder('planted', 0o700);
    const temp = join(root, 'tmp-planted');
    mkdirSync(temp);
    const copy = reachableNative(native, other, temp);
    chmodSync(copy, 0o777);
    expect(() => reachableNative(native, other, temp)).toThrow(/writable by others/);
  });
});
