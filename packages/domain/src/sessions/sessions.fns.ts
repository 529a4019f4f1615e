/** Browser sessions: ended after 2 hours without a request, and 12 hours after sign-in whatever happens. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen/idle expiry are written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;
export const SESSION_PREFIX = 'bfyss_';
