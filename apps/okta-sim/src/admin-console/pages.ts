import type { Org } from '../orgs/org.ts';
import type { Json } from '../model/types.ts';
import { consolePage, listWithDetail, objectBody, tableWithDialog } from './layout.ts';

type Render = (org: Org, m: RegExpExecArray, url: URL) => { title: string; body: string } | undefined;

/**
 * The console's pages, at Okta's own URL patterns below the org. Where the real console's URL names
 * the object, so does this one; where it does not (the policy list pages, the network zone edit
 * dialog) the object is chosen by the sim-only `select` query parameter, which stands in for the
 * admin's click in the real single-page app: a content script must find it from the page, as there.
 */
const PAGES: [RegExp, Render][] = [
  [
    /^\/admin\/user\/profile\/view\/(\w+)\/?$/,
    (org, m) => {
      const u = org.data.users.get(m[1]!);
      return (
        u &&
        page(`${u.profile.firstName} ${u.profile.lastName}`, 'Person', [
          ['Username', u.profile.login],
          ['Status', u.status],
          ['Id', u.id],
        ])
      );
    },
  ],
  [
    /^\/admin\/group\/(\w+)\/?$/,
    (org, m) => {
      const g = org.data.table('groups').get(m[1]!) as Json | undefined;
      return (
        g &&
        page(g.profile?.name, 'Group', [
          ['Description', g.profile?.description ?? ''],
          ['Type', g.type],
          ['Id', g.id],
        ])
      );
    },
  ],
  [
    /^\/admin\/app\/([\w-]+)\/instance\/(\w+)\/?$/,
    (org, m) => {
      const a = org.app(m[2]!);
      return a && a.name === m[1]
        ? page(a.label, 'Application', [
            ['Status', a.status],
            ['Sign-on', a.signOnMode],
            ['Id', a.id],
          ])
        : undefined;
    },
  ],
  [/^\/admin\/access\/policies\/?$/, (org, _m, url) => policyList(org, url, 'OKTA_SIGN_ON', 'Global Session Policy')],
  [/^\/admin\/access\/authenticators\/password\/?$/, (org, _m, url) => policyList(org, url, 'PASSWORD', 'Password')],
  [
    /^\/admin\/access\/multifactor\/?$/,
    (org, _m, url) => policyList(org, url, 'MFA_ENROLL', 'Multifactor enrollment policies'),
  ],
  [
    /^\/admin\/authn\/authentication-policies\/?$/,
    (org) => {
      // The real page names its policy in the fragment (#authentication-policies/policy/<id>/), which never reaches a server.
      const items = policies(org, 'ACCESS_POLICY').map((p) => ({
        id: p.id,
        name: p.name,
        href: `#authentication-policies/policy/${p.id}/`,
      }));
      return { title: 'Authentication policies', body: listWithDetail('Authentication policies', items, undefined) };
    },
  ],
  [
    /^\/admin\/access\/networks\/?$/,
    (org, _m, url) => {
      const zones = [...org.data.table('zones').values()] as Json[];
      const rows = zones.map((z) => ({ id: z.id, name: z.name, cells: [z.type, z.status], href: `?select=${z.id}` }));
      const open = zones.find((z) => z.id === url.searchParams.get('select'));
      return {
        title: 'Networks',
        body: tableWithDialog(
          'Networks',
          rows,
          open && {
            name: open.name,
            fields: [
              ['Type', open.type],
              ['Usage', open.usage],
            ],
          },
        ),
      };
    },
  ],
  [
    /^\/admin\/oauth2\/as\/(\w+)\/?$/,
    (org, m) => {
      const s = org.data.table('authServers').get(m[1]!) as Json | undefined;
      return (
        s &&
        page(s.name, 'Authorization server', [
          ['Issuer', s.issuer],
          ['Audiences', (s.audiences ?? []).join(', ')],
          ['Id', s.id],
        ])
      );
    },
  ],
  [
    /^\/admin\/access\/identity-providers\/edit\/(\w+)\/?$/,
    (org, m) => {
      const i = org.data.table('idps').get(m[1]!) as Json | undefined;
      return (
        i &&
        page(i.name, 'Identity provider', [
          ['Type', i.type],
          ['Status', i.status],
          ['Id', i.id],
        ])
      );
    },
  ],
];

const page = (name: string, kind: string, fields: [string, unknown][]) => ({
  title: name,
  body: objectBody(kind, name, fields),
});

const policies = (org: Org, type: string) =>
  ([...org.data.table('policies').values()] as Json[])
    .filter((p) => p.type === type)
    .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));

function policyList(org: Org, url: URL, type: string, heading: string) {
  const list = policies(org, type);
  const selected = list.find((p) => p.id === url.searchParams.get('select')) ?? list[0];
  const items = list.map((p) => ({ id: p.id, name: p.name, href: `?select=${p.id}` }));
  return {
    title: heading,
    body: listWithDetail(
      heading,
      items,
      selected && {
        name: selected.name,
        fields: [
          ['Status', selected.status],
          ['Priority', selected.priority],
        ],
      },
    ),
  };
}

/** The page at `below` (a path below the org URL), or undefined when none is there or its object is not. */
export function renderConsolePage(org: Org, below: string, url: URL): string | undefined {
  for (const [pattern, render] of PAGES) {
    const m = pattern.exec(below);
    if (!m) continue;
    const found = render(org, m, url);
    return found && consolePage(org.name, found.title, found.body);
  }
  return undefined;
}
