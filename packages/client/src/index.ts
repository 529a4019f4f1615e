import { createTRPCUntypedClient, httpLink } from '@trpc/client';
import { ButterflyError, parseRetryAfter, toButterflyError } from './errors.ts';
import type { ButterflyClient, ButterflyClientOptions, CallOptions } from './types.ts';

export { ButterflyError } from './errors.ts';
export { PAGINATED, items, pages, type ItemOf, type PageOf, type PaginatedProcedure } from './paginate.ts';
export type { ButterflyApi } from './contract.ts';
export type {
  ButterflyClient,
  ButterflyClientOptions,
  ButterflyInputs,
  ButterflyOutputs,
  CallOptions,
  ClientOf,
} from './types.ts';

const RETRY_STATUSES = new Set([429, 503]);

function sleep(ms: number, signal: AbortSignal | null | undefined) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * fetch that retries 429 and 503 after the server's Retry-After (else exponential from 1 s), bounded
 * in attempts and in each wait. tRPC's link sends a string body, so a retry sends the same request.
 */
export function retryingFetch(base: typeof fetch, attempts: number, maxDelayMs: number): typeof fetch {
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const res = await base(input, init);
      if (!RETRY_STATUSES.has(res.status) || attempt >= attempts) return res;
      const wait = parseRetryAfter(res.headers.get('retry-after')) ?? 1000 * 2 ** attempt;
      if (wait > maxDelayMs) return res;
      await res.body?.cancel().catch(() => {});
      await sleep(wait, init?.signal);
    }
  };
}

/** `https://host` or `https://host/api/trpc` → the tRPC endpoint. */
function endpoint(url: string) {
  const u = url.replace(/\/+$/, '');
  return u.endsWith('/api/trpc') ? u : `${u}/api/trpc`;
}

/**
 * A typed client of Butterfly's API for an API token: `client.connections.list.query()`,
 * `client.backups.run.mutate({ connectionId })`. Every failure is a ButterflyError with the API's
 * stable `code`; 429 and 503 are retried as `options.retry` says.
 */
export function createButterflyClient(options: ButterflyClientOptions): ButterflyClient {
  if (!options.url) throw new ButterflyError('VALIDATION', 'createButterflyClient: url is required', { procedure: '' });
  if (!options.token)
    throw new ButterflyError('VALIDATION', 'createButterflyClient: token is required', { procedure: '' });
  const base = options.fetch ?? globalThis.fetch;
  const trpc = createTRPCUntypedClient({
    links: [
      httpLink({
        url: endpoint(options.url),
        fetch: retryingFetch(base, options.retry?.attempts ?? 3, options.retry?.maxDelayMs ?? 30_000),
        headers: () => ({ ...options.headers, authorization: `Bearer ${options.token}` }),
      }),
    ],
  });
  const call = async (kind: 'query' | 'mutation', path: string, input: unknown, opts?: CallOptions) => {
    try {
      return await (kind === 'query'
        ? trpc.query(path, input, { signal: opts?.signal })
        : trpc.mutation(path, input, { signal: opts?.signal }));
    } catch (err) {
      throw toButterflyError(err, path);
    }
  };
  // client.<group>.<procedure>.query|mutate: the path is collected as properties are read.
  const node = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get(_t, key) {
        if (typeof key !== 'string' || key === 'then') return undefined;
        if (key === 'query' || key === 'mutate') {
          const p = path.join('.');
          return (input?: unknown, opts?: CallOptions) => call(key === 'query' ? 'query' : 'mutation', p, input, opts);
        }
        return node([...path, key]);
      },
    });
  return node([]) as ButterflyClient;
}
