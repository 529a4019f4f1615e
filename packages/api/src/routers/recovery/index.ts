import { router } from '../../trpc.ts';
import { recentRecoveryProcedure } from './recent.ts';

export const recoveryRouter = router({ recent: recentRecoveryProcedure });
