import type { z } from 'zod';
import { DomainError } from './errors.ts';

/** Parses use-case input; failures become one VALIDATION error with field-level messages. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) fields[issue.path.join('.') || '(input)'] ??= issue.message;
  const summary = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ');
  throw new DomainError('VALIDATION', summary, { fields });
}
