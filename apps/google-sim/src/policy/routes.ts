import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { adminCaller } from '../auth/access.ts';
import { SCOPE } from '../auth/scopes.ts';
import type { TCaller, TDeps } from '../deps.ts';
import { json, type TReply } from '../http/io.ts';
import { rpcError } from '../model/errors.ts';
import type { TObj } from '../model/types.ts';
import { parsePolicyFilter } from './cel.ts';
import { cloudIdentityGate } from './gate.ts';
import { inboundSso } from './inbound-sso.ts';
import { writePolicy } from './write.ts';

export const isCloudIdentityPath = (p: string) =>
  p === '/v1beta1/policies' ||
  p.startsWith('/v1beta1/policies/') ||
  p === '/v1/policies' ||
  p.startsWith('/v1/policies/') ||
  p.startsWith('/v1/inboundS') ||
  p.startsWith('/v1/inboundOidc');

const POLICY_READ = [SCOPE.policies, SCOPE.policiesRead];

interface TPos {
  fp: string;
  offset: number;
  /** The empty page for this offset was already served (`emptyPolicyPages`). */
  empty: boolean;
}

const encode = (p: TPos) => Buffer.from(JSON.stringify(p)).toString('base64url');
function decode(token: string, fp: string): TPos {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TPos;
    if (p.fp === fp && Number.isInteger(p.offset) && p.offset >= 0) return p;
  } catch {}
  throw rpcError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.');
}

/**
 * `policies.list` (spec C, E): super admin only, the CEL filter subset, pageSize default 50 and at
 * most 100 (larger is coerced), 429 RESOURCE_EXHAUSTED when the caller pages faster than once per
 * `policyPageIntervalMs`, and with `emptyPolicyPages` a blank page (only a nextPageToken) before
 * every later page, as ScubaGoggles observed.
 */
function listPolicies(deps: TDeps, caller: TCaller, url: URL): TReply {
  const q = url.searchParams;
  let filter: ReturnType<typeof parsePolicyFilter>;
  try {
    filter = parsePolicyFilter(q.get('filter'));
  } catch (error) {
    throw rpcError(400, 'INVALID_ARGUMENT', `Invalid filter: ${(error as Error).message}`);
  }
  const c = caller.customer;
  if (filter.customer && filter.customer !== 'customers/my_customer' && filter.customer !== `customers/${c.id}`)
    throw rpcError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
  const rawSize = q.get('pageSize');
  const size = rawSize === null || rawSize === '0' ? 50 : Number(rawSize);
  if (!Number.isInteger(size) || size < 0) throw rpcError(400, 'INVALID_ARGUMENT', 'Invalid page size.');
  const pageSize = Math.min(size, 100);

  const callerKey = `${caller.grant.clientId}:${caller.user.id}`;
  const now = deps.clock();
  const last = deps.runtime.lastPolicyPage.get(callerKey);
  const token = q.get('pageToken');
  if (token && last !== undefined && now - last < deps.world.settings.policyPageIntervalMs)
    throw rpcError(
      429,
      'RESOURCE_EXHAUSTED',
      'Quota exceeded: too many page requests; wait at least 1 second between pages.',
    );
  deps.runtime.lastPolicyPage.set(callerKey, now);

  const fp = createHash('sha256')
    .update(`${q.get('filter') ?? ''}|${pageSize}`)
    .digest('base64url')
    .slice(0, 12);
  const pos: TPos = token ? decode(token, fp) : { fp, offset: 0, empty: false };
  if (deps.world.settings.emptyPolicyPages && pos.offset > 0 && !pos.empty)
    return json({ nextPageToken: encode({ ...pos, empty: true }) });
  const items = [...c.policies.values()]
    .filter((p) => {
      const type = String((p.setting as TObj).type);
      return (
        (!filter.settingType || type === filter.settingType) &&
        (!filter.settingTypeMatches || filter.settingTypeMatches.test(type))
      );
    })
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const page = items.slice(pos.offset, pos.offset + pageSize);
  const next =
    pos.offset + pageSize < items.length ? encode({ fp, offset: pos.offset + pageSize, empty: false }) : undefined;
  return json({ ...(page.length ? { policies: page } : {}), ...(next ? { nextPageToken: next } : {}) });
}

/** `cloudidentity.googleapis.com/v1/…`: policies and inbound SSO. */
export async function handleCloudIdentity(deps: TDeps, req: IncomingMessage, url: URL): Promise<TReply> {
  if (url.pathname.startsWith('/v1beta1/') && req.method !== 'GET') return writePolicy(deps, req, url);
  if (req.method !== 'GET') throw rpcError(405, 'UNIMPLEMENTED', `google-sim serves no ${req.method} ${url.pathname}`);
  const p = url.pathname.replace(/^\/v1beta1\//, '/v1/');
  if (p === '/v1/policies' || p.startsWith('/v1/policies/')) {
    const caller = adminCaller(deps, req, POLICY_READ, 'rpc');
    cloudIdentityGate(deps, caller);
    if (p === '/v1/policies') return listPolicies(deps, caller, url);
    const policy = caller.customer.policies.get(p.slice(4));
    if (!policy) throw rpcError(404, 'NOT_FOUND', `Policy ${p.slice(4)} not found.`);
    return json(policy);
  }
  return inboundSso(deps, req, url);
}
