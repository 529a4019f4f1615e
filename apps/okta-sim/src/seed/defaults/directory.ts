import type { Json } from '../../model/types.ts';
import type { TBuild } from '../build.ts';

const SELF_RW = [{ principal: 'SELF', action: 'READ_WRITE' }];

const prop = (title: string, extra: Json = {}) => ({
  title,
  type: 'string',
  mutability: 'READ_WRITE',
  scope: 'NONE',
  permissions: SELF_RW,
  master: { type: 'PROFILE_MASTER' },
  ...extra,
});

/** Okta's default user profile schema (`UserSchemaDefaultResponse`), custom part empty. */
export function userSchema(
  orgUrl: string,
  schemaId: string,
  at: string,
  name = 'user',
  title = 'Default Okta User',
): Json {
  return {
    id: `${orgUrl}/meta/schemas/user/${schemaId}`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name,
    title,
    lastUpdated: at,
    created: at,
    definitions: {
      base: {
        id: '#base',
        type: 'object',
        properties: {
          login: prop('Username', { required: true, minLength: 5, maxLength: 100, pattern: '.+' }),
          firstName: prop('First name', { required: true, minLength: 1, maxLength: 50 }),
          lastName: prop('Last name', { required: true, minLength: 1, maxLength: 50 }),
          email: prop('Primary email', { required: true, format: 'email' }),
          mobilePhone: prop('Mobile phone', { maxLength: 100 }),
          secondEmail: prop('Secondary email', { format: 'email' }),
        },
        required: ['login', 'firstName', 'lastName', 'email'],
      },
      custom: { id: '#custom', type: 'object', properties: {}, required: [] },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  };
}

function groupSchema(orgUrl: string, at: string): Json {
  return {
    id: `${orgUrl}/meta/schemas/group/default`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: 'group',
    title: 'Okta group',
    description: 'Okta group profile template',
    lastUpdated: at,
    created: at,
    definitions: {
      base: {
        id: '#base',
        type: 'object',
        properties: {
          name: {
            title: 'Name',
            type: 'string',
            required: true,
            mutability: 'READ_WRITE',
            scope: 'NONE',
            maxLength: 255,
            permissions: [{ principal: 'SELF', action: 'READ_ONLY' }],
          },
          description: {
            title: 'Description',
            type: 'string',
            mutability: 'READ_WRITE',
            scope: 'NONE',
            maxLength: 1024,
            permissions: [{ principal: 'SELF', action: 'READ_ONLY' }],
          },
        },
        required: ['name'],
      },
      custom: { id: '#custom', type: 'object', properties: {}, required: [] },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  };
}

/** The org itself, its default user type and schemas, and the BUILT_IN Everyone group. */
export function buildDirectory(b: TBuild, company: string): { orgId: string; userType: string; everyone: string } {
  const { org } = b;
  const at = b.at();
  const orgId = b.id('00o');
  org.data.singletons.set('org', {
    id: orgId,
    companyName: company,
    website: `https://www.${org.name}.test`,
    phoneNumber: '+1-555-0100',
    endUserSupportHelpURL: `https://help.${org.name}.test`,
    supportPhoneNumber: '+1-555-0199',
    address1: '100 Main Street',
    address2: null,
    city: 'Springfield',
    state: 'IL',
    country: 'United States',
    postalCode: '62701',
    subdomain: org.name,
    status: 'ACTIVE',
    expiresAt: null,
    created: at,
    lastUpdated: at,
  });
  const userType = b.put('userTypes', 'oty', {
    displayName: 'User',
    name: 'user',
    description: 'Okta user profile template with default permission settings',
    createdBy: orgId,
    lastUpdatedBy: orgId,
    default: true,
  });
  org.data.singletons.set(`userSchema:${userType.id}`, userSchema(org.url, 'default', at));
  org.data.singletons.set('groupSchema', groupSchema(org.url, at));
  const everyone = b.put('groups', '00g', {
    lastMembershipUpdated: at,
    objectClass: ['okta:user_group'],
    type: 'BUILT_IN',
    profile: { name: 'Everyone', description: 'All users in your organization' },
  });
  return { orgId, userType: userType.id, everyone: everyone.id };
}
