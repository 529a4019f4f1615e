import { findMember, permissionsOf, toMemberView } from '@butterfly/domain';
import { ZMe } from '../../outputs/me.ts';
import { permissionProcedure } from '../../trpc.ts';

export const getMe = permissionProcedure('dashboard.view')
  .output(ZMe)
  .query(async ({ ctx }) => {
  const member = await findMember(ctx.db, ctx.tenantId, ctx.principal.memberId);
  const tenant = await ctx.db.selectFrom('tenants').select(['id', 'slug', 'name']).where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
  return { member: toMemberView(member), tenant, permissions: permissionsOf(ctx.principal.role), via: ctx.principal.via };
});
