import { ZDeactivateMemberInput, deactivateMember } from '@butterfly/domain/members';
import { ZMembersDeactivate } from '../../outputs/members.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const deactivateProcedure = permissionProcedure('member.manage')
  .input(ZDeactivateMemberInput)
  .output(returns<Awaited<ReturnType<typeof deactivateMember>>>()(ZMembersDeactivate))
  .mutation(({ ctx, input }) => deactivateMember(ctx.deps, ctx.tenantId, input));
