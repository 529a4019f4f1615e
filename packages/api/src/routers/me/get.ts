import type { RequestPrincipal } from '../../context.ts';
import { type Me, getMe as getMeUseCase } from '@butterfly/domain/members';
import { ZMe } from '../../outputs/me.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const getMe = permissionProcedure('dashboard.view')
  .output(returns<Me<RequestPrincipal['via']>>()(ZMe))
  .query(({ ctx }) => getMeUseCase(ctx.deps, ctx.tenantId, ctx.principal));
