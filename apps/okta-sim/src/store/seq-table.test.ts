import { expect, test } from 'vitest';
import { SeqTable } from './seq-table.ts';

const table = (n: number) => {
  const t = new SeqTable<string, number>();
  for (let i = 1; i <= n; i++) t.set(`k${i}`, i);
  return t;
};

test('pages follow insertion order; a cursor resumes after the last row even when rows were deleted', () => {
  const t = table(10);
  const first = t.page(0, 4);
  expect(first).toMatchObject({ rows: [1, 2, 3, 4], keys: ['k1', 'k2', 'k3', 'k4'], more: true });
  t.delete('k4');
  t.delete('k5');
  const second = t.page(first.last, 4);
  expect(second.rows).toEqual([6, 7, 8, 9]);
  expect(t.page(second.last, 4)).toMatchObject({ rows: [10], more: false });
});

test('a replaced row keeps its place; filters skip rows and report whether more match', () => {
  const t = table(6);
  t.set('k2', 20);
  expect([...t.values()]).toEqual([1, 20, 3, 4, 5, 6]);
  const even = (v: number) => v % 2 === 0;
  expect(t.page(0, 2, even)).toMatchObject({ rows: [20, 4], more: true });
  expect(t.page(t.page(0, 2, even).last, 5, even)).toMatchObject({ rows: [6], more: false });
  expect(t.page(0, 3, (v) => v === 3)).toMatchObject({ rows: [3], more: false });
});
