import { router } from './trpc.ts';
import { auditRouter } from './routers/audit/index.ts';
import { connectionsRouter } from './routers/connections/index.ts';
import { meRouter } from './routers/me/index.ts';
import { membersRouter } from './routers/members/index.ts';
import { recoveryRouter } from './routers/recovery/index.ts';
import { sessionsRouter } from './routers/sessions/index.ts';
import { ssoRouter } from './routers/sso/index.ts';

export const appRouter = router({
  me: meRouter,
  members: membersRouter,
  audit: auditRouter,
  sso: ssoRouter,
  sessions: sessionsRouter,
  recovery: recoveryRouter,
  connections: connectionsRouter,
});
export type AppRouter = typeof appRouter;
