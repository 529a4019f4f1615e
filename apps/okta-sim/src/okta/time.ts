/** Okta's timestamps: ISO 8601 in UTC with milliseconds, `2024-04-25T17:35:02.000Z`. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** `iso`, keeping null (never logged in, never activated). */
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
