import type { IdpLogEvent } from '@butterfly/domain/idp';
import { ENTRA_CATALOG } from './catalog.ts';
import { EntraError } from './errors.ts';
import type { GraphHttp, GraphRead } from './http/graph-http.ts';

const TEMPLATE = '/auditLogs/directoryAudits';
/** Graph lists directory audits 1,000 at most a page. */
const TOP = '999';

/**
 * How `targetResources[].type` names an object, mapped to the catalog's types. Graph uses a few
 * coarse names (`User`, `Group`, `Application`, `ServicePrincipal`, `Role`, `Policy`…); some
 * services and the simulator name the OData type (`conditionalAccessPolicy`, `unifiedRoleDefinition`).
 * Matched case-insensitively; a name equal to a catalog type is that type.
 */
const TARGET_TYPES: Record<string, string> = {
  role: 'directoryRole',
  authenticationcontextclassreference: 'authenticationContext',
  authenticationstrengthpolicy: 'authenticationStrength',
  ipnamedlocation: 'namedLocation',
  countrynamedlocation: 'namedLocation',
  identitysecuritydefaultsenforcementpolicy: 'securityDefaults',
  tenantappmanagementpolicy: 'defaultAppManagementPolicy',
  federatedidentitycredential: 'application.federatedIdentityCredential',
  approleassignment: 'servicePrincipal.appRoleAssignedTo',
  unifiedroledefinition: 'roleDefinition',
  unifiedroleassignment: 'roleAssignment',
  unifiedrolemanagementpolicy: 'roleManagementPolicy',
  unifiedrolemanagementpolicyassignment: 'roleManagementPolicyAssignment',
  crosstenantaccesspolicyconfigurationpartner: 'crossTenantAccessPolicy.partner',
  crosstenantaccesspolicyconfigurationdefault: 'crossTenantAccessPolicy.default',
  ...Object.fromEntries(ENTRA_CATALOG.filter((d) => !d.type.includes('.')).map((d) => [d.type.toLowerCase(), d.type])),
};

/**
 * The catalog type a target names, or Graph's own name when the catalog has none (`Device`,
 * `Other`). `Policy` is a conditional access policy when the Conditional Access service logged it;
 * any other service's `Policy` is left as it is (the event does not say which policy type).
 */
export function targetType(type: string, loggedByService?: string): string {
  if (type.toLowerCase() === 'policy' && loggedByService === 'Conditional Access') return 'conditionalAccessPolicy';
  return TARGET_TYPES[type.toLowerCase()] ?? type;
}

type RawAudit = {
  id?: string;
  activityDateTime?: string;
  activityDisplayName?: string;
  loggedByService?: string;
  initiatedBy?: {
    user?: { id?: string | null; displayName?: string | null; userPrincipalName?: string | null } | null;
    app?: {
      appId?: string | null;
      displayName?: string | null;
      servicePrincipalId?: string | null;
      servicePrincipalName?: string | null;
    } | null;
  } | null;
  targetResources?: { id?: string | null; type?: string | null }[] | null;
};

/** Who did it: the signed-in user (by UPN), else the app acting as itself (by its app id). */
function actorOf(raw: RawAudit): IdpLogEvent['actor'] {
  const { user, app } = raw.initiatedBy ?? {};
  if (user?.id || user?.userPrincipalName)
    return {
      id: String(user.id ?? ''),
      type: 'User',
      ...(user.userPrincipalName ? { alternateId: user.userPrincipalName } : {}),
      ...(user.displayName ? { displayName: user.displayName } : {}),
    };
  if (app?.servicePrincipalId || app?.appId) {
    const name = app.displayName || app.servicePrincipalName;
    return {
      id: String(app.servicePrincipalId || app.appId),
      type: 'ServicePrincipal',
      ...(app.appId ? { alternateId: app.appId } : {}),
      ...(name ? { displayName: name } : {}),
    };
  }
  return { id: '', type: 'Unknown' };
}

/** The part of a `directoryAudit` that attributes a change (modified properties and details are not kept). */
export function toLogEvent(raw: RawAudit): IdpLogEvent {
  return {
    id: String(raw.id ?? ''),
    published: String(raw.activityDateTime ?? ''),
    eventType: String(raw.activityDisplayName ?? ''),
    actor: actorOf(raw),
    targets: (raw.targetResources ?? [])
      .filter((t) => t?.id)
      .map((t) => ({ id: String(t.id), type: targetType(String(t.type ?? ''), raw.loggedByService) })),
  };
}

/** Graph's DateTimeOffset literal: unquoted, UTC, whole seconds (`2026-12-07T18:00:00Z`). */
const literal = (d: Date, up: boolean) =>
  new Date(up ? Math.ceil(d.getTime() / 1000) * 1000 : Math.floor(d.getTime() / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');

/**
 * Directory audit events of [since, until], oldest first (Graph lists them newest first, so the
 * window is read whole and then ordered; a window is the time between two backups). The filter is
 * widened to whole seconds and the events trimmed to the window exactly. Every page goes through the
 * governor; nextLinks are followed verbatim. Needs `AuditLog.Read.All` (a 403 names it).
 */
export async function* listAuditEvents(
  graph: GraphHttp,
  o: { since: Date; until: Date; signal?: AbortSignal },
): AsyncGenerator<IdpLogEvent> {
  const params = new URLSearchParams({
    $filter: `activityDateTime ge ${literal(o.since, false)} and activityDateTime le ${literal(o.until, true)}`,
    $top: TOP,
  });
  const first: GraphRead = {
    url: `${TEMPLATE}?${params}`,
    template: TEMPLATE,
    permission: 'AuditLog.Read.All',
    version: 'v1.0',
  };
  const events: IdpLogEvent[] = [];
  const from = o.since.getTime();
  const to = o.until.getTime();
  let url: string | undefined = first.url;
  while (url) {
    const { body } = await graph.get({ ...first, url }, o.signal);
    const page = body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
    if (!page || !Array.isArray(page.value)) throw new EntraError(`Expected a collection from GET ${TEMPLATE}`);
    for (const raw of page.value as RawAudit[]) {
      const e = toLogEvent(raw);
      const t = Date.parse(e.published);
      if (t >= from && t <= to) events.push(e);
    }
    const next = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
    if (next === url) throw new EntraError(`GET ${TEMPLATE} returned itself as its next page`);
    url = page.value.length ? next : undefined;
  }
  events.sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || a.id.localeCompare(b.id));
  yield* events;
}
