import { runComplianceScan } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZComplianceRun } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZRunScanInput = z.object({ snapshotId: z.uuid() });

/** Scans a snapshot now: reading stored data only, a scan takes well under a request's time. */
export const runScanProcedure = permissionProcedure('compliance.run')
  .input(ZRunScanInput)
  .output(returns<Awaited<ReturnType<typeof runComplianceScan>>>()(ZComplianceRun))
  .mutation(({ ctx, input }) =>
    runComplianceScan(ctx.deps, ctx.tenantId, { snapshotId: input.snapshotId, trigger: 'api' }),
  );
