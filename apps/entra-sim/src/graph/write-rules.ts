import { newGuid } from '../model/ids.ts';
import type { Tenant } from '../store/tenant.ts';

const NEEDS_DISPLAY_NAME = new Set([
  'groups',
  'applications',
  'identity/conditionalAccess/policies',
  'identity/conditionalAccess/namedLocations',
  'directory/administrativeUnits',
]);

/** What Graph refuses on create for the objects the backup restores; undefined when it is fine. */
export function validateNew(tenant: Tenant, store: string, body: Record<string, unknown>): string | undefined {
  if (NEEDS_DISPLAY_NAME.has(store) && (typeof body.displayName !== 'string' || !body.displayName.trim()))
    return "Invalid value specified for property 'displayName' of resource.";
  if (store === 'servicePrincipals') {
    const appId = body.appId;
    if (typeof appId !== 'string') return "Property 'appId' is required.";
    const apps = [...tenant.collection('applications').values()];
    if (!apps.some((a) => a.appId === appId))
      return `The appId '${appId}' of the service principal does not reference a valid application object.`;
    if ([...tenant.collection('servicePrincipals').values()].some((s) => s.appId === appId))
      return `A service principal with appId '${appId}' already exists.`;
  }
  if (
    store === 'groups' &&
    (typeof body.mailNickname !== 'string' ||
      typeof body.securityEnabled !== 'boolean' ||
      typeof body.mailEnabled !== 'boolean')
  )
    return "Properties 'mailEnabled', 'mailNickname' and 'securityEnabled' are required.";
  if (
    store === 'identity/conditionalAccess/policies' &&
    (typeof body.conditions !== 'object' || body.conditions === null)
  )
    return "Property 'conditions' is required.";
  return undefined;
}

/** Server-set properties of a new object. */
export function defaultsFor(store: string, now: string): Record<string, unknown> {
  switch (store) {
    case 'applications':
      return {
        appId: newGuid(),
        createdDateTime: now,
        deletedDateTime: null,
        passwordCredentials: [],
        keyCredentials: [],
      };
    case 'groups':
      return { createdDateTime: now, deletedDateTime: null, groupTypes: [] };
    case 'servicePrincipals':
      return { deletedDateTime: null, accountEnabled: true, servicePrincipalType: 'Application' };
    case 'identity/conditionalAccess/policies':
      return { createdDateTime: now, modifiedDateTime: null, state: 'enabled' };
    case 'identity/conditionalAccess/namedLocations':
      return { createdDateTime: now, modifiedDateTime: now };
    default:
      return {};
  }
}
