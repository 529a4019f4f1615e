import type { Ctx } from '../context.ts';
import type { TLogTarget } from '../../orgs/system-log.ts';

// The log itself belongs to the org (orgs/system-log.ts); named here too for the API's callers.
export { SystemLog, type TLogSource, type TLogTarget } from '../../orgs/system-log.ts';

/** Records an event for a write made through the Management API, attributed to the caller. */
export function audit(ctx: Ctx, eventType: string, ...targets: TLogTarget[]): void {
  ctx.org.log.record(
    {
      principal: ctx.principal,
      now: ctx.now,
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      path: ctx.url.pathname,
    },
    eventType,
    targets,
  );
}
