import { getMe as getMeUseCase } from '@butterfly/domain/members';
import { permissionProcedure } from '../../trpc.ts';

export const getMe = permissionProcedure('dashboard.view').query(({ ctx }) => getMeUseCase(ctx.deps, ctx.tenantId, ctx.principal));
