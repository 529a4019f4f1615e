import { readStateText, writeStateFile as writeJsonAtomically } from '@butterfly/sim-kit';
import type { TSimState } from './org-state.ts';

/**
 * The saved state at `path`, or undefined when there is none yet. A file that is not a state of
 * this version is an error (never silently replaced by a fresh seed: that is the data loss it prevents).
 * Org URLs are moved to `baseUrl` when the simulator now listens elsewhere.
 */
export function readStateFile(path: string, baseUrl: string): TSimState | undefined {
  const text = readStateText(path);
  if (text === undefined) return undefined;
  const saved = JSON.parse(text) as TSimState;
  if (saved?.version !== 1 || !Array.isArray(saved.orgs))
    throw new Error(`${path} is not an okta-sim state file (version 1)`);
  if (saved.baseUrl === baseUrl) return saved;
  return JSON.parse(
    text.split(JSON.stringify(saved.baseUrl).slice(1, -1)).join(JSON.stringify(baseUrl).slice(1, -1)),
  ) as TSimState;
}

/** Writes the state atomically: a temporary file beside it, then a rename over the old one. */
export function writeStateFile(path: string, state: TSimState): void {
  writeJsonAtomically(path, state);
}

/**
 * Saves `snapshot()` at most once per `delayMs` after changes (`changed()`), and at `flush()`.
 * A failed write is reported and retried at the next change or flush.
 */
export function stateSaver(path: string, snapshot: () => TSimState, onError: (error: Error) => void, delayMs = 500) {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    timer = undefined;
    try {
      writeStateFile(path, snapshot());
    } catch (error) {
      onError(error as Error);
    }
  };
  return {
    changed() {
      timer ??= setTimeout(save, delayMs);
      timer.unref();
    },
    flush() {
      if (timer) clearTimeout(timer);
      save();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
