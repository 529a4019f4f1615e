import { ZSetFreshnessInput, setFreshness } from '@butterfly/domain/freshness';
import { ZConnectionsSetFreshness } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Decision 048: event-driven freshness on or off for a connection (audited). */
export const setFreshnessProcedure = permissionProcedure('connection.manage')
  .input(ZSetFreshnessInput)
  .output(returns<Awaited<ReturnType<typeof setFreshness>>>()(ZConnectionsSetFreshness))
  .mutation(({ ctx, input }) => setFreshness(ctx.deps, ctx.tenantId, input));
