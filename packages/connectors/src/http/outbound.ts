import { type HostLookup, type OutboundClient, createOutboundClient } from '@butterfly/outbound';

/** How a connector may reach its vendor: the options every provider's client passes through alike. */
export interface ConnectorNetworkOptions {
  allowPrivateNetwork?: boolean;
  /** Addresses allowed even when private ones are not (tests allow exactly their own server). */
  allowAddresses?: readonly string[];
  lookup?: HostLookup;
  /** Deadline for one whole answer, body included (default 120 s: a large page is slow on a busy org). */
  timeoutMs?: number;
}

/** A page of 200 Okta or 999 Graph objects is a few MB; this is far above any answer and bounds a runaway one. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/**
 * The shared outbound client as every connector uses it: the address policy checked in the socket's
 * lookup and pinned, no redirects followed, bodies capped, a deadline.
 */
export function connectorOutboundClient(o: ConnectorNetworkOptions): OutboundClient {
  return createOutboundClient({
    allowPrivate: !!o.allowPrivateNetwork,
    allowAddresses: o.allowAddresses,
    lookup: o.lookup,
    timeoutMs: o.timeoutMs ?? 120_000,
    maxBytes: MAX_ANSWER_BYTES,
  });
}
