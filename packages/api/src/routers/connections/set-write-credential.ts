import { ZSetWriteCredentialInput, setWriteCredential } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

/** The separate credential restore apply writes with (or null to remove it). */
export const setWriteCredentialProcedure = permissionProcedure('connection.manage')
  .input(ZSetWriteCredentialInput)
  .mutation(({ ctx, input }) => setWriteCredential(ctx.deps, ctx.tenantId, input));
