import { ZSetMemberRoleInput, setMemberRole } from '@butterfly/domain/members';
import { ZMembersSetRole } from '../../outputs/members.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const setRoleProcedure = permissionProcedure('member.manage')
  .input(ZSetMemberRoleInput)
  .output(returns<Awaited<ReturnType<typeof setMemberRole>>>()(ZMembersSetRole))
  .mutation(({ ctx, input }) => setMemberRole(ctx.deps, ctx.tenantId, input));
