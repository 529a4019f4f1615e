/** @butterfly/domain/freshness: event-driven freshness (decision 048), for the apps, API and jobs. */
export { setFreshness, ZSetFreshnessInput } from './set-freshness.ts';
export { getFreshness, recoveryPoint, type FreshnessView } from '../connections/connection-freshness.ts';
export { rotateEventHookSecret, ZRotateEventHookSecretInput } from './rotate-event-hook-secret.ts';
export { acceptEventHook, checkEventHook, queueHookPoll, type HookOutcome } from './accept-event-hook.ts';
export { pollSystemLog, type PollOutcome, type TPollSystemLogInput } from './poll-system-log.ts';
export { enqueueFreshnessPolls, scheduleNextPoll } from './enqueue-freshness-polls.ts';
export {
  eventHookPath,
  hookSecretMatches,
  hashHookSecret,
  HOOK_SECRET_HEADER,
} from './freshness.fns.ts';
