/**
 * Byte strings end to end, with where each starts and its length as int[] literals (built here: pg
 * would escape each number of a JS array with a regular expression). One binary parameter for a
 * column of a batch; SQL cuts it apart with `substring(bytes from at + 1 for length)`.
 */
export function packedBytes(parts: readonly Buffer[]) {
  const at: number[] = [];
  let n = 0;
  for (const p of parts) {
    at.push(n);
    n += p.length;
  }
  return { bytes: Buffer.concat(parts, n), at: intArray(at), lengths: intArray(parts.map((p) => p.length)) };
}

const intArray = (ns: readonly number[]) => `{${ns.join(',')}}`;
