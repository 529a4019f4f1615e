import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_KEYS } from './keys.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('environment documentation', () => {
  it('.env.example lists exactly the keys the schemas read', () => {
    const keys = readFileSync(resolve(root, '.env.example'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
      .map((l) => l.split('=')[0]);
    expect(keys.sort()).toEqual([...ENV_KEYS].sort());
  });

  it('the README documents every key', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    for (const k of ENV_KEYS) expect(readme, `README lacks ${k}`).toContain(`| \`${k}\``);
  });

  it('turbo passes every key through to tasks (strict env mode strips the rest)', () => {
    const turbo = JSON.parse(readFileSync(resolve(root, 'turbo.json'), 'utf8')) as { globalPassThroughEnv: string[] };
    for (const k of ENV_KEYS) expect(turbo.globalPassThroughEnv).toContain(k);
  });
});
