import { listRegressions } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZComplianceRegressions } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZRegressionsInput = z
  .object({ scanId: z.uuid().optional(), connectionId: z.uuid().optional() })
  .optional();

/** PASS → FAIL since the previous scan, with the changes (and their actors) behind each. */
export const regressionsProcedure = permissionProcedure('compliance.read')
  .input(ZRegressionsInput)
  .output(returns<Awaited<ReturnType<typeof listRegressions>>>()(ZComplianceRegressions))
  .query(({ ctx, input }) => listRegressions(ctx.deps, ctx.tenantId, input ?? {}));
