import { URN } from './urns.ts';

type AttrType = 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
interface AttrOpts {
  type?: AttrType;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'default' | 'never';
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: Record<string, unknown>[];
  description: string;
  referenceTypes?: string[];
  canonicalValues?: string[];
}

function attr(name: string, o: AttrOpts): Record<string, unknown> {
  const type = o.type ?? 'string';
  return {
    name,
    type,
    multiValued: o.multiValued ?? false,
    description: o.description,
    required: o.required ?? false,
    ...(type === 'string' || type === 'reference' ? { caseExact: o.caseExact ?? false } : {}),
    mutability: o.mutability ?? 'readWrite',
    returned: o.returned ?? 'default',
    uniqueness: o.uniqueness ?? 'none',
    ...(o.subAttributes ? { subAttributes: o.subAttributes } : {}),
    ...(o.referenceTypes ? { referenceTypes: o.referenceTypes } : {}),
    ...(o.canonicalValues ? { canonicalValues: o.canonicalValues } : {}),
  };
}

/**
 * The schemas as implemented: only the attributes Butterfly keeps. Others that IdPs send are
 * accepted and ignored, so they are not advertised.
 */
export function scimSchemas(baseUrl: string, roles: readonly string[]) {
  const schema = (id: string, name: string, description: string, attributes: unknown[]) => ({
    schemas: [URN.schema],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  });
  const value = (description: string, extra: Partial<AttrOpts> = {}) => attr('value', { description, ...extra });
  return [
    schema(URN.user, 'User', 'A member of the Butterfly tenant', [
      attr('userName', {
        required: true,
        uniqueness: 'server',
        description: 'Unique per tenant, compared case-insensitively',
      }),
      attr('name', {
        type: 'complex',
        description: 'The parts of the name that are kept',
        subAttributes: [
          attr('givenName', { description: 'Given name' }),
          attr('familyName', { description: 'Family name' }),
        ],
      }),
      attr('displayName', { description: 'Name shown in the dashboard' }),
      attr('emails', {
        type: 'complex',
        multiValued: true,
        description: 'One email is kept (the primary, else the work one) and returned as the primary work email',
        subAttributes: [
          value('Email address'),
          attr('type', { description: 'Always work', canonicalValues: ['work'] }),
          attr('primary', { type: 'boolean', description: 'Always true' }),
        ],
      }),
      attr('locale', { description: 'Preferred locale' }),
      attr('externalId', { caseExact: true, description: "The identity provider's id of the user" }),
      attr('active', { type: 'boolean', description: 'false deactivates the member and ends every session and token' }),
      attr('roles', {
        type: 'complex',
        multiValued: true,
        description:
          'Butterfly roles assigned by the identity provider (a role key or its display name, any case); when several are assigned, the highest wins. Returned as the one effective role (highest of the assigned ones and mapped groups)',
        subAttributes: [
          value('Role id', { canonicalValues: [...roles] }),
          attr('display', { mutability: 'readOnly', description: 'Role name' }),
          attr('primary', { type: 'boolean', description: 'Always true' }),
        ],
      }),
    ]),
    schema(URN.group, 'Group', 'A group pushed by the identity provider; may be mapped to a role', [
      attr('displayName', {
        required: true,
        uniqueness: 'server',
        description: 'Unique per tenant, compared case-insensitively',
      }),
      attr('externalId', { caseExact: true, description: "The identity provider's id of the group" }),
      attr('members', {
        type: 'complex',
        multiValued: true,
        description: 'Users in the group',
        subAttributes: [
          value('User id', { mutability: 'immutable' }),
          attr('display', { mutability: 'readOnly', description: 'User name' }),
          attr('$ref', {
            type: 'reference',
            mutability: 'readOnly',
            referenceTypes: ['User'],
            description: 'User URI',
          }),
        ],
      }),
    ]),
    schema(URN.role, 'Role', 'A Butterfly role, offered as an entitlement', [
      attr('displayName', { mutability: 'readOnly', description: 'Role name' }),
    ]),
  ];
}
