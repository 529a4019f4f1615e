import { router } from '../../trpc.ts';
import { endOtherSessionsProcedure } from './end-others.ts';
import { listSessionsProcedure } from './list.ts';

export const sessionsRouter = router({ list: listSessionsProcedure, endOthers: endOtherSessionsProcedure });
