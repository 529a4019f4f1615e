import type { IdpObject } from '@butterfly/domain/idp';
import { Channel } from '../okta/channel.ts';
import type { StatsRecorder } from '../okta/http/stats.ts';

/**
 * What every provider's lister shares: walkers push objects into a bounded channel (a slow consumer
 * slows the requests) under one abort signal tied to the caller's. The first failure ends the
 * stream with that error and stops the other walkers; a consumer that stops early stops them too.
 */
export function openListing(outer: AbortSignal | undefined, stats: StatsRecorder) {
  const out = new Channel<IdpObject>();
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const fail = (e: unknown) => {
    out.fail(e);
    abort.abort(e);
  };
  return {
    signal: abort.signal,
    fail,
    /** One object out, counted for its type. */
    async emit(obj: IdpObject) {
      await out.push(obj);
      stats.type(obj.type).objects++;
    },
    /** Streams what the walk emits until it settles. */
    async *stream(walk: Promise<unknown>): AsyncGenerator<IdpObject> {
      walk.then(() => out.close(), fail);
      try {
        yield* out;
      } finally {
        outer?.removeEventListener('abort', onOuterAbort);
        abort.abort(new Error('listing stopped'));
      }
    },
  };
}
