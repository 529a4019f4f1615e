import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim();
  token = await h.saToken();
});
afterAll(() => h.close());

const get = async (path: string) => {
  const res = await h.api(`/admin/directory/v1/${path}`, token);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('Directory API reads', () => {
  it('pages users with nextPageToken and maxResults, every user once, in the seeded mix', async () => {
    const seen: Record<string, any>[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await get(
        `users?customer=my_customer&maxResults=70${pageToken ? `&pageToken=${pageToken}` : ''}`,
      );
      expect(status).toBe(200);
      expect(body.kind).toBe('admin#directory#users');
      expect(body.etag).toMatch(/^".+"$/);
      seen.push(...body.users);
      pageToken = body.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(new Set(seen.map((u) => u.id)).size).toBe(200);
    expect(seen[0]).toMatchObject({ kind: 'admin#directory#user', customerId: h.demo.customerId });
    expect(seen.filter((u) => u.isAdmin)).toHaveLength(h.demo.superAdmins);
    expect(seen.filter((u) => u.suspended).length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((u) => u.archived).length).toBeGreaterThanOrEqual(2);
    const enrolled = seen.filter((u) => u.isEnrolledIn2Sv).length;
    const enforced = seen.filter((u) => u.isEnforcedIn2Sv).length;
    expect(enrolled).toBeGreaterThan(enforced);
    expect(enforced).toBeGreaterThan(50);
    expect(seen.some((u) => u.primaryEmail.endsWith(`@${h.demo.secondaryDomain}`))).toBe(true);
    expect((await get('users?customer=my_customer&maxResults=501')).status).toBe(400);
    expect((await get('users?customer=my_customer&pageToken=garbage')).status).toBe(400);
    expect((await get('users')).status).toBe(400);
    expect((await get(`users?customer=${h.demo.other.customerId}`)).status).toBe(403);
  });

  it('gets a user by email or id and answers 404 in Google’s shape', async () => {
    const { body } = await get(`users/${h.demo.member}`);
    expect(body).toMatchObject({
      primaryEmail: h.demo.member,
      orgUnitPath: '/Engineering/Backend',
      isEnrolledIn2Sv: true,
    });
    expect((await get(`users/${body.id}`)).body.primaryEmail).toBe(h.demo.member);
    expect(await get('users/nobody@butterfly-demo.test')).toEqual({
      status: 404,
      body: {
        error: {
          code: 404,
          message: 'Resource Not Found: userKey',
          errors: [{ message: 'Resource Not Found: userKey', domain: 'global', reason: 'notFound' }],
        },
      },
    });
  });

  it('lists groups (the five role groups), members with nested groups, and Groups Settings as JSON or XML', async () => {
    const { body } = await get('groups?customer=my_customer');
    const emails = body.groups.map((g: any) => g.email);
    for (const g of h.demo.roleGroups) expect(emails).toContain(g);
    const members = await get(`groups/${h.demo.roleGroups[4]}/members`);
    expect(members.body.members).toEqual([
      expect.objectContaining({ type: 'GROUP', email: 'support@butterfly-demo.test' }),
    ]);
    const all = await get('groups/all-staff@butterfly-demo.test/members?maxResults=150');
    expect(all.body.members).toHaveLength(150);
    expect(all.body.nextPageToken).toBeTruthy();
    const byUser = await get(`groups?userKey=${h.demo.member}`);
    expect(byUser.body.groups.map((g: any) => g.email)).toContain(h.demo.roleGroups[2]);
    const json = await h.api(`/groups/v1/groups/${h.demo.roleGroups[4]}?alt=json`, token);
    expect(await json.json()).toMatchObject({ kind: 'groupsSettings#groups', allowExternalMembers: 'true' });
    const xml = await h.api(`/groups/v1/groups/${h.demo.roleGroups[4]}`, token);
    expect(xml.headers.get('content-type')).toMatch(/atom\+xml/);
    expect(await xml.text()).toContain('<apps:allowExternalMembers>true</apps:allowExternalMembers>');
  });

  it('lets the service account read Groups Settings as itself (Groups Reader), but not the directory', async () => {
    const own = await h.saToken({
      sub: null,
      scopes: [
        'https://www.googleapis.com/auth/apps.groups.settings',
        'https://www.googleapis.com/auth/admin.directory.group.readonly',
      ],
    });
    expect((await h.api(`/groups/v1/groups/${h.demo.roleGroups[0]}?alt=json`, own)).status).toBe(200);
    expect((await h.api('/admin/directory/v1/groups?customer=my_customer', own)).status).toBe(403);
    const other = await h.saToken({
      sub: null,
      sa: h.demo.readOnly.email,
      scopes: ['https://www.googleapis.com/auth/apps.groups.settings'],
    });
    expect((await h.api(`/groups/v1/groups/${h.demo.roleGroups[0]}?alt=json`, other)).status).toBe(403);
  });

  it('lists org units, roles, role assignments, domains and aliases', async () => {
    const ous = await get(`customer/my_customer/orgunits?type=all`);
    const paths = ous.body.organizationUnits.map((o: any) => o.orgUnitPath);
    expect(paths).toEqual(expect.arrayContaining(['/Engineering', '/Engineering/Backend', '/IT', '/Contractors']));
    expect(paths).not.toContain('/');
    // allIncludingParent without orgUnitPath: the root too (policies and SSO assignments name it).
    const withRoot = await get('customer/my_customer/orgunits?type=allIncludingParent');
    const root = withRoot.body.organizationUnits.find((o: any) => o.orgUnitPath === '/');
    expect(root).toMatchObject({ kind: 'admin#directory#orgUnit', orgUnitId: expect.stringMatching(/^id:/) });
    expect(withRoot.body.organizationUnits).toHaveLength(paths.length + 1);
    const underEng = await get('customer/my_customer/orgunits?type=allIncludingParent&orgUnitPath=/Engineering');
    expect(underEng.body.organizationUnits.map((o: any) => o.orgUnitPath)).toEqual([
      '/Engineering',
      '/Engineering/Backend',
      '/Engineering/Frontend',
    ]);
    const children = await get(`customer/${h.demo.customerId}/orgunits?orgUnitPath=/Engineering&type=children`);
    expect(children.body.organizationUnits.map((o: any) => o.orgUnitPath).sort()).toEqual([
      '/Engineering/Backend',
      '/Engineering/Frontend',
    ]);
    const backend = await get('customer/my_customer/orgunits/Engineering/Backend');
    expect(backend.body).toMatchObject({
      kind: 'admin#directory#orgUnit',
      orgUnitPath: '/Engineering/Backend',
      parentOrgUnitPath: '/Engineering',
    });
    expect((await get(`customer/my_customer/orgunits/${encodeURIComponent(backend.body.orgUnitId)}`)).body.name).toBe(
      'Backend',
    );
    const roles = await get('customer/my_customer/roles?maxResults=3');
    expect(roles.body.items).toHaveLength(3);
    expect(roles.body.nextPageToken).toBeTruthy();
    const all = await get('customer/my_customer/roles');
    const superRole = all.body.items.find((r: any) => r.isSuperAdminRole);
    expect(superRole).toMatchObject({ roleName: '_SEED_ADMIN_ROLE', isSystemRole: true });
    const supers = await get(`customer/my_customer/roleassignments?roleId=${superRole.roleId}`);
    expect(supers.body.items).toHaveLength(h.demo.superAdmins);
    const scoped = (await get('customer/my_customer/roleassignments')).body.items.filter(
      (a: any) => a.scopeType === 'ORG_UNIT',
    );
    expect(scoped.length).toBe(3);
    const domains = await get('customer/my_customer/domains');
    expect(domains.body.domains).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          domainName: h.demo.domain,
          isPrimary: true,
          verified: true,
          domainAliases: [expect.objectContaining({ domainAliasName: h.demo.aliasDomain })],
        }),
        expect.objectContaining({ domainName: h.demo.unverifiedDomain, verified: false }),
      ]),
    );
    expect((await get('customer/my_customer/domainaliases')).body.domainAliases).toHaveLength(1);
  });
});
