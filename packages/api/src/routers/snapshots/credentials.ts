import { ZListAppCredentialsInput, listAppCredentials } from '@butterfly/domain/credentials';
import { ZSnapshotsCredentials } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Secrets and certificates: app client secrets and signing keys of the latest backup, soonest expiry first. */
export const appCredentialsProcedure = permissionProcedure('snapshot.read')
  .input(ZListAppCredentialsInput)
  .output(returns<Awaited<ReturnType<typeof listAppCredentials>>>()(ZSnapshotsCredentials))
  .query(({ ctx, input }) => listAppCredentials(ctx.deps, ctx.tenantId, input));
