import { ZSetSsoSettingsInput, setSsoSettings } from '@butterfly/domain/sso';
import { permissionProcedure } from '../../trpc.ts';

export const setSsoProcedure = permissionProcedure('sso.manage')
  .input(ZSetSsoSettingsInput)
  .mutation(({ ctx, input }) => setSsoSettings(ctx.deps, ctx.tenantId, input));
