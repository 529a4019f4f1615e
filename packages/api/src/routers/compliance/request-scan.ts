import { ZRequestLatestScanInput, requestLatestScan } from '@butterfly/domain/scans';
import { ZComplianceRequestScan } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** "Run scan": queues a scan of the connection's latest complete snapshot; `scanProgress` follows it. */
export const requestScanProcedure = permissionProcedure('compliance.run')
  .input(ZRequestLatestScanInput)
  .output(returns<Awaited<ReturnType<typeof requestLatestScan>>>()(ZComplianceRequestScan))
  .mutation(({ ctx, input }) => requestLatestScan(ctx.deps, ctx.tenantId, input));
