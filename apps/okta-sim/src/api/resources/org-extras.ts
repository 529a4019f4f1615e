import { link } from '../../okta/links.ts';
import { type Ctx, ok } from '../context.ts';
import { notFound } from '../../okta/errors.ts';
import { allOf } from '../paging.ts';
import { type Route, route } from '../router.ts';

/**
 * Reads every Okta org answers even where the simulator models nothing behind them: org preferences
 * and contacts, and the collections a new org has empty (linked object definitions, custom SMS
 * templates, custom and email domains, CAPTCHA instances, device assurance policies). A backup client lists them all, so an
 * unmodelled one must look like an empty org, not like a missing endpoint (404).
 */
const CONTACT_TYPES = ['BILLING', 'TECHNICAL'] as const;

function contactUser(ctx: Ctx): string {
  const type = ctx.params.contactType!;
  if (!(CONTACT_TYPES as readonly string[]).includes(type)) throw notFound(`${type} (OrgContactType)`);
  // A new org's contacts are its first super admin: the owner of the admin API token.
  return ctx.org.admin.principal.id;
}

const emptyList = (path: string, scope: string): Route => route('GET', path, scope, (ctx) => allOf(ctx, []));

export const orgExtraRoutes: Route[] = [
  route('GET', '/api/v1/org/preferences', 'orgs', (ctx) =>
    ok({
      showEndUserFooter: true,
      _links: { hideEndUserFooter: link(`${ctx.base}/api/v1/org/preferences/hideEndUserFooter`, 'POST') },
    }),
  ),
  route('GET', '/api/v1/org/contacts', 'orgs', (ctx) =>
    ok(
      CONTACT_TYPES.map((contactType) => ({
        contactType,
        _links: { [contactType.toLowerCase()]: link(`${ctx.base}/api/v1/org/contacts/${contactType}`) },
      })),
    ),
  ),
  route('GET', '/api/v1/org/contacts/{contactType}', 'orgs', (ctx) => {
    const userId = contactUser(ctx);
    return ok({ userId, _links: { user: link(`${ctx.base}/api/v1/users/${userId}`) } });
  }),
  // Literal, so it wins over `meta/schemas/user/{schemaId}` (which would answer 404 for it).
  emptyList('/api/v1/meta/schemas/user/linkedObjects', 'linkedObjects'),
  emptyList('/api/v1/templates/sms', 'templates'),
  route('GET', '/api/v1/domains', 'domains', () => ok({ domains: [] })),
  emptyList('/api/v1/email-domains', 'emailDomains'),
  emptyList('/api/v1/captchas', 'captchas'),
  emptyList('/api/v1/device-assurances', 'deviceAssurance'),
];
