import { ZScanProgressInput, getScanProgress } from '@butterfly/domain/scans';
import { ZComplianceScanProgress } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Polled by the compliance page after "Run scan" until the scan is stored. */
export const scanProgressProcedure = permissionProcedure('compliance.read')
  .input(ZScanProgressInput)
  .output(returns<Awaited<ReturnType<typeof getScanProgress>>>()(ZComplianceScanProgress))
  .query(({ ctx, input }) => getScanProgress(ctx.deps, ctx.tenantId, input));
