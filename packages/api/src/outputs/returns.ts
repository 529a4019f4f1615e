import type { z } from 'zod';

/**
 * An output schema held to what the use-case returns, both ways (docs/decisions/043): tRPC already
 * requires the use-case's result to fit the schema; this also requires what the schema lets through
 * to fit the use-case's result type, so a field the schema forgot (zod would strip it from the
 * answer, and the dashboard would lose it) fails typecheck instead.
 *
 *   .output(returns<Awaited<ReturnType<typeof listConnections>>>()(ZConnectionList))
 */
export const returns =
  <Returned>() =>
  <S extends z.ZodType>(
    schema: S &
      ([z.output<S>] extends [Returned]
        ? unknown
        : { 'the schema leaves out or changes a field the use-case returns': z.output<S> }),
  ): S =>
    schema;
