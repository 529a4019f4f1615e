import { router } from '../../trpc.ts';
import { createWebhookProcedure } from './create.ts';
import { webhookDeliveriesProcedure } from './deliveries.ts';
import { webhookDeliveryProcedure } from './delivery.ts';
import { listWebhooksProcedure } from './list.ts';
import { removeWebhookProcedure } from './remove.ts';
import { testWebhookProcedure } from './test.ts';

export const webhooksRouter = router({
  list: listWebhooksProcedure,
  create: createWebhookProcedure,
  remove: removeWebhookProcedure,
  test: testWebhookProcedure,
  deliveries: webhookDeliveriesProcedure,
  delivery: webhookDeliveryProcedure,
});
