import { ZDeactivateMemberInput, deactivateMember } from '@butterfly/domain/members';
import { permissionProcedure } from '../../trpc.ts';

export const deactivateProcedure = permissionProcedure('member.manage')
  .input(ZDeactivateMemberInput)
  .mutation(({ ctx, input }) => deactivateMember(ctx.deps, ctx.tenantId, input));
