import type { IncomingMessage } from 'node:http';
import { adminCaller } from '../auth/access.ts';
import { SCOPE } from '../auth/scopes.ts';
import type { TDeps } from '../deps.ts';
import { json, type TReply } from '../http/io.ts';
import { rpcError } from '../model/errors.ts';
import type { TCustomer, TObj } from '../model/types.ts';
import { cloudIdentityGate } from './gate.ts';

const READ = [SCOPE.inboundSso, SCOPE.inboundSsoRead];
const KINDS: Record<string, (c: TCustomer) => TObj[]> = {
  inboundSamlSsoProfiles: (c) => [...c.samlProfiles.values()],
  inboundOidcSsoProfiles: () => [],
  inboundSsoAssignments: (c) => [...c.ssoAssignments.values()],
};

/**
 * `inboundSamlSsoProfiles`, `inboundOidcSsoProfiles`, `inboundSsoAssignments` (list and get).
 * A list needs `filter=customer=="customers/C…"` with the canonical id: `my_customer` is refused,
 * which is why a backup resolves the customer first (spec C).
 */
export function inboundSso(deps: TDeps, req: IncomingMessage, url: URL): TReply {
  const [, , kind, id] = url.pathname.split('/');
  const all = KINDS[kind ?? ''];
  if (!all) throw rpcError(404, 'NOT_FOUND', `google-sim serves no ${url.pathname}`);
  const caller = adminCaller(deps, req, READ, 'rpc');
  cloudIdentityGate(deps, caller);
  const c = caller.customer;
  if (id) {
    const item = all(c).find((x) => x.name === `${kind}/${id}`);
    if (!item) throw rpcError(404, 'NOT_FOUND', `${kind}/${id} not found.`);
    return json(item);
  }
  const m = /^customer\s*==\s*"customers\/([^"]+)"$/.exec(url.searchParams.get('filter')?.trim() ?? '');
  if (!m || m[1] === 'my_customer') throw rpcError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.');
  if (m[1] !== c.id) throw rpcError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
  const items = all(c).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return json(items.length ? { [kind!]: items } : {});
}
