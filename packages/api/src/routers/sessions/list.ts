import { listSessions } from '@butterfly/domain/sessions';
import { ZSessionsList } from '../../outputs/sessions.ts';
import { permissionProcedure } from '../../trpc.ts';

// Sessions are the member's own credentials, like their API tokens: token.own (every role has it).
export const listSessionsProcedure = permissionProcedure('token.own')
  .output(ZSessionsList)
  .query(async ({ ctx }) => {
    const sessions = await listSessions(ctx.deps, { tenantId: ctx.tenantId, memberId: ctx.principal.memberId });
    return sessions.map((s) => ({ ...s, current: s.id === ctx.principal.sessionId }));
  });
