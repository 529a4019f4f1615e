import { router } from '../../trpc.ts';
import { getScheduleProcedure } from './get.ts';
import { setScheduleProcedure } from './set.ts';

export const schedulesRouter = router({
  get: getScheduleProcedure,
  set: setScheduleProcedure,
});
