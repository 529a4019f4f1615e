import { ZSetWriteCredentialInput, setWriteCredential } from '@butterfly/domain/connections';
import { ZConnectionsSetWriteCredential } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The separate credential restore apply writes with (or null to remove it). */
export const setWriteCredentialProcedure = permissionProcedure('connection.manage')
  .input(ZSetWriteCredentialInput)
  .output(returns<Awaited<ReturnType<typeof setWriteCredential>>>()(ZConnectionsSetWriteCredential))
  .mutation(({ ctx, input }) => setWriteCredential(ctx.deps, ctx.tenantId, input));
