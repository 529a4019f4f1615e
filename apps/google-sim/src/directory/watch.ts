import type { TChannel } from '../deps.ts';
import { shortId } from '../model/ids.ts';
import { post } from '../watch/notify.ts';
import { badRequest, ownCustomer, type TDirCtx } from './context.ts';

const EVENTS = ['add', 'delete', 'makeAdmin', 'undelete', 'update'];
const MAX_TTL_MS = 6 * 3600_000;

/**
 * `users.watch`: a web_hook channel on the customer's users (spec B); `event` narrows it. The
 * channel lives at most 6 hours (`expiration`, ms since epoch) and gets a `sync` message first.
 */
export function watchUsers(ctx: TDirCtx) {
  ownCustomer(ctx, ctx.url.searchParams.get('customer') ?? 'my_customer');
  const event = ctx.url.searchParams.get('event') ?? undefined;
  if (event && !EVENTS.includes(event)) throw badRequest(`Invalid value for event: ${event}`);
  const { id, type, address, token, expiration } = ctx.body as Record<string, unknown>;
  if (typeof id !== 'string' || !id) throw badRequest('Invalid Input: id');
  if (type !== 'web_hook' && type !== 'webhook') throw badRequest('Invalid Input: type');
  if (typeof address !== 'string' || !/^https?:\/\//.test(address)) throw badRequest('Invalid Input: address');
  const now = ctx.deps.clock();
  const asked = expiration === undefined ? now + MAX_TTL_MS : Number(expiration);
  const ch: TChannel = {
    id,
    resourceId: shortId(27),
    customerId: ctx.caller.customer.id,
    address,
    token: typeof token === 'string' ? token : undefined,
    expiration: Math.min(Number.isFinite(asked) ? asked : now + MAX_TTL_MS, now + MAX_TTL_MS),
    event,
    messageNumber: 0,
  };
  ctx.deps.runtime.channels.set(`${ch.id}|${ch.resourceId}`, ch);
  post(ctx.deps, ch, 'sync', undefined);
  return {
    kind: 'api#channel',
    id: ch.id,
    resourceId: ch.resourceId,
    resourceUri: `${ctx.deps.baseUrl}/admin/directory/v1/users?customer=my_customer&alt=json${event ? `&event=${event}` : ''}`,
    ...(ch.token ? { token: ch.token } : {}),
    expiration: String(ch.expiration),
  };
}

/** `channels.stop` (`POST /admin/directory_v1/channels/stop`): `{id, resourceId}`. */
export function stopChannel(ctx: TDirCtx) {
  const key = `${String(ctx.body.id)}|${String(ctx.body.resourceId)}`;
  const ch = ctx.deps.runtime.channels.get(key);
  if (!ch || ch.customerId !== ctx.caller.customer.id) throw badRequest(`Channel '${String(ctx.body.id)}' not found`);
  ctx.deps.runtime.channels.delete(key);
  return undefined;
}
