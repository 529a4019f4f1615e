/**
 * An insertion-ordered table whose rows carry an increasing sequence number. A page cursor is a
 * sequence number, so "the rows after this cursor" is a binary search, not a scan: paging through
 * 100k users costs the same on page 500 as on page 1, and a row deleted between two pages does not
 * shift the next page (what Okta's opaque `after` cursors guarantee too).
 */
export interface TPage<V, K = string> {
  rows: V[];
  /** The rows' keys, in the same order. */
  keys: K[];
  /** Sequence number of the last row returned: the next page's cursor. */
  last: number;
  more: boolean;
}

export class SeqTable<K, V> {
  private ordered: K[] = [];
  private seqs: number[] = [];
  private readonly index = new Map<K, { seq: number; value: V }>();
  private next = 1;

  get size(): number {
    return this.index.size;
  }

  get(key: K): V | undefined {
    return this.index.get(key)?.value;
  }

  has(key: K): boolean {
    return this.index.has(key);
  }

  /** Inserts at the end, or replaces in place (a replaced row keeps its position). */
  set(key: K, value: V): V {
    const found = this.index.get(key);
    if (found) found.value = value;
    else {
      const seq = this.next++;
      this.index.set(key, { seq, value });
      this.ordered.push(key);
      this.seqs.push(seq);
    }
    return value;
  }

  delete(key: K): boolean {
    const found = this.index.get(key);
    if (!found) return false;
    this.index.delete(key);
    const at = this.position(found.seq);
    this.ordered.splice(at, 1);
    this.seqs.splice(at, 1);
    return true;
  }

  keys(): IterableIterator<K> {
    return this.ordered.values();
  }

  *values(): IterableIterator<V> {
    for (const key of this.ordered) yield this.index.get(key)!.value;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const key of this.ordered) yield [key, this.index.get(key)!.value];
  }

  /** Up to `limit` rows after sequence `after` (0 = from the start) that `keep` accepts. */
  page(after: number, limit: number, keep?: (value: V, key: K) => boolean): TPage<V, K> {
    const rows: V[] = [];
    const keys: K[] = [];
    let last = after;
    let i = this.position(after + 1);
    for (; i < this.ordered.length && rows.length < limit; i++) {
      const key = this.ordered[i]!;
      const value = this.index.get(key)!.value;
      if (keep && !keep(value, key)) continue;
      rows.push(value);
      keys.push(key);
      last = this.seqs[i]!;
    }
    let more = false;
    for (; i < this.ordered.length && !more; i++)
      more = !keep || keep(this.index.get(this.ordered[i]!)!.value, this.ordered[i]!);
    return { rows, keys, last, more };
  }

  /** First index whose sequence number is >= seq. */
  private position(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
