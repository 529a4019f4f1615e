import { router } from '../../trpc.ts';
import { deactivateProcedure } from './deactivate.ts';
import { listMembersProcedure } from './list.ts';
import { setRoleProcedure } from './set-role.ts';

export const membersRouter = router({
  list: listMembersProcedure,
  setRole: setRoleProcedure,
  deactivate: deactivateProcedure,
});
