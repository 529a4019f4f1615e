/** Per-type object counts of a stored snapshot, and the types its backup listed (even finding none). */
export interface CollectedTypes {
  counts: Record<string, number>;
  listed: Set<string>;
}

/**
 * From a snapshot row: the backup's per-type counts plus the connector's per-type stats, which name
 * every type it listed, with zero objects or a "this org has none" skip.
 */
export function collectedTypes(counts: unknown, stats: unknown): CollectedTypes {
  const c = (counts ?? {}) as Record<string, number>;
  const byType = (stats as { byType?: Record<string, unknown> } | null)?.byType ?? {};
  return { counts: c, listed: new Set([...Object.keys(c), ...Object.keys(byType)]) };
}

/**
 * Whether a snapshot holds a type (possibly with no objects). A child type (`brand.sign_in_page`) is
 * listed once per parent item, so when the parent (`brand`) was listed and found none, its children
 * were read too, in the only sense possible: there were none.
 */
export function hasType(c: CollectedTypes, type: string): boolean {
  if (c.listed.has(type)) return true;
  const dot = type.lastIndexOf('.');
  if (dot <= 0) return false;
  const parent = type.slice(0, dot);
  return !c.counts[parent] && hasType(c, parent);
}
