import { getSsoSettings, verificationRecord } from '@butterfly/domain/sso';
import { ZSsoGet } from '../../outputs/sso.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The SSO settings page: client (never its secret) and domains with the TXT record each needs. */
export const getSsoProcedure = permissionProcedure('sso.manage')
  .output(ZSsoGet)
  .query(async ({ ctx }) => {
    const { client, domains } = await getSsoSettings(ctx.deps, ctx.tenantId);
    return {
      client,
      domains: domains.map(({ verificationToken, ...d }) => ({
        ...d,
        txtRecord: verificationRecord(verificationToken),
      })),
    };
  });
