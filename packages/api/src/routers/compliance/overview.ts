import { FRAMEWORKS, complianceOverview } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZComplianceOverview } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZComplianceOverviewInput = z
  .object({ connectionId: z.uuid().optional(), framework: z.enum(FRAMEWORKS).optional() })
  .optional();

/** Score per framework over each connection's latest scan, those scans, and the score over snapshots. */
export const complianceOverviewProcedure = permissionProcedure('compliance.read')
  .input(ZComplianceOverviewInput)
  .output(returns<Awaited<ReturnType<typeof complianceOverview>>>()(ZComplianceOverview))
  .query(({ ctx, input }) => complianceOverview(ctx.deps, ctx.tenantId, input ?? {}));
