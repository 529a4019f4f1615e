import type { Deps } from '../deps.ts';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import { addressHasher, canonical } from '../bodies/content-address.fns.ts';
import type { Manifest } from './manifest.ts';
import type { LiveMatcher } from './match-live.fns.ts';
import { asReached, refKey, type TypeIndex, withoutVolatile } from '../snapshots/objects.fns.ts';
import { openVersions } from './open-versions.ts';
import { liveIdOf } from './rewrite.fns.ts';
import type { Candidate } from './plan.fns.ts';
import { cpuNow } from './timing.fns.ts';

const BATCH = 500;

export interface LiveComparison {
  /** Objects that differ in more than volatile fields, and live objects the snapshot lacks. */
  candidates: Candidate[];
  /** Types the org answered for; the others (a feature it lacks, a scope missing) cannot be compared. */
  skipped: Map<string, string>;
  compared: number;
  /** CPU time of our own comparing (hashing, lookups, diffing), the connector's reading left out. */
  computeMs: number;
}

/**
 * Streams the live org and compares each object with the snapshot by content address: an equal
 * object costs one keyed hash and nothing is decrypted (a row whose body is only its key, a
 * membership, costs a lookup). Objects whose address differs are decrypted a batch at a time and
 * kept only if they differ in more than volatile fields (a user who signed in is not a change), so
 * memory follows the drift, not the org. Marks what it finds in the manifest.
 */
export async function compareLive(
  deps: Pick<Deps, 'db' | 'keyring'>,
  o: {
    tenantId: string;
    client: IdpClient;
    types: readonly string[];
    index: TypeIndex;
    manifest: Manifest;
    /** Chosen objects: only these are compared, and live objects outside them are ignored. */
    only?: ReadonlySet<string>;
    /**
     * Objects the System Log names (decision 053): live objects outside are ignored; inside, the
     * snapshot's are compared and those it lacks are extras. The rest were marked seen (trusted).
     */
    within?: (type: string, id: string) => boolean;
    /** Where the live objects come from instead of listing the types (compare-by-log.ts). */
    source?: AsyncIterable<IdpObject>;
    /** Children known unchanged, not to be read (unchanged-children.ts). */
    skipChildren?: (childType: string, parent: { type: string; id: string; body: unknown }) => boolean;
    /** Objects earlier restores re-created: found under their new ids (connection-id-map.ts). */
    matcher?: LiveMatcher;
    onProgress?: (done: number) => void;
    signal?: AbortSignal;
  },
): Promise<LiveComparison> {
  const address = addressHasher(deps.keyring.contentKey(o.tenantId));
  const out: LiveComparison = { candidates: [], skipped: new Map(), compared: 0, computeMs: 0 };
  const extra = new Set<string>();
  let pending: Candidate[] = [];
  const settle = async () => {
    const bodies = await openVersions(
      deps,
      o.tenantId,
      pending.map((c) => c.address!.toString('latin1')),
    );
    const t0 = cpuNow();
    for (const c of pending) {
      const stored = bodies.get(c.address!.toString('latin1'));
      c.desired = o.matcher ? o.matcher.asLive(c.type, c.id, stored) : stored;
      const info = o.index.get(c.type);
      if (
        canonical(withoutVolatile(info, c.desired)) !==
        canonical(withoutVolatile(info, asReached(info, c.desired, c.live)))
      )
        out.candidates.push(c);
    }
    out.computeMs += cpuNow() - t0;
    pending = [];
  };
  /** Synchronous, so its time is ours alone; true when a batch of differing objects is ready to decrypt. */
  const visit = (obj: IdpObject): boolean => {
    const id = o.matcher ? snapshotIdOf(o.matcher, o.manifest, obj) : obj.id;
    if (o.only && !o.only.has(refKey(obj.type, id))) return false;
    if (o.within && !o.within(obj.type, id)) return false;
    const slot = o.manifest.slot(obj.type, id);
    if (slot === undefined) {
      const key = refKey(obj.type, obj.id);
      if (!o.only && !extra.has(key)) {
        extra.add(key);
        out.candidates.push({ type: obj.type, id: obj.id, live: obj.body });
      }
      return false;
    }
    if (!o.manifest.see(slot)) return false;
    if (++out.compared % 1000 === 0) o.onProgress?.(out.compared);
    if (o.index.get(obj.type)?.bodyIsKey) return false;
    // Hashed exactly as a backup stores it (ingest-batch.ts): bodies come without `_links` unless
    // the links are the data (IdpObject's contract), so "equal" means "equal as stored".
    if (o.manifest.sameAddress(slot, address(obj.type, obj.body))) return false;
    pending.push({ type: obj.type, id, live: obj.body, address: o.manifest.address(slot) });
    return pending.length >= BATCH;
  };
  for await (const obj of o.source ?? liveObjects(o)) {
    // A visit is synchronous, so its wall time is this thread's CPU time unless the machine takes
    // the core away meanwhile; reading the CPU clock per object cost more than most visits.
    const t0 = performance.now();
    const full = visit(obj);
    out.computeMs += performance.now() - t0;
    if (full) await settle();
  }
  await settle();
  const stats = o.client.stats().byType ?? {};
  for (const t of o.types) if (stats[t]?.skipped) out.skipped.set(t, stats[t]!.skipped!);
  o.onProgress?.(out.compared);
  return out;
}

/** The snapshot id a live object has: through the id map, then its own; its own when the snapshot has neither. */
function snapshotIdOf(matcher: LiveMatcher, manifest: Manifest, obj: IdpObject) {
  const ids = matcher.snapshotIdsOf(obj.type, obj.id);
  if (ids.length === 1) return ids[0]!;
  return ids.find((id) => manifest.slot(obj.type, id) !== undefined) ?? obj.id;
}

/** Chosen objects are read one by one when there are few; otherwise (and for whole types) listed. */
async function* liveObjects(o: {
  client: IdpClient;
  types: readonly string[];
  index: TypeIndex;
  only?: ReadonlySet<string>;
  skipChildren?: (childType: string, parent: { type: string; id: string; body: unknown }) => boolean;
  matcher?: LiveMatcher;
  signal?: AbortSignal;
}): AsyncGenerator<IdpObject> {
  if (o.only && o.only.size <= 200) {
    const listed = new Set(o.types.filter((t) => !o.index.get(t)?.readOne));
    for (const key of o.only) {
      const i = key.indexOf('\u0000');
      const ref = { type: key.slice(0, i), id: key.slice(i + 1) };
      if (listed.has(ref.type)) continue;
      const obj = await o.client.readObject(
        { type: ref.type, id: o.matcher ? liveIdOf(o.index, ref.type, ref.id, o.matcher.idMap) : ref.id },
        { signal: o.signal },
      );
      if (obj) yield obj;
    }
    if (listed.size) yield* o.client.listObjects({ types: [...listed], signal: o.signal });
    return;
  }
  yield* o.client.listObjects({ types: [...o.types], signal: o.signal, skipChildren: o.skipChildren });
}
