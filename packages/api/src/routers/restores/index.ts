import { router } from '../../trpc.ts';
import { applyRestoreProcedure } from './apply.ts';
import { approveRestoreProcedure } from './approve.ts';
import { getRestorePlanProcedure } from './get.ts';
import { listRestorePlansProcedure } from './list.ts';
import { previewRestoreProcedure } from './preview.ts';
import { restoreReadinessProcedure } from './readiness.ts';

export const restoresRouter = router({
  list: listRestorePlansProcedure,
  get: getRestorePlanProcedure,
  preview: previewRestoreProcedure,
  approve: approveRestoreProcedure,
  applyPlan: applyRestoreProcedure,
  readiness: restoreReadinessProcedure,
});
