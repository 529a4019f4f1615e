import { listMembers } from '@butterfly/domain/members';
import { permissionProcedure } from '../../trpc.ts';

export const listMembersProcedure = permissionProcedure('member.read').query(({ ctx }) => listMembers(ctx.deps, ctx.tenantId));
