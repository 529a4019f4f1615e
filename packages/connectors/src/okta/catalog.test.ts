import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, ancestorsOf, defaultTypes, getTemplate, isOktaType } from './catalog.fns.ts';
import { OKTA_CATALOG, POLICY_TYPES } from './catalog.ts';
import { withRenderedScopes } from './scopes-doc.fns.ts';

const placeholders = (p: string) => p.match(/\{[^}]+\}/g)?.length ?? 0;

/** The shape rules the lister relies on; paths, limits and scopes are checked against Okta's file by `pnpm check:catalog`. */
describe('Okta catalog', () => {
  it('covers every type a snapshot holds (spec/backup.md: thirty or more)', () => {
    expect(OKTA_CATALOG.length).toBeGreaterThanOrEqual(35);
    expect(new Set(OKTA_CATALOG.map((d) => d.type)).size).toBe(OKTA_CATALOG.length);
    const must = [
      'user',
      'group',
      'group.member',
      'group.owner',
      'group_rule',
      'app',
      'app.user',
      'app.group',
      'app.schema',
      'profile_mapping',
      'authenticator',
      'authorization_server',
      'authorization_server.scope',
      'authorization_server.claim',
      'authorization_server.policy',
      'authorization_server.policy.rule',
      'network_zone',
      'idp',
      'trusted_origin',
      'event_hook',
      'inline_hook',
      'user_type',
      'user_schema',
      'brand',
      'brand.theme',
      'brand.email_template',
      'behavior',
      'log_stream',
      'admin_role',
      'resource_set',
      'admin_assignee.role',
      'group.role',
      'org',
    ];
    for (const t of must) expect(isOktaType(t), t).toBe(true);
    for (const p of POLICY_TYPES)
      expect([isOktaType(`policy.${p}`), isOktaType(`policy.${p}.rule`)], p).toEqual([true, true]);
  });

  it('fills every placeholder from exactly the ancestors', () => {
    for (const d of OKTA_CATALOG) {
      const depth = ancestorsOf(d.type).length;
      expect(placeholders(d.list), d.type).toBe(depth);
      const get = getTemplate(d);
      if (get) expect(placeholders(get), `${d.type} read`).toBe(depth + (d.singleton ? 0 : 1));
    }
  });

  it('references only known types, and every scope has a probe', () => {
    for (const d of OKTA_CATALOG)
      for (const r of d.refs ?? [])
        for (const t of [r.type].flat()) expect(isOktaType(t), `${d.type} → ${t}`).toBe(true);
    for (const d of OKTA_CATALOG) expect(ALL_SCOPES, d.type).toContain(d.scope);
  });

  it('keeps per-user factors off by default', () => {
    expect(defaultTypes()).not.toContain('user.factor');
    expect(defaultTypes()).toContain('user');
  });

  it('is what the connection guide tells admins to grant (run `pnpm --filter @butterfly/connectors docs:scopes` when this fails)', () => {
    const guide = readFileSync(resolve(import.meta.dirname, '../../../../docs/guide/connections.md'), 'utf8');
    expect(withRenderedScopes(guide), 'the guide has no generated scope table').toBeDefined();
    expect(guide).toBe(withRenderedScopes(guide));
    for (const s of ALL_SCOPES) expect(guide).toContain(`\`${s}\``);
  });
});
