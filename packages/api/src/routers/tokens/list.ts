import { listApiTokens } from '@butterfly/domain/api-tokens';
import { ZTokensList } from '../../outputs/tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const listTokensProcedure = permissionProcedure('token.own')
  .output(returns<Awaited<ReturnType<typeof listApiTokens>>>()(ZTokensList))
  .query(({ ctx }) => listApiTokens(ctx.deps, ctx.tenantId));
