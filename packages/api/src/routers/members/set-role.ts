import { ZSetMemberRoleInput, setMemberRole } from '@butterfly/domain/members';
import { permissionProcedure } from '../../trpc.ts';

export const setRoleProcedure = permissionProcedure('member.manage')
  .input(ZSetMemberRoleInput)
  .mutation(({ ctx, input }) => setMemberRole(ctx.deps, ctx.tenantId, input));
