import type {
  IdpClient,
  IdpLogEvent,
  IdpObject,
  IdpObjectRef,
  IdpObjectTypeInfo,
  IdpTypeChanges,
} from '../idp/types.ts';

/**
 * An in-memory identity provider for domain tests: it stands in for the vendor's API (as msw does
 * for HTTP), never for our own code. `failAfter` makes the listing throw mid-stream, like a worker
 * losing its connection. `events` is its audit log; `logsDenied` refuses it, like a credential
 * without the log scope. With `types`, a child (id `parentId/…`, listed after its parent) is not
 * listed when the caller's `skipChildren` says its parent's are unchanged; `listed` keeps what was.
 */
export function fakeIdp(
  objects: IdpObject[],
  opts: { failAfter?: number; logsDenied?: boolean; types?: IdpObjectTypeInfo[]; changeFeed?: boolean } = {},
): IdpClient & {
  objects: IdpObject[];
  events: IdpLogEvent[];
  listed: IdpObjectRef[];
  changes: IdpObjectRef[];
  expireCursors: boolean;
} {
  let requests = 0;
  const types = opts.types ?? [];
  const client = {
    objects,
    events: [] as IdpLogEvent[],
    listed: [] as IdpObjectRef[],
    /** Its change feed (with `changeFeed`): the objects changed, in order; a cursor is a position in it. */
    changes: [] as IdpObjectRef[],
    /** Every cursor handed out so far is unknown, like an expired Graph deltaLink. */
    expireCursors: false,
    async *listObjects(
      o: {
        types?: string[];
        skipChildren?: (childType: string, parent: IdpObjectRef & { body: unknown }) => boolean;
      } = {},
    ) {
      let n = 0;
      client.listed = [];
      const skipped = new Set<string>();
      for (const obj of client.objects) {
        if (o.types && !o.types.includes(obj.type)) continue;
        if (skipped.has(`${obj.type}\u0000${obj.id.slice(0, obj.id.lastIndexOf('/'))}`)) continue;
        for (const child of types.filter((t) => t.parent === obj.type)) {
          if (o.skipChildren?.(child.type, { type: obj.type, id: obj.id, body: obj.body }))
            skipped.add(`${child.type}\u0000${obj.id}`);
        }
        client.listed.push({ type: obj.type, id: obj.id });
        if (opts.failAfter !== undefined && n >= opts.failAfter) throw new Error('connection reset by peer');
        if (n % 200 === 0) requests++;
        n++;
        yield structuredClone(obj);
      }
    },
    async readObject(ref: { type: string; id: string }) {
      requests++;
      return client.objects.find((o) => o.type === ref.type && o.id === ref.id);
    },
    async writeObject(): Promise<IdpObject | undefined> {
      throw new Error('fakeIdp is read-only');
    },
    async *listLogEvents(o: { since: Date; until: Date }) {
      requests++;
      if (opts.logsDenied) throw new Error('Missing scope okta.logs.read');
      for (const e of client.events) {
        const t = Date.parse(e.published);
        if (t >= o.since.getTime() && t <= o.until.getTime()) yield structuredClone(e);
      }
    },
    /** Targets name objects by their catalog type here; one read per distinct object, like the connector. */
    async readChangedObjects(events: readonly IdpLogEvent[]) {
      const refs = new Map<string, IdpObjectRef>();
      for (const e of events) for (const t of e.targets) refs.set(`${t.type}\u0000${t.id}`, { type: t.type, id: t.id });
      const out: { ref: IdpObjectRef; object?: IdpObject }[] = [];
      for (const ref of refs.values()) {
        const object = await client.readObject(ref);
        out.push({ ref, ...(object ? { object: structuredClone(object) } : {}) });
      }
      return out;
    },
    readChanges: opts.changeFeed
      ? async (type: string, o: { cursor?: string }): Promise<IdpTypeChanges> => {
          requests++;
          if (o.cursor !== undefined && client.expireCursors) return { expired: true };
          const from = o.cursor === undefined ? client.changes.length : Number(o.cursor);
          const ids = new Set(client.changes.slice(from).flatMap((c) => (c.type === type ? [c.id] : [])));
          const now = client.objects.filter((x) => x.type === type && ids.has(x.id));
          return {
            expired: false,
            changed: now.map((x) => structuredClone(x)),
            removed: [...ids].filter((id) => !now.some((x) => x.id === id)),
            cursor: String(client.changes.length),
          };
        }
      : undefined,
    async testAccess() {
      return { ok: true, missing: [] };
    },
    stats: () => ({ requests, rateLimitWaits: 0, rateLimitWaitMs: 0 }),
    objectTypes: () => types,
  };
  return client;
}
