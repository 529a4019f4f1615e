/**
 * Order from a dependency graph: Kahn's algorithm, always taking the lowest-numbered ready node, so
 * the same graph gives the same order every time (nodes come pre-sorted by a stable key). A cycle is
 * never looped on: when nothing is ready, one cycle is found and reported, and its lowest node is
 * taken as if its remaining dependencies were met.
 */
export interface TopoResult {
  order: number[];
  cycles: number[][];
}

/** `edges`: [before, after] pairs over nodes 0..n-1. */
export function topoOrder(n: number, edges: readonly (readonly [number, number])[]): TopoResult {
  const out: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    if (a === b) continue;
    out[a]!.push(b);
    indegree[b]!++;
  }
  const ready = new MinHeap();
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);
  const placed = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  const cycles: number[][] = [];
  const place = (i: number) => {
    placed[i] = true;
    order.push(i);
    for (const j of out[i]!) if (--indegree[j]! === 0) ready.push(j);
  };
  while (order.length < n) {
    const next = ready.pop();
    if (next !== undefined) {
      if (!placed[next]) place(next);
      continue;
    }
    const cycle = findCycle(n, out, placed, indegree);
    cycles.push(cycle);
    const lowest = Math.min(...cycle);
    indegree[lowest] = 0;
    place(lowest);
  }
  return { order, cycles };
}

/** A cycle among the unplaced nodes (every one of them has a dependency left, so one exists). */
function findCycle(n: number, out: number[][], placed: boolean[], indegree: number[]): number[] {
  // Walk backwards along unmet dependencies from the lowest waiting node until a node repeats.
  const incoming: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) if (!placed[a]) for (const b of out[a]!) if (!placed[b]) incoming[b]!.push(a);
  let start = 0;
  while (placed[start] || indegree[start] === 0) start++;
  const seen = new Map<number, number>();
  const path: number[] = [];
  let at = start;
  while (!seen.has(at)) {
    seen.set(at, path.length);
    path.push(at);
    at = Math.min(...incoming[at]!);
  }
  return path
    .slice(seen.get(at))
    .reverse()
    .sort((x, y) => x - y);
}

class MinHeap {
  private readonly a: number[] = [];
  push(v: number) {
    const a = this.a;
    a.push(v);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
