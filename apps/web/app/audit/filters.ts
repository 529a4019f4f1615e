/** The audit log page's filters as they travel in its URL (a GET form, so they work without script). */
export interface AuditFilters {
  actor: string;
  action: string;
  /** YYYY-MM-DD, a UTC day, inclusive. */
  from: string;
  /** YYYY-MM-DD, a UTC day, inclusive. */
  to: string;
}

export interface ParsedAuditFilters {
  /** What the form shows back (as typed, trimmed). */
  values: AuditFilters;
  /** The API's input: days become the instants [from 00:00, day after `to` 00:00) in UTC. */
  input: { actor?: string; action?: string; from?: string; to?: string };
  /** Per field, what is wrong; the list is then not filtered by that field. */
  errors: Partial<Record<keyof AuditFilters, string>>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : d;
}

/** Reads and checks the filters in a URL's query: bad values are named, never a 500. */
export function parseAuditFilters(params: URLSearchParams): ParsedAuditFilters {
  const text = (name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);
  const values: AuditFilters = {
    actor: text('actor', 200),
    action: text('action', 100),
    from: text('from', 10),
    to: text('to', 10),
  };
  const errors: ParsedAuditFilters['errors'] = {};
  const input: ParsedAuditFilters['input'] = {};
  if (values.actor) input.actor = values.actor;
  if (values.action) input.action = values.action;
  const from = values.from ? dayStart(values.from) : null;
  const to = values.to ? dayStart(values.to) : null;
  if (values.from && !from) errors.from = 'Enter a date like 2026-03-01.';
  if (values.to && !to) errors.to = 'Enter a date like 2026-03-31.';
  if (from && to && from > to) errors.to = 'The end date must not be before the start date.';
  if (from && !errors.from && !errors.to) input.from = from.toISOString();
  if (to && !errors.to) input.to = new Date(to.getTime() + 86_400_000).toISOString();
  return { values, input, errors };
}

/** The query string for these filters (empty ones left out), e.g. for the CSV link and paging. */
export function filtersQuery(values: AuditFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
