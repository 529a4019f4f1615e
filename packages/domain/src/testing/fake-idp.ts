import type { IdpClient, IdpLogEvent, IdpObject } from '../idp/types.ts';

/**
 * An in-memory identity provider for domain tests: it stands in for the vendor's API (as msw does
 * for HTTP), never for our own code. `failAfter` makes the listing throw mid-stream, like a worker
 * losing its connection. `events` is its audit log; `logsDenied` refuses it, like a credential
 * without the log scope.
 */
export function fakeIdp(
  objects: IdpObject[],
  opts: { failAfter?: number; logsDenied?: boolean } = {},
): IdpClient & { objects: IdpObject[]; events: IdpLogEvent[] } {
  let requests = 0;
  const client = {
    objects,
    events: [] as IdpLogEvent[],
    async *listObjects(o: { types?: string[] } = {}) {
      let n = 0;
      for (const obj of client.objects) {
        if (o.types && !o.types.includes(obj.type)) continue;
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
    async testAccess() {
      return { ok: true, missing: [] };
    },
    stats: () => ({ requests, rateLimitWaits: 0, rateLimitWaitMs: 0 }),
    objectTypes: () => [],
  };
  return client;
}
