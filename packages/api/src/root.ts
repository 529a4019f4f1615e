import { router } from './trpc.ts';
import { auditRouter } from './routers/audit/index.ts';
import { complianceRouter } from './routers/compliance/index.ts';
import { connectionsRouter } from './routers/connections/index.ts';
import { directorySyncRouter } from './routers/directory-sync/index.ts';
import { evidenceRouter } from './routers/evidence/index.ts';
import { meRouter } from './routers/me/index.ts';
import { membersRouter } from './routers/members/index.ts';
import { recoveryRouter } from './routers/recovery/index.ts';
import { restoresRouter } from './routers/restores/index.ts';
import { sessionsRouter } from './routers/sessions/index.ts';
import { ssoRouter } from './routers/sso/index.ts';
import { scimTokensRouter } from './routers/scim-tokens/index.ts';
import { tokensRouter } from './routers/tokens/index.ts';
import { backupsRouter } from './routers/backups/index.ts';
import { schedulesRouter } from './routers/schedules/index.ts';
import { snapshotsRouter } from './routers/snapshots/index.ts';
import { webhooksRouter } from './routers/webhooks/index.ts';
import { extensionRouter } from './routers/extension/index.ts';
import { setupRouter } from './routers/setup/index.ts';
import { breakGlassRouter } from './routers/break-glass/index.ts';
import { exceptionsRouter } from './routers/exceptions/index.ts';

export const appRouter = router({
  me: meRouter,
  members: membersRouter,
  audit: auditRouter,
  sso: ssoRouter,
  sessions: sessionsRouter,
  recovery: recoveryRouter,
  connections: connectionsRouter,
  directorySync: directorySyncRouter,
  restores: restoresRouter,
  tokens: tokensRouter,
  scimTokens: scimTokensRouter,
  compliance: complianceRouter,
  evidence: evidenceRouter,
  backups: backupsRouter,
  snapshots: snapshotsRouter,
  schedules: schedulesRouter,
  webhooks: webhooksRouter,
  extension: extensionRouter,
  setup: setupRouter,
  breakGlass: breakGlassRouter,
  exceptions: exceptionsRouter,
});
export type AppRouter = typeof appRouter;
