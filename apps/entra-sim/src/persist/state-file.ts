import { readStateJson, stateSaver as saveLater, writeStateFile as writeJsonAtomically } from '@butterfly/sim-kit';
import type { TSimState } from './snapshot.ts';

/**
 * The saved state at `path`, or undefined when there is none yet. A file that is not a state of
 * this version is an error, never silently replaced by a fresh seed (the data loss it prevents).
 */
export function readStateFile(path: string): TSimState | undefined {
  return readStateJson<TSimState>(path, 'entra-sim', (s) => s.version === 1 && Array.isArray(s.tenants) && !!s.keys);
}

/** Writes the state atomically: a temporary file beside it, then a rename over the old one. */
export function writeStateFile(path: string, state: TSimState): void {
  writeJsonAtomically(path, state);
}

/** Saves the state after changes and at flush (sim-kit's saver). */
export const stateSaver = (
  path: string,
  snapshot: () => Promise<TSimState>,
  onError: (error: Error) => void,
  delayMs = 500,
) => saveLater(path, snapshot, onError, delayMs);
