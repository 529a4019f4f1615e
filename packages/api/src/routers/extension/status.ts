import { ZExtensionObjectRef, getExtensionObjectStatus } from '@butterfly/domain/extension';
import { ZExtensionStatus } from '../../outputs/extension.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The extension's panel: last backup, versions and findings of the object the admin is looking at. */
export const extensionStatusProcedure = permissionProcedure('snapshot.read')
  .input(ZExtensionObjectRef)
  .output(returns<Awaited<ReturnType<typeof getExtensionObjectStatus>>>()(ZExtensionStatus))
  .query(({ ctx, input }) => getExtensionObjectStatus(ctx.deps, ctx.tenantId, input));
