import type { IdpLogEvent } from '@butterfly/domain/idp';
import { OktaError } from './errors.ts';
import type { OktaApi } from './http/api.ts';
import { nextLink } from './http/link.fns.ts';

const TEMPLATE = '/api/v1/logs';
/** The largest page the System Log serves (OpenAPI: `limit`, default 100). */
const LIMIT = 1000;

/**
 * System Log events published in [since, until], oldest first. A query with `until` is bounded, so
 * its `next` links end; an empty page ends it too, in case a server keeps polling. Requests go
 * through the governor like every other (the logs bucket is small: 120 a minute).
 */
export async function* listLogEvents(
  api: OktaApi,
  o: { since: Date; until: Date; signal?: AbortSignal },
): AsyncGenerator<IdpLogEvent> {
  const params = new URLSearchParams({
    since: o.since.toISOString(),
    until: o.until.toISOString(),
    sortOrder: 'ASCENDING',
    limit: String(LIMIT),
  });
  let url: string | undefined = `${TEMPLATE}?${params}`;
  while (url) {
    const { body, headers } = await api.get(url, { template: TEMPLATE, scope: 'okta.logs.read', signal: o.signal });
    if (!Array.isArray(body)) throw new OktaError(`Expected a list from GET ${TEMPLATE}`);
    for (const e of body) yield toLogEvent(e);
    const next = nextLink(headers.get('link'));
    url = body.length && next !== url ? next : undefined;
  }
}

type RawEvent = {
  uuid?: string;
  published?: string;
  eventType?: string;
  actor?: { id?: string; type?: string; alternateId?: string; displayName?: string };
  target?: { id?: string; type?: string }[] | null;
};

/** The part of a `LogEvent` that attributes a change (the rest — client, geo, debug data — is not kept). */
function toLogEvent(raw: RawEvent): IdpLogEvent {
  const a = raw.actor ?? {};
  return {
    id: String(raw.uuid ?? ''),
    published: String(raw.published ?? ''),
    eventType: String(raw.eventType ?? ''),
    actor: {
      id: String(a.id ?? ''),
      type: String(a.type ?? ''),
      ...(a.alternateId ? { alternateId: a.alternateId } : {}),
      ...(a.displayName ? { displayName: a.displayName } : {}),
    },
    targets: (raw.target ?? []).filter((t) => t?.id).map((t) => ({ id: String(t.id), type: String(t.type ?? '') })),
  };
}
