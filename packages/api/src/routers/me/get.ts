import { getMe as getMeUseCase } from '@butterfly/domain/members';
import { ZMe } from '../../outputs/me.ts';
import { permissionProcedure } from '../../trpc.ts';

export const getMe = permissionProcedure('dashboard.view')
  .output(ZMe)
  .query(({ ctx }) => getMeUseCase(ctx.deps, ctx.tenantId, ctx.principal));
