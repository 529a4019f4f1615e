/**
 * Every call Butterfly makes out of its own processes goes through this package: one address
 * filter (ip-ranges.ts), one policy, one client (no automatic redirects, the checked address pinned
 * for the connection, capped bodies, a deadline for the whole answer). See docs/decisions/016.
 */
export { onAbort } from './abort.ts';
export {
  type OutboundClient,
  type OutboundClientOptions,
  type OutboundFetch,
  type OutboundRequest,
  type OutboundResponse,
  createOutboundClient,
} from './client.ts';
export { OUTBOUND_ERROR_CODES, OutboundError, type OutboundErrorCode, describeUrl, isOutboundError } from './errors.ts';
export { isPublicAddress } from './ip-ranges.ts';
export { type HostLookup, type OutboundPolicy, allowedAddresses, isAllowedAddress } from './policy.ts';
