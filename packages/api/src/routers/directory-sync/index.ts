import { router } from '../../trpc.ts';
import { runDirectorySyncProcedure } from './run.ts';
import { setDirectorySyncProcedure } from './set.ts';
import { directorySyncStatusProcedure } from './status.ts';

export const directorySyncRouter = router({
  status: directorySyncStatusProcedure,
  run: runDirectorySyncProcedure,
  set: setDirectorySyncProcedure,
});
