import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { HttpResponse, http } from 'msw';

/**
 * msw handlers standing in for one Google Workspace customer: the OAuth token endpoint's JWT-bearer
 * grant with domain-wide delegation, the Admin SDK Directory API, Groups Settings and the Cloud
 * Identity Policy and inbound SSO APIs, shaped on Google's documented payloads (`kind`/`etag` lists,
 * `nextPageToken`, `{"error":{"code","message","errors":[{"domain","reason"}]}}`, gRPC-style
 * Cloud Identity errors, `unauthorized_client`). Written from Google's docs and shared/spec/google.md
 * only: the paths and the scope of each path here are not read from the connector's catalog, so a
 * wrong path or scope there fails a test instead of agreeing with itself.
 */
export const TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const ADMIN = 'https://admin.googleapis.com';
export const CLOUD_IDENTITY = 'https://cloudidentity.googleapis.com';
export const GROUPS_SETTINGS = 'https://www.googleapis.com';
export const CUSTOMER_ID = 'C03az79cb';
export const ADMIN_EMAIL = 'ops-admin@initech.example';
export const SA_EMAIL = 'butterfly-backup@initech-backup.iam.gserviceaccount.com';
export const SA_CLIENT_ID = '104328771052812345678';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const SA_PRIVATE_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
export const SA_KEY = {
  kind: 'service_account' as const,
  clientEmail: SA_EMAIL,
  clientId: SA_CLIENT_ID,
  privateKeyId: '3f1d9c0e7a2b4c5d6e7f8091a2b3c4d5e6f70812',
  privateKey: SA_PRIVATE_KEY,
};

const S = 'https://www.googleapis.com/auth/';
/** The scope Google checks for each path (Admin SDK / Cloud Identity references). */
const SCOPE_OF: [RegExp, string][] = [
  [/^\/admin\/directory\/v1\/customers\//, `${S}admin.directory.customer.readonly`],
  [/^\/admin\/directory\/v1\/users/, `${S}admin.directory.user.readonly`],
  [/^\/admin\/directory\/v1\/groups/, `${S}admin.directory.group.readonly`],
  [/^\/admin\/directory\/v1\/customer\/[^/]+\/orgunits/, `${S}admin.directory.orgunit.readonly`],
  [/^\/admin\/directory\/v1\/customer\/[^/]+\/role/, `${S}admin.directory.rolemanagement.readonly`],
  [/^\/admin\/directory\/v1\/customer\/[^/]+\/domain/, `${S}admin.directory.domain.readonly`],
  [/^\/groups\/v1\/groups\//, `${S}apps.groups.settings`],
  [/^\/v1\/policies/, `${S}cloud-identity.policies.readonly`],
  [/^\/v1\/inbound/, `${S}cloud-identity.inboundsso.readonly`],
  [/^\/admin\/reports\/v1\//, `${S}admin.reports.audit.readonly`],
];
/** The read scopes a backup's token carries (the audit log's scope is asked for on its own). */
export const ALL_SCOPES = SCOPE_OF.map(([, s]) => s).filter((s) => !s.endsWith('admin.reports.audit.readonly'));

type Json = Record<string, unknown>;
export interface Injected {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface CustomerOptions {
  /** Scopes the client id is authorized for under domain-wide delegation (default all). */
  delegated?: string[];
  pageSize?: number;
  /** Blank Policy API pages (no `policies`, a token) served before each real page. */
  blankPolicyPages?: number;
  /** The Policy API answers 429 to a page asked for under this long after the last (default 1000 ms). */
  policyGapMs?: number;
  now?: () => number;
  data?: CustomerData;
  /** Each Directory response carries this many ms of latency on the clock (default 0). */
}

export interface CustomerData {
  customer: Json;
  users: Json[];
  groups: Json[];
  members: Record<string, Json[]>;
  settings: Record<string, Json>;
  orgunits: Json[];
  roles: Json[];
  roleassignments: Json[];
  domains: Json[];
  domainaliases: Json[];
  policies: Json[];
  inboundSamlSsoProfiles: Json[];
  inboundOidcSsoProfiles: Json[];
  inboundSsoAssignments: Json[];
  /** The Admin audit log (Reports API `applicationName=admin`), oldest first. */
  activities?: Json[];
}

export const USER_IDS = [
  '100000000000000000001',
  '100000000000000000002',
  '100000000000000000003',
  '100000000000000000004',
  '100000000000000000005',
];
export const GROUP_IDS = ['03x8tuzt1a2b3c4', '03x8tuzt5d6e7f8'];

export function customerData(): CustomerData {
  const user = (id: string, n: number): Json => ({
    kind: 'admin#directory#user',
    id,
    etag: `"etag-user-${n}"`,
    primaryEmail: `user${n}@initech.example`,
    name: { givenName: `User`, familyName: `${n}`, fullName: `User ${n}` },
    isAdmin: n === 0,
    isDelegatedAdmin: n === 1,
    lastLoginTime: '2026-12-01T10:00:00.000Z',
    creationTime: '2025-01-01T00:00:00.000Z',
    agreedToTerms: true,
    suspended: n === 4,
    archived: false,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    customerId: CUSTOMER_ID,
    orgUnitPath: n < 2 ? '/' : '/Engineering',
    isMailboxSetup: true,
    isEnrolledIn2Sv: n !== 3,
    isEnforcedIn2Sv: n < 2,
    includeInGlobalAddressList: true,
  });
  const group = (id: string, n: number): Json => ({
    kind: 'admin#directory#group',
    id,
    etag: `"etag-group-${n}"`,
    email: `group${n}@initech.example`,
    name: `Group ${n}`,
    directMembersCount: '2',
    description: '',
    adminCreated: true,
  });
  const member = (id: string, email: string, role = 'MEMBER'): Json => ({
    kind: 'admin#directory#member',
    etag: `"etag-m-${id}"`,
    id,
    email,
    role,
    type: 'USER',
    status: 'ACTIVE',
  });
  return {
    customer: {
      kind: 'admin#directory#customer',
      id: CUSTOMER_ID,
      etag: '"etag-customer"',
      customerDomain: 'initech.example',
      alternateEmail: 'it@initech-mail.example',
      customerCreationTime: '2020-03-04T05:06:07.000Z',
      language: 'en',
      postalAddress: { countryCode: 'US' },
    },
    users: USER_IDS.map(user),
    groups: GROUP_IDS.map(group),
    members: {
      [GROUP_IDS[0]!]: [
        member(USER_IDS[1]!, 'user1@initech.example'),
        member(USER_IDS[0]!, 'user0@initech.example', 'OWNER'),
      ],
      [GROUP_IDS[1]!]: [],
    },
    settings: Object.fromEntries(
      GROUP_IDS.map((_, n) => [
        `group${n}@initech.example`,
        {
          kind: 'groupsSettings#groups',
          email: `group${n}@initech.example`,
          name: `Group ${n}`,
          whoCanJoin: 'CAN_REQUEST_TO_JOIN',
          whoCanViewMembership: 'ALL_IN_DOMAIN_CAN_VIEW',
          allowExternalMembers: n === 1 ? 'true' : 'false',
          whoCanPostMessage: 'ANYONE_CAN_POST',
        },
      ]),
    ),
    orgunits: [
      {
        // The root: Google lists it only for type=allIncludingParent.
        kind: 'admin#directory#orgUnit',
        etag: '"e0"',
        name: 'Initech',
        orgUnitPath: '/',
        orgUnitId: 'id:03ph8a2z0root',
      },
      {
        kind: 'admin#directory#orgUnit',
        etag: '"e1"',
        name: 'Engineering',
        orgUnitPath: '/Engineering',
        orgUnitId: 'id:03ph8a2z1enq4',
        parentOrgUnitPath: '/',
        parentOrgUnitId: 'id:03ph8a2z0root',
      },
      {
        kind: 'admin#directory#orgUnit',
        etag: '"e2"',
        name: 'Contractors',
        orgUnitPath: '/Engineering/Contractors',
        orgUnitId: 'id:03ph8a2z2ctr9',
        parentOrgUnitPath: '/Engineering',
        parentOrgUnitId: 'id:03ph8a2z1enq4',
      },
    ],
    roles: [
      {
        kind: 'admin#directory#role',
        etag: '"r1"',
        roleId: '91447453409034241',
        roleName: '_SEED_ADMIN_ROLE',
        roleDescription: 'Super Admin',
        isSystemRole: true,
        isSuperAdminRole: true,
        rolePrivileges: [{ privilegeName: 'SUPER_ADMIN', serviceId: '01ci93xb3tmzyin' }],
      },
      {
        kind: 'admin#directory#role',
        etag: '"r2"',
        roleId: '91447453409034242',
        roleName: 'Helpdesk',
        isSystemRole: false,
        isSuperAdminRole: false,
        rolePrivileges: [{ privilegeName: 'USERS_RETRIEVE', serviceId: '00haapch16h1ysv' }],
      },
    ],
    roleassignments: [
      {
        kind: 'admin#directory#roleAssignment',
        etag: '"ra1"',
        roleAssignmentId: '91447453409035001',
        roleId: '91447453409034241',
        assignedTo: USER_IDS[0],
        assigneeType: 'user',
        scopeType: 'CUSTOMER',
      },
      {
        kind: 'admin#directory#roleAssignment',
        etag: '"ra2"',
        roleAssignmentId: '91447453409035002',
        roleId: '91447453409034242',
        assignedTo: USER_IDS[1],
        assigneeType: 'user',
        scopeType: 'ORG_UNIT',
        orgUnitId: '03ph8a2z1enq4',
      },
    ],
    domains: [
      {
        kind: 'admin#directory#domain',
        etag: '"d1"',
        domainName: 'initech.example',
        isPrimary: true,
        verified: true,
        creationTime: '1583298367000',
      },
      {
        kind: 'admin#directory#domain',
        etag: '"d2"',
        domainName: 'initech-labs.example',
        isPrimary: false,
        verified: false,
        creationTime: '1683298367000',
      },
    ],
    domainaliases: [
      {
        kind: 'admin#directory#domainAlias',
        etag: '"da1"',
        domainAliasName: 'initech.example.net',
        parentDomainName: 'initech.example',
        verified: true,
      },
    ],
    policies: [
      policy(
        'aaa1',
        'settings/security.two_step_verification_enforcement',
        { enforcedFrom: '2026-01-01T00:00:00Z' },
        'orgUnits/03ph8a2z0root',
      ),
      policy(
        'aaa2',
        'settings/security.password',
        { minimumLength: 8, allowedStrength: 'STRONG', allowReuse: false },
        'orgUnits/03ph8a2z0root',
      ),
      policy('aaa3', 'settings/security.password', { minimumLength: 16 }, 'orgUnits/03ph8a2z1enq4'),
      policy('aaa4', 'settings/security.session_controls', { webSessionDuration: '43200s' }, 'orgUnits/03ph8a2z0root'),
      policy(
        'aaa5',
        'settings/api_controls.unconfigured_third_party_apps',
        { accessLevel: 'BLOCK_ALL_SCOPES' },
        'orgUnits/03ph8a2z0root',
      ),
    ],
    inboundSamlSsoProfiles: [
      {
        name: 'inboundSamlSsoProfiles/010xi5tr1szon40',
        customer: `customers/${CUSTOMER_ID}`,
        displayName: 'Okta',
        idpConfig: {
          entityId: 'http://www.okta.com/exk1',
          singleSignOnServiceUri: 'https://initech.okta.com/app/sso/saml',
          changePasswordUri: '',
        },
        spConfig: {
          entityId: 'google.com/a/initech.example',
          assertionConsumerServiceUri: 'https://www.google.com/a/initech.example/acs',
        },
      },
    ],
    inboundOidcSsoProfiles: [],
    inboundSsoAssignments: [
      {
        name: 'inboundSsoAssignments/0abcd1',
        customer: `customers/${CUSTOMER_ID}`,
        targetOrgUnit: 'orgUnits/03ph8a2z1enq4',
        rank: 1,
        ssoMode: 'SAML_SSO',
        samlSsoInfo: { inboundSamlSsoProfile: 'inboundSamlSsoProfiles/010xi5tr1szon40' },
      },
      {
        name: 'inboundSsoAssignments/0abcd2',
        customer: `customers/${CUSTOMER_ID}`,
        targetOrgUnit: 'orgUnits/03ph8a2z0root',
        rank: 2,
        ssoMode: 'SSO_OFF',
      },
    ],
  };
}

function policy(id: string, type: string, value: Json, orgUnit: string): Json {
  return {
    name: `policies/${id}`,
    customer: `customers/${CUSTOMER_ID}`,
    policyQuery: {
      orgUnit,
      query: `entity.org_units.exists(org_unit, org_unit.org_unit_id == orgUnitId('${orgUnit.split('/')[1]}'))`,
      sortOrder: 1,
    },
    setting: { type, value },
    type: 'ADMIN',
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as never, { status, headers });

export function directoryError(status: number, reason: string, message: string) {
  return { error: { code: status, message, errors: [{ message, domain: 'global', reason }] } };
}

export function fakeCustomer(o: CustomerOptions = {}) {
  const data = o.data ?? customerData();
  const delegated = new Set(o.delegated ?? SCOPE_OF.map(([, s]) => s));
  const pageSize = o.pageSize ?? 100;
  const now = o.now ?? Date.now;
  const policyGap = o.policyGapMs ?? 1000;
  const tokens = new Map<string, Set<string>>();
  const injected: { match: RegExp; answers: Injected[] }[] = [];
  const requests: { url: string; at: number; authorization: string | null }[] = [];
  const assertions: Record<string, unknown>[] = [];
  const headers: Record<string, unknown>[] = [];
  let lastPolicyAt = -Infinity;
  let inFlight = 0;
  let peak = 0;
  let n = 0;

  const token = http.post(TOKEN_URL, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return json(400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' });
    let claims: Record<string, unknown>;
    try {
      let header: Record<string, unknown>;
      ({ payload: claims, protectedHeader: header } = await jwtVerify(
        form.get('assertion') ?? '',
        publicKey as KeyObject,
        {
          algorithms: ['RS256'],
          audience: TOKEN_URL,
          issuer: SA_EMAIL,
          currentDate: new Date(now()),
        },
      ));
      headers.push(header);
    } catch {
      return json(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
    assertions.push(claims);
    if (claims.sub !== ADMIN_EMAIL)
      return json(400, { error: 'invalid_grant', error_description: 'Invalid email or User ID' });
    const scopes = String(claims.scope ?? '').split(' ');
    if (!scopes.every((s) => delegated.has(s)))
      return json(401, {
        error: 'unauthorized_client',
        error_description:
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      });
    const access = `ya29.test-${++n}`;
    tokens.set(access, new Set(scopes));
    return json(200, { access_token: access, expires_in: 3599, token_type: 'Bearer' });
  });

  const page = (items: Json[], field: string, kind: string, url: URL, blank = 0): Json => {
    // Opaque tokens: the offset and the blank pages still to serve, base64url.
    const state = url.searchParams.get('pageToken');
    const [offset, blanksLeft] = state ? JSON.parse(Buffer.from(state, 'base64url').toString()) : [0, blank];
    const tok = (v: [number, number]) => Buffer.from(JSON.stringify(v)).toString('base64url');
    if (blanksLeft > 0) return { kind, nextPageToken: tok([offset, blanksLeft - 1]) };
    const slice = items.slice(offset, offset + pageSize);
    const more = offset + pageSize < items.length;
    return {
      kind,
      etag: '"list-etag"',
      ...(slice.length ? { [field]: slice } : {}),
      ...(more ? { nextPageToken: tok([offset + pageSize, blank]) } : {}),
    };
  };

  const api = http.get(/^https:\/\/(admin|cloudidentity|www)\.googleapis\.com\//, async ({ request }) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      // A group's members and settings take a few real milliseconds, so overlapping reads overlap here.
      if (/\/members$|^\/groups\/v1\//.test(new URL(request.url).pathname)) await new Promise((r) => setTimeout(r, 5));
      return answer(request);
    } finally {
      inFlight--;
    }
  });

  const answer = (request: Request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    requests.push({ url: request.url, at: now(), authorization: request.headers.get('authorization') });
    const granted = tokens.get((request.headers.get('authorization') ?? '').replace(/^Bearer /, ''));
    if (!granted)
      return json(401, {
        error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
      });
    for (const inj of injected)
      if (inj.match.test(path) && inj.answers.length) {
        const a = inj.answers.shift()!;
        return json(a.status, a.body, a.headers);
      }
    const scope = SCOPE_OF.find(([re]) => re.test(path))?.[1];
    if (scope && !granted.has(scope))
      return json(
        403,
        directoryError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'),
      );
    const host = url.hostname;
    const dir = host === 'admin.googleapis.com' ? path.match(/^\/admin\/directory\/v1(\/.*)$/)?.[1] : undefined;
    if (dir === '/customers/my_customer' || dir === `/customers/${CUSTOMER_ID}`) return json(200, data.customer);
    if (dir === '/users' && url.searchParams.get('customer') !== null)
      return json(200, page(data.users, 'users', 'admin#directory#users', url));
    if (dir === '/groups' && url.searchParams.get('customer') !== null)
      return json(200, page(data.groups, 'groups', 'admin#directory#groups', url));
    const m = dir?.match(/^\/groups\/([^/]+)\/members$/);
    if (m) {
      const list = data.members[decodeURIComponent(m[1]!)];
      if (!list) return json(404, directoryError(404, 'notFound', 'Resource Not Found: groupKey'));
      return json(200, page(list, 'members', 'admin#directory#members', url));
    }
    const c = dir?.match(/^\/customer\/([^/]+)\/(orgunits|roles|roleassignments|domains|domainaliases)$/);
    if (c) {
      if (c[1] !== CUSTOMER_ID && c[1] !== 'my_customer')
        return json(400, directoryError(400, 'badRequest', 'Bad Request'));
      const field = {
        orgunits: 'organizationUnits',
        roles: 'items',
        roleassignments: 'items',
        domains: 'domains',
        domainaliases: 'domainAliases',
      }[c[2]!]!;
      let items = data[c[2] as 'orgunits'];
      // Org units: `all` leaves out the root; `allIncludingParent` has it.
      if (c[2] === 'orgunits' && url.searchParams.get('type') !== 'allIncludingParent')
        items = items.filter((o) => o.orgUnitPath !== '/');
      // orgunits, domains and aliases are not paged by Google.
      if (c[2] === 'orgunits' || c[2]!.startsWith('domain'))
        return json(200, { kind: 'admin#directory#list', etag: '"e"', [field]: items });
      return json(200, page(items, field, `admin#directory#${c[2]}`, url));
    }
    if (path === '/admin/reports/v1/activity/users/all/applications/admin') {
      const start = Date.parse(url.searchParams.get('startTime') ?? '');
      const end = Date.parse(url.searchParams.get('endTime') ?? '');
      const items = [...(data.activities ?? [])].reverse().filter((a) => {
        const t = Date.parse(String((a.id as Json).time));
        return (Number.isNaN(start) || t >= start) && (Number.isNaN(end) || t < end);
      });
      return json(200, page(items, 'items', 'admin#reports#activities', url));
    }
    const g = host === 'www.googleapis.com' ? path.match(/^\/groups\/v1\/groups\/([^/]+)$/) : null;
    if (g) {
      const s = data.settings[decodeURIComponent(g[1]!)];
      return s ? json(200, s) : json(404, directoryError(404, 'notFound', 'Resource Not Found: groupUniqueId'));
    }
    if (host === 'cloudidentity.googleapis.com') {
      const filter = url.searchParams.get('filter') ?? '';
      if (path === '/v1/policies') {
        const at = now();
        if (at - lastPolicyAt < policyGap)
          return json(429, {
            error: {
              code: 429,
              message: 'Too many requests: wait a second between pages.',
              status: 'RESOURCE_EXHAUSTED',
            },
          });
        lastPolicyAt = at;
        if (Number(url.searchParams.get('pageSize') ?? 50) > 100)
          return json(400, {
            error: { code: 400, message: 'pageSize must be at most 100', status: 'INVALID_ARGUMENT' },
          });
        if (!filter.includes(`customers/${CUSTOMER_ID}`) && !filter.includes('customers/my_customer'))
          return json(400, { error: { code: 400, message: 'Invalid filter', status: 'INVALID_ARGUMENT' } });
        const { kind: _k, etag: _e, ...p } = page(data.policies, 'policies', '', url, o.blankPolicyPages ?? 0);
        return json(200, p);
      }
      const i = path.match(/^\/v1\/(inboundSamlSsoProfiles|inboundOidcSsoProfiles|inboundSsoAssignments)$/);
      if (i) {
        // Cloud Identity needs the canonical id here: my_customer is refused.
        if (filter !== `customer=="customers/${CUSTOMER_ID}"`)
          return json(400, { error: { code: 400, message: 'Invalid customer', status: 'INVALID_ARGUMENT' } });
        const { kind: _k, etag: _e, ...p } = page(data[i[1] as 'inboundSsoAssignments'], i[1]!, '', url);
        return json(200, p);
      }
    }
    return json(404, directoryError(404, 'notFound', 'Not Found'));
  };

  return {
    handlers: [token, api],
    requests,
    assertions,
    /** The assertions' protected headers. */
    headers,
    /** The next answers to paths matching `match`, before the customer's own. */
    inject(match: RegExp, ...answers: Injected[]) {
      injected.push({ match, answers });
    },
    /** The most API requests in flight at once. */
    peak: () => peak,
    gets: (re: RegExp) => requests.filter((r) => re.test(new URL(r.url).pathname)),
  };
}
