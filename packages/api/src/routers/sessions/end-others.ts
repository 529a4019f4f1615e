import { endSessions } from '@butterfly/domain/sessions';
import { ZSessionsEndOthers } from '../../outputs/sessions.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** No session behind the request (an API token): "everywhere else" is every browser session. */
const NO_SESSION = '00000000-0000-0000-0000-000000000000';

export const endOtherSessionsProcedure = permissionProcedure('token.own')
  .output(returns<Awaited<ReturnType<typeof endSessions>>>()(ZSessionsEndOthers))
  .mutation(({ ctx }) => endSessions(ctx.deps, { allExcept: ctx.principal.sessionId ?? NO_SESSION }));
