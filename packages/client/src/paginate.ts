import type { ButterflyApi } from './contract.ts';
import type { ButterflyClient, CallOptions } from './types.ts';

/**
 * The list procedures that answer a page at a time, and how: the input field that takes the cursor,
 * the output field that gives the next one (absent or null on the last page), and the items.
 */
export const PAGINATED = {
  'audit.list': { group: 'audit', name: 'list', cursor: 'beforeSeq', next: 'nextBeforeSeq', items: 'items' },
  'snapshots.objects': { group: 'snapshots', name: 'objects', cursor: 'after', next: 'nextAfter', items: 'objects' },
  'snapshots.diff': { group: 'snapshots', name: 'diff', cursor: 'after', next: 'next', items: 'changes' },
} as const;

export type PaginatedProcedure = keyof typeof PAGINATED;
type Spec<P extends PaginatedProcedure> = (typeof PAGINATED)[P];
type Proc<P extends PaginatedProcedure> =
  Spec<P> extends { group: infer G extends keyof ButterflyApi; name: infer N }
    ? N extends keyof ButterflyApi[G]
      ? ButterflyApi[G][N]
      : never
    : never;
type PageInput<P extends PaginatedProcedure> =
  Proc<P> extends { input: infer I } ? Omit<NonNullable<I>, Spec<P>['cursor']> : never;
export type PageOf<P extends PaginatedProcedure> = Proc<P> extends { output: infer O } ? O : never;
export type ItemOf<P extends PaginatedProcedure> =
  PageOf<P> extends infer O ? (O extends Record<Spec<P>['items'], readonly (infer I)[]> ? I : never) : never;
type Args<P extends PaginatedProcedure> =
  Record<string, never> extends PageInput<P>
    ? [input?: PageInput<P>, opts?: CallOptions]
    : [input: PageInput<P>, opts?: CallOptions];

/**
 * Every page of a paginated list, first to last: each page's cursor goes into the next request.
 * `for await (const page of pages(client, 'audit.list', { action: 'member.' })) …`
 */
export async function* pages<P extends PaginatedProcedure>(
  client: ButterflyClient,
  procedure: P,
  ...[input, opts]: Args<P>
): AsyncGenerator<PageOf<P>, void, undefined> {
  const spec = PAGINATED[procedure];
  const call = (
    client as unknown as Record<
      string,
      Record<string, { query: (input: unknown, opts?: CallOptions) => Promise<unknown> }>
    >
  )[spec.group]![spec.name]!;
  let cursor: unknown;
  for (;;) {
    const page = (await call.query(
      { ...(input ?? {}), ...(cursor === undefined ? {} : { [spec.cursor]: cursor }) },
      opts,
    )) as Record<string, unknown>;
    yield page as PageOf<P>;
    const next = page[spec.next];
    if (next === undefined || next === null) return;
    cursor = next;
  }
}

/** Every item of a paginated list, page after page: `for await (const event of items(client, 'audit.list')) …` */
export async function* items<P extends PaginatedProcedure>(
  client: ButterflyClient,
  procedure: P,
  ...args: Args<P>
): AsyncGenerator<ItemOf<P>, void, undefined> {
  const field = PAGINATED[procedure].items;
  for await (const page of pages(client, procedure, ...args)) yield* (page as Record<string, ItemOf<P>[]>)[field]!;
}
