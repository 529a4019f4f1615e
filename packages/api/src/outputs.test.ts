import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from './root.ts';

/**
 * Issue 19: every procedure declares the shape of its answer (`.output()`, schemas in src/outputs/), so
 * the typed client's types and the API's answers cannot drift. A new procedure without one fails here.
 */
describe('output schemas', () => {
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>,
  );

  it('the router has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(70);
  });

  it('every procedure declares a zod output schema', () => {
    const without = procedures.filter(([, p]) => !(p._def.output instanceof z.ZodType)).map(([path]) => path);
    expect(without).toEqual([]);
  });
});
