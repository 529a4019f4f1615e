/**
 * JSON with object keys sorted at every level, indented, ending in a newline. A scan record read back
 * from Postgres jsonb comes with its keys in another order; sorting them is what lets a bundle
 * rendered again from stored data hash the same as the first time.
 */
export function canonicalJson(value: unknown): string {
  const sorted = JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
  return `${JSON.stringify(JSON.parse(sorted), null, 2)}\n`;
}
