/** A running backup whose heartbeat is older than this belongs to a worker that died. */
export const BACKUP_STALE_MS = 2 * 60 * 1000;
/** Objects handled per write transaction: larger batches mean fewer round trips on a large backup. */
export const INGEST_BATCH = 1000;

export const entryKey = (type: string, objectId: string) => `${type}\u0000${objectId}`;
export const splitKey = (key: string) => {
  const i = key.indexOf('\u0000');
  return { type: key.slice(0, i), objectId: key.slice(i + 1) };
};

export interface BackupProgress {
  phase: 'reading' | 'finishing' | 'done';
  objects: number;
  requests: number;
  rateLimitWaits: number;
  /** Time spent in those pauses, summed (ms); absent in progress written before it was recorded. */
  rateLimitWaitMs?: number;
}

export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
}
