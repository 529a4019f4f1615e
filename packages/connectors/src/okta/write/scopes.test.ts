import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OKTA_CATALOG } from '../catalog.ts';
import { writesOf } from './scopes.fns.ts';

/**
 * Every write a restore makes asks for the scope Okta's OpenAPI file names for that operation
 * (extracted into test/write-scopes.json: the file itself lives outside the repository).
 */
const documented = JSON.parse(readFileSync(new URL('../test/write-scopes.json', import.meta.url), 'utf8')) as Record<
  string,
  string[]
>;
const shape = (template: string) => template.replace(/\{[^}]+\}/g, '{}').replace(/\?.*$/, '');
const writes = OKTA_CATALOG.flatMap((def) =>
  writesOf(def).map((w) => ({ type: def.type, ...w, key: `${w.method} ${shape(w.template)}` })),
);

describe('write scopes against Okta OpenAPI', () => {
  it.each(writes)('$type $kind: $key', ({ key, scope }) => {
    // A fixed segment (`admin-console`) fills a documented parameter.
    const scopes =
      documented[key] ??
      Object.entries(documented).find(([k]) =>
        new RegExp(`^${k.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replaceAll('{}', '[^/]+')}$`).test(key),
      )?.[1];
    if (!scopes) return expect.fail(`${key} is not an operation of Okta's Management API`);
    expect(scopes).toContain(scope);
  });

  it("asks okta.apps.manage to assign an app's sign-in policy", () => {
    expect(writes.find((w) => w.type === 'policy.ACCESS_POLICY.mapping' && w.kind === 'create')).toMatchObject({
      key: 'PUT /api/v1/apps/{}/policies/{}',
      scope: 'okta.apps.manage',
    });
  });
});
