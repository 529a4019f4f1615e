import { ZCreateWebhookInput, createWebhook } from '@butterfly/domain/webhooks';
import { ZWebhooksCreate } from '../../outputs/webhooks.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/**
 * Alert webhooks are tenant configuration beside schedules and retention (roles.md has no row of its
 * own for them), so they take schedule.manage. The target is checked against the outbound policy
 * (the app wires the check; private addresses refused unless BUTTERFLY_ALLOW_PRIVATE_URLS). The answer carries the signing secret, this once
 * (signed webhooks only: Slack and email channels have none). Email addresses skip the URL check.
 */
export const createWebhookProcedure = permissionProcedure('schedule.manage')
  .input(ZCreateWebhookInput)
  .output(returns<Awaited<ReturnType<typeof createWebhook>>>()(ZWebhooksCreate))
  .mutation(({ ctx, input }) =>
    createWebhook({ ...ctx.deps, checkWebhookTarget: ctx.services.checkWebhookTarget }, ctx.tenantId, input),
  );
