import { getRuleDetail } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZComplianceRule } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZRuleDetailInput = z.object({ ruleId: z.string().min(1).max(100), connectionId: z.uuid().optional() });

/** One rule: what it checks, its latest results with evidence, its history over scans. */
export const ruleDetailProcedure = permissionProcedure('compliance.read')
  .input(ZRuleDetailInput)
  .output(returns<Awaited<ReturnType<typeof getRuleDetail>>>()(ZComplianceRule))
  .query(({ ctx, input }) => getRuleDetail(ctx.deps, ctx.tenantId, input));
