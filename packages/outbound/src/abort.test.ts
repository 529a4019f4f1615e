import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from './abort.ts';

describe('onAbort', () => {
  it('calls each subscriber still subscribed, once, through a single listener on the signal', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const offs = Array.from({ length: 1000 }, (_, i) => onAbort(controller.signal, () => calls.push(i)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (let i = 0; i < 1000; i += 2) offs[i]!();
    controller.abort();
    controller.abort();
    expect(calls).toHaveLength(500);
    expect(calls.every((i) => i % 2 === 1)).toBe(true);
    offs[1]!(); // unsubscribing after the abort is harmless
  });

  it('lets the same function subscribe twice, and a later subscriber use a fresh listener after an abort', () => {
    const a = new AbortController();
    let n = 0;
    const fn = () => n++;
    onAbort(a.signal, fn);
    onAbort(a.signal, fn);
    a.abort();
    expect(n).toBe(2);
    const b = new AbortController();
    onAbort(b.signal, fn);
    b.abort('why');
    expect(n).toBe(3);
    expect(b.signal.reason).toBe('why');
  });
});
