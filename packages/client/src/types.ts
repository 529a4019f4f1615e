import type { ButterflyApi } from './contract.ts';

/** Per call: a signal to abort it (and any wait before a retry). */
export interface CallOptions {
  signal?: AbortSignal;
}

type Call<I, O> = undefined extends I
  ? (input?: I, opts?: CallOptions) => Promise<O>
  : (input: I, opts?: CallOptions) => Promise<O>;

/** A contract as calls: `client.connections.list.query(input)`, `client.backups.run.mutate(input)` (tRPC's vanilla client shape). */
export type ClientOf<C> = {
  [K in keyof C]: C[K] extends { kind: 'query'; input: infer I; output: infer O }
    ? { query: Call<I, O> }
    : C[K] extends { kind: 'mutation'; input: infer I; output: infer O }
      ? { mutate: Call<I, O> }
      : C[K] extends { kind: string }
        ? never
        : ClientOf<C[K]>;
};

/** The typed client `createButterflyClient` returns. */
export type ButterflyClient = ClientOf<ButterflyApi>;

/** Every procedure's input and output, by group and name: `ButterflyOutputs['connections']['list']`. */
export type ButterflyInputs = {
  [G in keyof ButterflyApi]: {
    [P in keyof ButterflyApi[G]]: ButterflyApi[G][P] extends { input: infer I } ? I : never;
  };
};
export type ButterflyOutputs = {
  [G in keyof ButterflyApi]: {
    [P in keyof ButterflyApi[G]]: ButterflyApi[G][P] extends { output: infer O } ? O : never;
  };
};

export interface ButterflyClientOptions {
  /** Butterfly's address, e.g. `https://butterfly.example.com` (`/api/trpc` is added when missing). */
  url: string;
  /** An API token (`bfy_…`), sent as `Authorization: Bearer`. */
  token: string;
  /**
   * Answers 429 and 503 are retried after the server's `Retry-After` (else 1 s, 2 s, 4 s, …), at most
   * `attempts` times (default 3), and only while each wait is at most `maxDelayMs` (default 30 000);
   * past either bound the call fails with the answer's code (`RATE_LIMITED`, `UNAVAILABLE`).
   */
  retry?: { attempts?: number; maxDelayMs?: number };
  /** Another fetch (a proxy agent, a test double); default the global one. */
  fetch?: typeof fetch;
  /** Extra request headers (a user agent naming your tool). */
  headers?: Record<string, string>;
}
