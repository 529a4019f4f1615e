import type { z } from 'zod';

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(concern: string, issues: string[]) {
    super(`Invalid ${concern} configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Parses one concern's variables from an env object. Empty strings count as unset, so a line
 * `DATABASE_URL=` copied from .env.example means "use the default" rather than "invalid URL".
 */
export function parseEnv<S extends z.ZodType>(
  concern: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      concern,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}
