/** @butterfly/domain/sessions: the sessions area's use-cases and types, for the apps, API and jobs. */
export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.fns.ts';
export { createSession } from './create-session.ts';
export { resolveSession, type SessionPrincipal } from './resolve-session.ts';
export { listSessions } from './list-sessions.ts';
export { endSessions } from './end-sessions.ts';
