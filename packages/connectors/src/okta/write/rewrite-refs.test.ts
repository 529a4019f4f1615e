import { liveIdOf, orderSteps, planSteps, rewriteBody } from '@butterfly/domain/restores';
import { describe, expect, it } from 'vitest';
import { typeInfo } from '../type-info.ts';
import { OKTA_CATALOG } from '../catalog.ts';

/**
 * Every reference an Okta object holds by id (the restore's dependency graph), one case each: when
 * the object it names is re-created with a new id, the restored body names the new id, and the plan
 * orders the re-creation first. References by name or key (an authenticator's `key`, a scope's
 * `name`, an app's `client_id`) survive a re-creation and are not rewritten.
 */
const types = new Map(OKTA_CATALOG.map((d) => [d.type, typeInfo(d)]));
const OLD = '0oaOLD000000000000000';
const NEW = '0oaNEW000000000000000';
const link = (id: string) => `https://acme.okta.com/api/v1/things/${id}`;

/** A body with `value` at a catalog path (`a.b[]` is an array, `a[].b` an array of objects). */
function bodyWith(path: string, value: unknown): Record<string, unknown> {
  const build = (segments: string[]): unknown => {
    if (!segments.length) return value;
    const [head, ...rest] = segments as [string, ...string[]];
    const many = head.endsWith('[]');
    const inner = build(rest);
    return { [many ? head.slice(0, -2) : head]: many ? [inner] : inner };
  };
  return build(path.split('.')) as Record<string, unknown>;
}

const kinds = OKTA_CATALOG.flatMap((d) =>
  (d.refs ?? [])
    .filter((r) => !r.by)
    .flatMap((r) =>
      (Array.isArray(r.type) ? r.type : [r.type]).map((target) => ({ type: d.type, path: r.path, target })),
    ),
);

describe('references rewritten through the id map', () => {
  it('covers every reference kind of the catalog', () => {
    expect(kinds.length).toBeGreaterThan(40);
    expect(new Set(kinds.map((k) => k.target))).toEqual(
      new Set([
        'app',
        'group',
        'user',
        'user_type',
        'network_zone',
        'device_assurance',
        'idp',
        'inline_hook',
        'admin_role',
        'resource_set',
        'idp_key',
        'brand',
        'email_domain',
      ]),
    );
  });

  it.each(kinds)('$type $path → $target', ({ type, path, target }) => {
    const info = types.get(type)!;
    const asLink = path.endsWith('.href');
    const body = bodyWith(path, asLink ? link(OLD) : OLD);
    const idMap = new Map([[`${target}\u0000${OLD}`, NEW]]);
    const rewritten = JSON.stringify(rewriteBody(info, body, idMap));
    expect(rewritten).toContain(asLink ? link(NEW) : `"${NEW}"`);
    expect(rewritten).not.toContain(OLD);

    // The plan re-creates the target first, and the referrer's step names the rewrite.
    const parent = info.parent;
    const own = info.idField && info.idField !== 'id' ? 'key1' : path === (info.idField ?? 'id') ? OLD : 'x1';
    const id = parent ? `p1/${own}` : own;
    const candidates = [
      { type: target, id: OLD, desired: { id: OLD, name: 'target', label: 'target', profile: { name: 'target' } } },
      // One that cannot be created (a profile mapping, an org contact) is there already: restored by an update.
      { type, id, desired: body, ...(info.restore?.create ? {} : { live: body }) },
      ...(parent
        ? [{ type: parent, id: 'p1', desired: { id: 'p1', name: 'parent' }, live: { id: 'p1', name: 'parent' } }]
        : []),
    ];
    const steps = orderSteps(planSteps(candidates, { types, deletions: false, members: () => [] }), types);
    const made = steps.find((s) => s.type === target && s.id === OLD);
    const referrer = steps.find((s) => s.type === type && s.id === id);
    // Rows restored only with what they belong to (a binding's members, an admin's roles) are rewritten there.
    if (!info.restore?.create && !info.restore?.update) return;
    if (made?.action !== 'create' || !referrer || referrer.action !== (info.restore?.create ? 'create' : 'update')) {
      return expect.fail(`not planned: ${steps.map((s) => `${s.action} ${s.type}`).join(', ')}`);
    }
    expect(referrer.seq).toBeGreaterThan(made.seq);
    if (types.get(target)!.restore?.assignsId) {
      expect(referrer.rewrites).toContainEqual(expect.objectContaining({ type: target, oldId: OLD }));
      // A row keyed by what it names is found under the new id.
      if (path === (info.idField ?? 'id')) expect(liveIdOf(types, type, id, idMap)).toBe(parent ? `p1/${NEW}` : NEW);
    }
  });
});

describe("an app's sign-in policy mapping", () => {
  it('is restored under the new ids of both its policy and its app', () => {
    const idMap = new Map([
      ['app\u0000A1', 'A2'],
      ['policy.ACCESS_POLICY\u0000P1', 'P2'],
    ]);
    expect(liveIdOf(types, 'policy.ACCESS_POLICY.mapping', 'P1/A1', idMap)).toBe('P2/A2');
    const body = { id: 'A1', _links: { application: { href: 'https://acme.okta.com/api/v1/apps/A1' } } };
    expect(rewriteBody(types.get('policy.ACCESS_POLICY.mapping')!, body, idMap)).toEqual({
      id: 'A2',
      _links: { application: { href: 'https://acme.okta.com/api/v1/apps/A2' } },
    });
  });
});
