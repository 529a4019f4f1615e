import { describePeriodEvidence, ZPeriodEvidenceInput } from '@butterfly/domain/evidence';
import { ZEvidencePeriod } from '../../outputs/evidence.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/**
 * A download descriptor for the signed evidence of an audit period (one connection, a window) with
 * the summary it carries; the web app renders the bundle when fetched, like a scan's.
 */
export const evidencePeriodProcedure = permissionProcedure('evidence.export')
  .input(ZPeriodEvidenceInput)
  .output(returns<Awaited<ReturnType<typeof describePeriodEvidence>>>()(ZEvidencePeriod))
  .mutation(({ ctx, input }) => describePeriodEvidence(ctx.deps, ctx.tenantId, input));
