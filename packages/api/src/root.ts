import { router } from './trpc.ts';
import { auditRouter } from './routers/audit/index.ts';
import { meRouter } from './routers/me/index.ts';
import { membersRouter } from './routers/members/index.ts';

export const appRouter = router({ me: meRouter, members: membersRouter, audit: auditRouter });
export type AppRouter = typeof appRouter;
