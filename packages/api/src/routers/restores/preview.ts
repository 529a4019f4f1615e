import { ZRequestRestorePreviewInput, requestRestorePreview } from '@butterfly/domain/restores';
import { ZRestoresPreview } from '../../outputs/restores.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Stores an empty plan and queues the job that computes it; the page polls `get` for its progress. */
export const previewRestoreProcedure = permissionProcedure('restore.preview')
  .input(ZRequestRestorePreviewInput)
  .output(returns<Awaited<ReturnType<typeof requestRestorePreview>>>()(ZRestoresPreview))
  .mutation(({ ctx, input }) => requestRestorePreview(ctx.deps, ctx.tenantId, input));
