import { canonicalJson } from '../audit/audit.fns.ts';
import type { Deps } from '../deps.ts';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import { contentAddress, stripLinks } from '../snapshots/object-codec.fns.ts';
import type { Manifest } from './manifest.ts';
import { refKey, type TypeIndex, withoutVolatile } from './objects.fns.ts';
import { openVersions } from './open-versions.ts';
import type { Candidate } from './plan.fns.ts';

const BATCH = 500;

export interface LiveComparison {
  /** Objects that differ in more than volatile fields, and live objects the snapshot lacks. */
  candidates: Candidate[];
  /** Keys of the manifest found live. */
  seen: Set<string>;
  /** Types the org answered for; the others (a feature it lacks, a scope missing) cannot be compared. */
  skipped: Map<string, string>;
  compared: number;
}

/**
 * Streams the live org and compares each object with the snapshot by content address: an equal
 * object costs one keyed hash and nothing is decrypted. Objects whose address differs are decrypted
 * a batch at a time and kept only if they differ in more than volatile fields (a user who signed in
 * is not a change), so memory follows the drift, not the org.
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
    onProgress?: (done: number) => void;
    signal?: AbortSignal;
  },
): Promise<LiveComparison> {
  const contentKey = deps.keyring.contentKey(o.tenantId);
  const out: LiveComparison = { candidates: [], seen: new Set(), skipped: new Map(), compared: 0 };
  let pending: Candidate[] = [];
  const settle = async () => {
    const bodies = await openVersions(deps, o.tenantId, pending.map((c) => c.address!.toString('latin1')));
    for (const c of pending) {
      c.desired = bodies.get(c.address!.toString('latin1'));
      const info = o.index.get(c.type);
      if (canonicalJson(withoutVolatile(info, c.desired)) !== canonicalJson(withoutVolatile(info, c.live))) out.candidates.push(c);
    }
    pending = [];
  };
  const visit = async (obj: IdpObject) => {
    const key = refKey(obj.type, obj.id);
    if ((o.only && !o.only.has(key)) || out.seen.has(key)) return;
    out.compared++;
    if (out.compared % 1000 === 0) o.onProgress?.(out.compared);
    const stored = o.manifest.addresses.get(key);
    if (stored === undefined) {
      if (!o.only) out.candidates.push({ type: obj.type, id: obj.id, live: obj.body });
      return;
    }
    out.seen.add(key);
    // Hashed exactly as a backup stores it (ingest-batch.ts), so "equal" means "equal as stored".
    const address = contentAddress(contentKey, obj.type, obj.linksAreData ? obj.body : stripLinks(obj.body));
    if (address.toString('latin1') === stored) return;
    pending.push({ type: obj.type, id: obj.id, live: obj.body, address: Buffer.from(stored, 'latin1') });
    if (pending.length >= BATCH) await settle();
  };
  for await (const obj of liveObjects(o)) await visit(obj);
  await settle();
  const stats = o.client.stats().byType ?? {};
  for (const t of o.types) if (stats[t]?.skipped) out.skipped.set(t, stats[t]!.skipped!);
  o.onProgress?.(out.compared);
  return out;
}

/** Chosen objects are read one by one when there are few; otherwise (and for whole types) listed. */
async function* liveObjects(o: { client: IdpClient; types: readonly string[]; index: TypeIndex; only?: ReadonlySet<string>; signal?: AbortSignal }): AsyncGenerator<IdpObject> {
  if (o.only && o.only.size <= 200) {
    const listed = new Set(o.types.filter((t) => !o.index.get(t)?.readOne));
    for (const key of o.only) {
      const i = key.indexOf('\u0000');
      const ref = { type: key.slice(0, i), id: key.slice(i + 1) };
      if (listed.has(ref.type)) continue;
      const obj = await o.client.readObject(ref, { signal: o.signal });
      if (obj) yield obj;
    }
    if (listed.size) yield* o.client.listObjects({ types: [...listed], signal: o.signal });
    return;
  }
  yield* o.client.listObjects({ types: [...o.types], signal: o.signal });
}
