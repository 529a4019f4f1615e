import { getRuleDetail } from '@butterfly/domain/scans';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const ZRuleDetailInput = z.object({ ruleId: z.string().min(1).max(100), connectionId: z.uuid().optional() });

/** One rule: what it checks, its latest results with evidence, its history over scans. */
export const ruleDetailProcedure = permissionProcedure('compliance.read')
  .input(ZRuleDetailInput)
  .query(({ ctx, input }) => getRuleDetail(ctx.deps, ctx.tenantId, input));
