import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { listWebhookDeliveries } from './list-webhook-deliveries.ts';

/**
 * One delivery as the log shows it: how "Send a test" learns its outcome (pending until the worker
 * has tried; then delivered, or failed with the error). Another tenant's delivery is not found.
 */
export async function getWebhookDelivery(deps: Deps, tenantId: string, input: { deliveryId: string }) {
  const [d] = await listWebhookDeliveries(deps, tenantId, { deliveryId: input.deliveryId, limit: 1 });
  if (!d) throw new DomainError('NOT_FOUND', 'No such delivery');
  return d;
}
