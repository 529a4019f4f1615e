import { valueAt } from './paths.fns.ts';

/** A field worth reading first on an object's page: its label and where it sits in the body. */
export interface KeyField {
  label: string;
  path: string;
}

const f = (label: string, path: string): KeyField => ({ label, path });
const CREATED = [f('Created', 'created'), f('Last updated', 'lastUpdated')];
const POLICY = [
  f('Name', 'name'),
  f('Status', 'status'),
  f('Type', 'type'),
  f('Priority', 'priority'),
  f('Description', 'description'),
  f('System', 'system'),
  ...CREATED,
];
const RULE = [
  f('Name', 'name'),
  f('Status', 'status'),
  f('Type', 'type'),
  f('Priority', 'priority'),
  f('System', 'system'),
  ...CREATED,
];

/**
 * The most read types' key fields, by type (a policy's type is `policy.<KIND>`, its rules'
 * `policy.<KIND>.rule`); other types show their top-level scalar fields (keyFieldsOf).
 */
const KEY_FIELDS: Record<string, KeyField[]> = {
  user: [
    f('Login', 'profile.login'),
    f('First name', 'profile.firstName'),
    f('Last name', 'profile.lastName'),
    f('Email', 'profile.email'),
    f('Status', 'status'),
    f('Type', 'type.id'),
    f('Last login', 'lastLogin'),
    ...CREATED,
  ],
  group: [
    f('Name', 'profile.name'),
    f('Description', 'profile.description'),
    f('Type', 'type'),
    f('Last membership change', 'lastMembershipUpdated'),
    ...CREATED,
  ],
  group_rule: [
    f('Name', 'name'),
    f('Status', 'status'),
    f('Type', 'type'),
    f('Condition', 'conditions.expression.value'),
    ...CREATED,
  ],
  app: [
    f('Label', 'label'),
    f('Status', 'status'),
    f('Template', 'name'),
    f('Sign-on mode', 'signOnMode'),
    f('Hidden from users', 'visibility.hide.web'),
    ...CREATED,
  ],
  authorization_server: [
    f('Name', 'name'),
    f('Status', 'status'),
    f('Description', 'description'),
    f('Issuer', 'issuer'),
    f('Audiences', 'audiences'),
    ...CREATED,
  ],
  'authorization_server.policy': POLICY,
  'authorization_server.policy.rule': RULE,
  network_zone: [
    f('Name', 'name'),
    f('Status', 'status'),
    f('Type', 'type'),
    f('Usage', 'usage'),
    f('Gateways', 'gateways'),
    f('Proxies', 'proxies'),
    f('System', 'system'),
    ...CREATED,
  ],
  idp: [
    f('Name', 'name'),
    f('Status', 'status'),
    f('Type', 'type'),
    f('Protocol', 'protocol.type'),
    f('Issuer mode', 'issuerMode'),
    ...CREATED,
  ],
};

/** The key fields of a type: its own list, a policy's or a policy rule's, or none (the page falls back to the top-level scalars). */
export function keyFieldsFor(type: string): KeyField[] | undefined {
  if (KEY_FIELDS[type]) return KEY_FIELDS[type];
  if (/^policy\.[A-Z_]+\.rule$/.test(type)) return RULE;
  if (/^policy\.[A-Z_]+$/.test(type)) return POLICY;
  return undefined;
}

const MAX_FALLBACK = 12;
type Shown = string | number | boolean;

/** Arrays of scalars read as a list; objects and nested arrays are left to the JSON. */
function shown(v: unknown): Shown | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string' || typeof x === 'number'))
    return v.join(', ');
  if (v && typeof v === 'object' && 'value' in v) return shown((v as { value: unknown }).value); // a zone's gateways: [{ type, value }]
  return undefined;
}

/**
 * The fields a person reads first, with their values (missing ones left out): the type's key
 * fields when it has a list, else the body's top-level scalars (ids and links aside).
 */
export function keyFieldsOf(type: string, body: unknown): { label: string; path: string; value: Shown }[] {
  const listed = keyFieldsFor(type);
  if (listed) {
    return listed.flatMap((k) => {
      const raw = valueAt(body, k.path);
      const v =
        Array.isArray(raw) && raw.every((x) => x && typeof x === 'object')
          ? raw
              .map((x) => shown(x))
              .filter((x) => x !== undefined)
              .join(', ') || undefined
          : shown(raw);
      return v === undefined || v === '' ? [] : [{ label: k.label, path: k.path, value: v }];
    });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([k]) => k !== 'id' && !k.startsWith('_'))
    .flatMap(([k, raw]) => {
      const v = shown(raw);
      return v === undefined || v === '' ? [] : [{ label: k, path: k, value: v }];
    })
    .slice(0, MAX_FALLBACK);
}
