import { ZRequestLatestScanInput, requestLatestScan } from '@butterfly/domain/scans';
import { permissionProcedure } from '../../trpc.ts';

/** "Run scan": queues a scan of the connection's latest complete snapshot; `scanProgress` follows it. */
export const requestScanProcedure = permissionProcedure('compliance.run')
  .input(ZRequestLatestScanInput)
  .mutation(({ ctx, input }) => requestLatestScan(ctx.deps, ctx.tenantId, input));
