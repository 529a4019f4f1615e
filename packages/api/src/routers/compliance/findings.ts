import { FRAMEWORKS, listFindings } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZFinding } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZListFindingsInput = z
  .object({
    scanId: z.uuid().optional(),
    connectionId: z.uuid().optional(),
    results: z
      .array(z.enum(['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']))
      .max(4)
      .optional(),
    severities: z
      .array(z.enum(['CAT I', 'CAT II', 'CAT III']))
      .max(3)
      .optional(),
    framework: z.enum(FRAMEWORKS).optional(),
    search: z.string().max(200).optional(),
  })
  .optional();

/** Results of the latest scans (FAIL unless asked otherwise), filtered. */
export const listFindingsProcedure = permissionProcedure('compliance.read')
  .input(ZListFindingsInput)
  .output(returns<Awaited<ReturnType<typeof listFindings>>>()(z.array(ZFinding)))
  .query(({ ctx, input }) => listFindings(ctx.deps, ctx.tenantId, input ?? {}));
