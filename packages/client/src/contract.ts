import type { AppRouter } from '@butterfly/api';
import type {
  AnyProcedure,
  TRPCRouterRecord,
  inferProcedureInput,
  inferTransformedProcedureOutput,
} from '@trpc/server';

/**
 * What a client needs to know of a router, and nothing else: for every procedure its kind, its input
 * and its output as the wire carries it (JSON: a `Date` arrives as a string). No context, no
 * middleware, no server types: `scripts/build.ts` prints this type fully expanded into the package's
 * `dist/contract.d.ts`, so the published types do not need the monorepo (docs/decisions/043).
 */
export type ContractOf<TRecord extends TRPCRouterRecord> = {
  [K in keyof TRecord]: TRecord[K] extends AnyProcedure
    ? {
        kind: TRecord[K]['_def']['type'];
        input: inferProcedureInput<TRecord[K]>;
        output: inferTransformedProcedureOutput<AppRouter, TRecord[K]>;
      }
    : TRecord[K] extends TRPCRouterRecord
      ? ContractOf<TRecord[K]>
      : never;
};

/** Butterfly's API, procedure by procedure. */
export type ButterflyApi = ContractOf<AppRouter['_def']['record']>;
