import { createSender } from '@butterfly/sim-kit';
import type { TChannel, TDeps } from '../deps.ts';
import { etagOf } from '../model/ids.ts';
import type { TCustomer, TUser } from '../model/types.ts';

const send = createSender('APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)');

export function post(deps: TDeps, ch: TChannel, state: string, body: Record<string, unknown> | undefined) {
  ch.messageNumber += 1;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    'x-goog-channel-id': ch.id,
    'x-goog-channel-expiration': new Date(ch.expiration).toUTCString(),
    'x-goog-resource-id': ch.resourceId,
    'x-goog-resource-uri': `${deps.baseUrl}/admin/directory/v1/users?customer=my_customer&alt=json&event=${ch.event ?? 'update'}`,
    'x-goog-resource-state': state,
    'x-goog-message-number': String(ch.messageNumber),
    ...(ch.token ? { 'x-goog-channel-token': ch.token } : {}),
  };
  void send('POST', ch.address, { headers, body: body ? JSON.stringify(body) : undefined }).then((r) => {
    if (r.status === 0 || r.status >= 400)
      deps.log.info({ channel: ch.id, status: r.status }, 'watch notification not accepted');
  });
}

/** Tells every live channel on `customer` watching `state` (or everything) about `user`. */
export function notifyUserChange(deps: TDeps, customer: TCustomer, user: TUser, state: string): void {
  const now = deps.clock();
  for (const [id, ch] of deps.runtime.channels) {
    if (ch.expiration <= now) {
      deps.runtime.channels.delete(id);
      continue;
    }
    if (ch.customerId !== customer.id || (ch.event && ch.event !== state)) continue;
    post(deps, ch, state, {
      kind: 'admin#directory#user',
      id: user.id,
      etag: etagOf(user),
      primaryEmail: user.primaryEmail,
    });
  }
}
