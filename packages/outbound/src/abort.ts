/**
 * Abort subscriptions that cost the same however many there are. Node's EventTarget looks through
 * every listener of a type for a duplicate when one is added, and again to remove one, so a thousand
 * requests queued on one signal, each with its own listener, cost time quadratic in the queue (3.4 s
 * of a 100k-user restore preview's CPU profile, undici's own listener per fetch included). Each signal
 * gets one listener here, which calls the subscribers.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` once when `signal` aborts (not if it already has: check `signal.aborted` first). Returns
 * the unsubscribe; without a signal, nothing to subscribe to and a no-op.
 */
export function onAbort(signal: AbortSignal | undefined, fn: () => void): () => void {
  if (!signal) return () => {};
  let set = subscribers.get(signal);
  if (!set) {
    const fns = new Set<() => void>();
    subscribers.set(signal, fns);
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        for (const f of fns) f();
        fns.clear();
      },
      { once: true },
    );
    set = fns;
  }
  const mine = () => fn();
  set.add(mine);
  return () => void set.delete(mine);
}
