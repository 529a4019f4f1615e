/** Byte strings end to end, with where each starts and its length: one binary parameter for a column. */
export function packedBytes(parts: readonly Buffer[]) {
  const at: number[] = [];
  let n = 0;
  for (const p of parts) {
    at.push(n);
    n += p.length;
  }
  return { bytes: Buffer.concat(parts, n), at, lengths: parts.map((p) => p.length) };
}
