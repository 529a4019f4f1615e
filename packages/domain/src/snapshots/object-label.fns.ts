/**
 * The name people know an object by, from the fields Okta objects carry it in (a group's
 * `profile.name`, a user's `profile.login`, an app's `label`, a policy's `name`). Falls back to the
 * id: every object has one.
 */
export function objectLabel(body: unknown, id: string): string {
  const b = (body ?? {}) as Record<string, unknown>;
  const profile = (b.profile ?? {}) as Record<string, unknown>;
  for (const v of [b.label, b.name, b.displayName, profile.name, profile.login, profile.displayName, b.title, b.key]) {
    if (typeof v === 'string' && v.trim()) return v;
  }
  return id;
}

/** Whether an object matches a dashboard search: a case-insensitive substring of its id or label. */
export function matchesSearch(q: string, id: string, label: string): boolean {
  const needle = q.trim().toLowerCase();
  return !needle || id.toLowerCase().includes(needle) || label.toLowerCase().includes(needle);
}
