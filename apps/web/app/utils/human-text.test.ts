import { describe, expect, it } from 'vitest';
import { failureText, isHumanText } from './human-text.ts';

describe('isHumanText', () => {
  it('accepts a sentence said to a person', () => {
    expect(isHumanText('Only admins can do that.')).toBe(true);
    expect(isHumanText('That name is already taken by another connection.')).toBe(true);
  });

  it('refuses ids, JSON, input paths, stack traces and internal actors', () => {
    expect(isHumanText('No snapshot 0b9d6f1e-3c1a-4a8e-9a55-2f1e0c6d7a10')).toBe(false);
    expect(isHumanText('[{"code":"invalid_string","path":["url"]}]')).toBe(false);
    expect(isHumanText('objectTypes.2: Required')).toBe(false);
    expect(isHumanText('Error: boom\n    at run (file.ts:1:1)')).toBe(false);
    expect(isHumanText('started by system:job:backup:4')).toBe(false);
    expect(isHumanText('Invalid: must match /^[a-z]+$/')).toBe(false);
    expect(isHumanText('')).toBe(false);
  });
});

describe('failureText', () => {
  it('keeps a failure said in words and replaces one that is not', () => {
    expect(failureText('Okta refused the API token: it was revoked.')).toBe(
      'Okta refused the API token: it was revoked.',
    );
    expect(failureText('TypeError: x is undefined\n    at run (run-backup.ts:1:1)')).toMatch(
      /unexpected error, which has been logged/,
    );
    expect(failureText(null)).toMatch(/unexpected error/);
  });
});
