import { ROLES } from '../permissions/matrix.ts';
import { scimSchemas } from './schemas.fns.ts';
import { MAX_RESULTS, URN } from './urns.ts';

/** /ServiceProviderConfig: what is implemented, and nothing more. */
export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'Authorization: Bearer <token>, with a token from `butterfly scim-token create <tenant>`',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  const type = (id: string, endpoint: string, schema: string, description: string) => ({
    schemas: [URN.resourceType],
    id,
    name: id,
    endpoint,
    description,
    schema,
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${id}` },
  });
  return [
    type('User', '/Users', URN.user, 'Members of the Butterfly tenant'),
    type('Group', '/Groups', URN.group, 'Groups, which a tenant may map to a role'),
    type('Role', '/Roles', URN.role, 'The five Butterfly roles, as entitlements'),
  ];
}

export const schemas = (baseUrl: string) => scimSchemas(baseUrl, ROLES);
