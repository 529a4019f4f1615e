import { listScimTokens } from '@butterfly/domain/scim';
import { ZScimTokensList } from '../../outputs/scim-tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const listScimTokensProcedure = permissionProcedure('scim.manage')
  .output(returns<Awaited<ReturnType<typeof listScimTokens>>>()(ZScimTokensList))
  .query(({ ctx }) => listScimTokens(ctx.deps, ctx.tenantId));
