/** Canonical JSON up to this length is a membership row (`{"id":"00u…"}`), shared by every group of its user. */
const SMALL_BODY = 64;
/** Bounds the memo (~100 bytes an entry): past it, later small bodies are hashed and offered again as before. */
const SMALL_BODIES_KEPT = 200_000;

/**
 * The addresses of small bodies this backup need not store again: a user's membership row is the same
 * body in each of its groups (300k memberships of 100k users), and was hashed, sealed and offered to
 * the store once per group, the store's `on conflict do nothing` dropping all but the first. Remembered
 * are the addresses whose version is committed: named by the last snapshot (found unchanged), or put
 * by a batch of this backup once its transaction has committed (a foreign key does not see another
 * transaction's rows before that, and two batches overlap: one is written while the next is read).
 * Within a batch, `batch()` also knows what that batch puts.
 */
export class SmallBodies {
  /** Addresses as latin1 strings: a Buffer each would cost more than the rest of the entry. */
  private readonly known = new Map<string, string>();

  address(type: string, canonicalJson: string): Buffer | undefined {
    if (canonicalJson.length > SMALL_BODY) return undefined;
    const a = this.known.get(`${type}\0${canonicalJson}`);
    return a === undefined ? undefined : Buffer.from(a, 'latin1');
  }

  stored(type: string, canonicalJson: string, address: Buffer) {
    if (canonicalJson.length <= SMALL_BODY && this.known.size < SMALL_BODIES_KEPT)
      this.known.set(`${type}\0${canonicalJson}`, address.toString('latin1'));
  }

  /** A view for one batch: its own puts are known to it at once, and to every batch once `commit` is called. */
  batch() {
    const mine = new SmallBodies();
    return {
      address: (type: string, canonicalJson: string) =>
        this.address(type, canonicalJson) ?? mine.address(type, canonicalJson),
      put: (type: string, canonicalJson: string, address: Buffer) => mine.stored(type, canonicalJson, address),
      unchanged: (type: string, canonicalJson: string, address: Buffer) => this.stored(type, canonicalJson, address),
      commit: () => {
        for (const [k, a] of mine.known) if (this.known.size < SMALL_BODIES_KEPT) this.known.set(k, a);
      },
    };
  }
}
