import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withRenderedMatrix } from './render-matrix.fns.ts';

const root = resolve(import.meta.dirname, '../../../..');
const docs = ['README.md', 'docs/guide/roles.md'];

describe('rendered permission matrix', () => {
  for (const doc of docs) {
    it(`${doc} carries the current matrix (run \`pnpm docs:matrix\` when this fails)`, () => {
      const text = readFileSync(resolve(root, doc), 'utf8');
      const rendered = withRenderedMatrix(text);
      expect(rendered, `${doc} has no generated matrix block`).toBeDefined();
      expect(text).toBe(rendered);
    });
  }
});
