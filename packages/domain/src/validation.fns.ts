import { z } from 'zod';
import { DomainError } from './errors.ts';

/** Parses use-case input; failures become one VALIDATION error with field-level messages. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) fields[issue.path.join('.') || '(input)'] ??= issue.message;
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  throw new DomainError('VALIDATION', summary, { fields });
}

/** The longest name a person may give anything (connections, webhooks, tenants, tokens): it must fit a page. */
export const NAME_MAX = 100;

/** A name a person gives something: trimmed, not empty, at most NAME_MAX characters, with messages a person reads. */
export const ZName = z.string().trim().min(1, 'is required').max(NAME_MAX, `must be at most ${NAME_MAX} characters`);

/** The error for a name another object of the same kind in the tenant already has (a unique index said so). */
export function nameTaken(what: string, name: string): DomainError {
  return new DomainError('NAME_TAKEN', `A ${what} named "${name}" already exists`, {
    fields: { name: `another ${what} is already named "${name}"` },
  });
}
