import { expect, test } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

test('a hash verifies its password only, and two hashes of one password differ (salted)', async () => {
  const hash = await hashPassword('correct horse');
  expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
  expect(hash).not.toContain('correct horse');
  expect(await verifyPassword('correct horse', hash)).toBe(true);
  expect(await verifyPassword('correct horsf', hash)).toBe(false);
  expect(await hashPassword('correct horse')).not.toBe(hash);
});

test('a malformed stored hash never verifies', async () => {
  expect(await verifyPassword('x', 'plain-text')).toBe(false);
  expect(await verifyPassword('x', 'scrypt$1024$8$1$')).toBe(false);
});
