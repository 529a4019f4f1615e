import { openSecret } from '../crypto/secrets.ts';
import type { Deps } from '../deps.ts';
import { type ChannelKind, payloadPurpose, secretPurpose } from './webhooks.fns.ts';

/**
 * A delivery with what sending it takes (URL, opened secret, the exact body to sign), for the
 * delivery job only: never returned to a client. Undefined when there is nothing left to send (the
 * webhook was removed or disabled, or an earlier attempt already delivered it).
 */
export async function openWebhookDelivery(
  deps: Pick<Deps, 'db' | 'keyring'>,
  input: { tenantId: string; deliveryId: string },
) {
  const row = await deps.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.id',
      'd.status',
      'd.event',
      'd.payload_sealed',
      'w.id as webhook_id',
      'w.kind',
      'w.url',
      'w.secret_sealed',
      'w.enabled',
    ])
    .where('d.tenant_id', '=', input.tenantId)
    .where('d.id', '=', input.deliveryId)
    .executeTakeFirst();
  if (row?.status !== 'pending' || !row.enabled) return undefined;
  return {
    id: row.id,
    event: row.event,
    kind: row.kind as ChannelKind,
    url: row.url,
    secret: await openSecret(deps, input.tenantId, secretPurpose(row.webhook_id), row.secret_sealed),
    body: await openSecret(deps, input.tenantId, payloadPurpose(row.id), row.payload_sealed),
  };
}
