import { describe, expect, it } from 'vitest';
import { matchPage, readPath, typeOf } from './match-page.ts';
import { PAGE_RULES } from './pages.ts';
import { pickFromPage } from './pick-from-page.ts';

const REAL = 'https://acme-admin.okta.com';
const SIM = 'http://127.0.0.1:4300/acme';
const ids = {
  user: '00u1abcdEFGH2345ijkl',
  group: '00g1abcdEFGH2345ijkl',
  app: '0oa1abcdEFGH2345ijkl',
  rst: 'rst1abcdEFGH2345ijkl',
  aus: 'aus1abcdEFGH2345ijkl',
  cal: 'cal1abcdEFGH2345ijkl',
};

/** Every page kind, at the URL an admin sees in Okta's console, and what it maps to. */
const CASES: { url: string; kind: string; read: string; type?: string; id?: string }[] = [
  {
    url: `/admin/user/profile/view/${ids.user}#tab-account`,
    kind: 'user',
    id: ids.user,
    read: `/api/v1/users/${ids.user}`,
    type: 'user',
  },
  {
    url: `/admin/group/${ids.group}`,
    kind: 'group',
    id: ids.group,
    read: `/api/v1/groups/${ids.group}`,
    type: 'group',
  },
  {
    url: `/admin/app/oidc_client/instance/${ids.app}/#tab-general`,
    kind: 'app',
    id: ids.app,
    read: `/api/v1/apps/${ids.app}`,
    type: 'app',
  },
  {
    url: `/admin/app/salesforce/instance/${ids.app}`,
    kind: 'app',
    id: ids.app,
    read: `/api/v1/apps/${ids.app}`,
    type: 'app',
  },
  {
    url: `/admin/authn/authentication-policies#authentication-policies/policy/${ids.rst}/`,
    kind: 'policy',
    id: ids.rst,
    read: `/api/v1/policies/${ids.rst}`,
  },
  { url: '/admin/access/policies', kind: 'policy', read: '' },
  { url: '/admin/access/authenticators/password', kind: 'policy', read: '' },
  { url: '/admin/access/multifactor#policies', kind: 'policy', read: '' },
  { url: '/admin/access/networks', kind: 'network_zone', read: '', type: 'network_zone' },
  {
    url: `/admin/oauth2/as/${ids.aus}#`,
    kind: 'authorization_server',
    id: ids.aus,
    read: `/api/v1/authorizationServers/${ids.aus}`,
    type: 'authorization_server',
  },
  {
    url: '/admin/oauth2/as/default',
    kind: 'authorization_server',
    id: 'default',
    read: '/api/v1/authorizationServers/default',
    type: 'authorization_server',
  },
  {
    url: `/admin/workflow/inlinehooks#view/${ids.cal}`,
    kind: 'hook',
    id: ids.cal,
    read: `/api/v1/inlineHooks/${ids.cal}`,
    type: 'inline_hook',
  },
  { url: '/admin/workflow/eventhooks', kind: 'hook', read: '', type: 'event_hook' },
  {
    url: `/admin/access/identity-providers/edit/${ids.app}`,
    kind: 'idp',
    id: ids.app,
    read: `/api/v1/idps/${ids.app}`,
    type: 'idp',
  },
];

describe('admin console URL → Okta object', () => {
  for (const c of CASES) {
    it(`${c.kind}: ${c.url}`, () => {
      for (const [base, orgUrl] of [
        [REAL, 'https://acme.okta.com'],
        [SIM, SIM],
      ] as const) {
        const m = matchPage(`${base}${c.url}`);
        expect(m, `${base}${c.url}`).not.toBeNull();
        expect(m!.rule.kind).toBe(c.kind);
        expect(m!.consoleBase).toBe(base);
        expect(m!.orgUrl).toBe(orgUrl);
        expect(m!.id).toBe(c.id);
        if (c.id) expect(readPath(m!.rule, c.id)).toBe(c.read);
        if (c.type) expect(typeOf(m!.rule, {})).toBe(c.type);
        // The URL-not-enough pages say where in the page to look instead.
        expect(!!m!.rule.page).toBe(!c.id);
      }
    });
  }

  it('covers every rule with a case', () => {
    const hit = new Set(CASES.map((c) => matchPage(`${REAL}${c.url}`)!.rule.name));
    expect(PAGE_RULES.filter((r) => !hit.has(r.name)).map((r) => r.name)).toEqual([]);
  });

  it('types policies by their body, and maps the other Okta clouds', () => {
    const m = matchPage(`${REAL}/admin/access/policies`)!;
    expect(typeOf(m.rule, { type: 'OKTA_SIGN_ON' })).toBe('policy.OKTA_SIGN_ON');
    expect(typeOf(m.rule, { type: 'ACCESS_POLICY' })).toBe('policy.ACCESS_POLICY');
    expect(typeOf(m.rule, { type: '../x' })).toBeUndefined();
    expect(matchPage(`https://acme-admin.oktapreview.com/admin/group/${ids.group}`)!.orgUrl).toBe(
      'https://acme.oktapreview.com',
    );
    expect(matchPage(`https://acme-admin.okta-emea.com/admin/group/${ids.group}`)!.orgUrl).toBe(
      'https://acme.okta-emea.com',
    );
  });

  it('ignores pages that show no one object', () => {
    for (const url of [
      '/admin/dashboard',
      '/admin/users',
      '/admin/groups#rules',
      '/admin/authn/authentication-policies',
      '/admin/workflow/inlinehooks',
      '/admin/user/profile/view/not-an-id!',
      '/app/UserHome',
    ])
      expect(matchPage(`${REAL}${url}`), url).toBeNull();
    // The console is at the root of a real host; only the simulator puts one segment before it.
    expect(matchPage(`https://acme-admin.okta.com/a/b/admin/group/${ids.group}`)).toBeNull();
    expect(matchPage('not a url')).toBeNull();
  });
});

describe('pages where the URL is not enough', () => {
  const zones = [
    { id: 'nzo1', name: 'LegacyIpZone' },
    { id: 'nzo2', name: 'Office' },
  ];
  const networks = matchPage(`${SIM}/admin/access/networks`)!.rule;

  it("take the open dialog's heading and find it by name in the list the console reads", () => {
    const page: Record<string, string> = { '[role="dialog"] h2': 'Office' };
    expect(pickFromPage(networks, (s) => page[s], zones)).toBe('nzo2');
  });

  it('find nothing when nothing is selected, unless there is only one', () => {
    expect(pickFromPage(networks, () => undefined, zones)).toBeUndefined();
    expect(pickFromPage(networks, () => 'Someone else', zones)).toBeUndefined();
    const password = matchPage(`${SIM}/admin/access/authenticators/password`)!.rule;
    expect(pickFromPage(password, () => undefined, [{ id: '00p1', name: 'Default Policy' }])).toBe('00p1');
    expect(
      pickFromPage(password, (s) => (s === '[data-se="policy-name"]' ? ' Default Policy\n' : undefined), [
        { id: '00p1', name: 'Default Policy' },
        { id: '00p2', name: 'Admins' },
      ]),
    ).toBe('00p1');
  });
});
