import { describe, expect, it } from 'vitest';
import { topoOrder } from './graph.fns.ts';

describe('topoOrder', () => {
  it('puts every node after the ones it depends on', () => {
    // 3 → 1 → 0, 2 → 0: 0 waits for 1 and 2, 1 waits for 3.
    const { order, cycles } = topoOrder(4, [
      [3, 1],
      [1, 0],
      [2, 0],
    ]);
    expect(cycles).toEqual([]);
    expect(order).toEqual([2, 3, 1, 0]);
  });

  it('is stable: independent nodes keep their numbering order', () => {
    expect(topoOrder(5, []).order).toEqual([0, 1, 2, 3, 4]);
    expect(topoOrder(5, [[4, 0]]).order).toEqual([1, 2, 3, 4, 0]);
  });

  it('reports a cycle instead of looping, and still places every node once', () => {
    const { order, cycles } = topoOrder(5, [
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
      [4, 0],
    ]);
    expect(cycles).toEqual([[0, 1, 2]]);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    // 4 has no dependency: it goes first; the cycle is broken at its lowest node; 3 still follows 2.
    expect(order.indexOf(4)).toBe(0);
    expect(order.indexOf(2)).toBeLessThan(order.indexOf(3));
  });

  it('reports each independent cycle', () => {
    const { cycles } = topoOrder(4, [
      [0, 1],
      [1, 0],
      [2, 3],
      [3, 2],
    ]);
    expect(cycles).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('ignores self-references', () => {
    expect(topoOrder(2, [[1, 1]])).toEqual({ order: [0, 1], cycles: [] });
  });
});
