import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes the state atomically: a temporary file beside it, then a rename over the old one. */
export function writeStateFile<T>(path: string, state: T): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
  renameSync(temp, path);
}

/** The saved text at `path`, or undefined when there is none yet (any other read error is thrown). */
export function readStateText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The saved state of simulator `name` at `path`, or undefined when there is none yet. A file that
 * is not JSON or fails `isState` is an error, never silently replaced by a fresh seed (the data loss
 * it prevents).
 */
export function readStateJson<T>(
  path: string,
  name: string,
  isState: (saved: T) => boolean,
  version = 1,
): T | undefined {
  const text = readStateText(path);
  if (text === undefined) return undefined;
  const what = `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} state file`;
  let saved: T;
  try {
    saved = JSON.parse(text) as T;
  } catch {
    throw new Error(`${path} is not ${what} (not JSON)`);
  }
  if (!saved || !isState(saved)) throw new Error(`${path} is not ${what} (version ${version})`);
  return saved;
}
