import { expect, test } from 'vitest';
import type { SimUser } from '../model/types.ts';
import { compileRule } from './group-rules.ts';

const user = (profile: Record<string, string>) => ({ profile }) as unknown as SimUser;

test('attribute comparisons, string functions and group membership', () => {
  const eng = user({ department: 'Engineering', team: 'Backend', title: 'Engineering Manager' });
  expect(compileRule('user.department=="Engineering" && user.team=="Backend"')(eng, new Set())).toBe(true);
  expect(compileRule('user.department!="Engineering" || user.team=="Frontend"')(eng, new Set())).toBe(false);
  expect(compileRule('String.stringContains(user.title, "Manager")')(eng, new Set())).toBe(true);
  expect(compileRule('isMemberOfAnyGroup("00g1", "00g2")')(eng, new Set(['00g2']))).toBe(true);
  expect(compileRule('!isMemberOfGroup("00g1")')(eng, new Set(['00g1']))).toBe(false);
});

test('expressions outside the supported subset are refused', () => {
  expect(() => compileRule('user.department ==')).toThrow();
  expect(() => compileRule('Arrays.contains(user.x, "y")')).toThrow();
});
