import { ZRotateEventHookSecretInput, rotateEventHookSecret } from '@butterfly/domain/freshness';
import { ZConnectionsRotateEventHookSecret } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Decision 048: a new secret for the connection's Okta event hook, with the hook's path (shown once). */
export const rotateEventHookSecretProcedure = permissionProcedure('connection.manage')
  .input(ZRotateEventHookSecretInput)
  .output(returns<Awaited<ReturnType<typeof rotateEventHookSecret>>>()(ZConnectionsRotateEventHookSecret))
  .mutation(({ ctx, input }) => rotateEventHookSecret(ctx.deps, ctx.tenantId, input));
