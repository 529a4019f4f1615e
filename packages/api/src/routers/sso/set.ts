import { ZSetSsoSettingsInput, setSsoSettings } from '@butterfly/domain/sso';
import { ZSsoSet } from '../../outputs/sso.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const setSsoProcedure = permissionProcedure('sso.manage')
  .input(ZSetSsoSettingsInput)
  .output(returns<Awaited<ReturnType<typeof setSsoSettings>>>()(ZSsoSet))
  .mutation(({ ctx, input }) => setSsoSettings(ctx.deps, ctx.tenantId, input));
