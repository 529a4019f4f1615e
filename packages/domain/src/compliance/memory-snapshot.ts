import type { ComplianceSnapshot, SnapshotObject } from './types.ts';

/**
 * A snapshot held in memory: for tests, fixtures and small exports. Production scans read through a
 * storage-backed implementation of the same interface that streams from Postgres.
 */
export function createMemorySnapshot(
  objects: Record<string, SnapshotObject[]>,
  opts: { takenAt: Date; scopesMissing?: string[] },
): ComplianceSnapshot {
  return {
    takenAt: opts.takenAt,
    scopesMissing: opts.scopesMissing,
    has: (type) => Object.hasOwn(objects, type),
    objects: (type) => objects[type] ?? [],
    get: (type, id) => objects[type]?.find((o) => o.id === id),
  };
}
