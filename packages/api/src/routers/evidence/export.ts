import { EVIDENCE_FORMATS, describeEvidenceExport } from '@butterfly/domain/evidence';
import { FRAMEWORKS } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZEvidenceExport } from '../../outputs/evidence.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZEvidenceExportInput = z.object({
  scanId: z.uuid(),
  formats: z.array(z.enum(EVIDENCE_FORMATS)).min(1).max(EVIDENCE_FORMATS.length).optional(),
  /** Only the rules mapped to this framework; the bundle's manifest records it. */
  framework: z.enum(FRAMEWORKS).optional(),
});

/** A download descriptor for a scan's signed bundle; the web app renders the files when fetched. */
export const evidenceExportProcedure = permissionProcedure('evidence.export')
  .input(ZEvidenceExportInput)
  .output(returns<Awaited<ReturnType<typeof describeEvidenceExport>>>()(ZEvidenceExport))
  .mutation(({ ctx, input }) => describeEvidenceExport(ctx.deps, ctx.tenantId, input));
