import { router } from '../../trpc.ts';
import { backupProgressProcedure } from './progress.ts';
import { runBackupProcedure } from './run.ts';

export const backupsRouter = router({
  run: runBackupProcedure,
  progress: backupProgressProcedure,
});
