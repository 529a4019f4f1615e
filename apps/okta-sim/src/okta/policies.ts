import { type IdSource, oktaId } from '../model/ids.ts';
import type { OrgData } from '../store/org-data.ts';
import type { Json } from '../model/types.ts';
import { link, type TLink } from './links.ts';

/** The `PolicyType` enum of the OpenAPI file, with the `type` its rules carry. */
export const RULE_TYPE: Record<string, string> = {
  ACCESS_POLICY: 'ACCESS_POLICY',
  ENTITY_RISK: 'ENTITY_RISK',
  IDP_DISCOVERY: 'IDP_DISCOVERY',
  MFA_ENROLL: 'MFA_ENROLL',
  OKTA_SIGN_ON: 'SIGN_ON',
  PASSWORD: 'PASSWORD',
  POST_AUTH_SESSION: 'POST_AUTH_SESSION',
  PROFILE_ENROLLMENT: 'PROFILE_ENROLLMENT',
  DEVICE_SIGNAL_COLLECTION: 'DEVICE_SIGNAL_COLLECTION',
  SESSION_VIOLATION_DETECTION: 'SESSION_VIOLATION_DETECTION',
  CLIENT_UPDATE: 'CLIENT_UPDATE',
  IDENTITY_CLAIM_SOURCING: 'IDENTITY_CLAIM_SOURCING',
};
export const POLICY_TYPES = Object.keys(RULE_TYPE);

/** Identity Engine policies (app sign-in, user profile) have `rst…` ids and `rul…` rules; the rest `00p…`/`0pr…`. */
const IE_TYPES = new Set(['ACCESS_POLICY', 'PROFILE_ENROLLMENT']);
export const policyPrefix = (type: string) => (IE_TYPES.has(type) ? 'rst' : '00p');
export const rulePrefix = (type: string) => (IE_TYPES.has(type) ? 'rul' : '0pr');

/** The fields Okta adds to a posted policy. */
export function policyDefaults(body: Json): Json {
  return { status: 'ACTIVE', description: null, priority: 1, system: false, conditions: null, ...body };
}

/** The fields Okta adds to a posted rule, its `type` following the policy's. */
export function ruleDefaults(body: Json, policyType: string): Json {
  return {
    status: 'ACTIVE',
    priority: 1,
    system: false,
    conditions: null,
    actions: {},
    ...body,
    type: RULE_TYPE[policyType],
  };
}

export function policyLinks(policy: Json, orgUrl: string): Record<string, TLink> {
  const self = `${orgUrl}/api/v1/policies/${policy.id}`;
  const links: Record<string, TLink> = {
    self: link(self, 'GET', 'PUT', ...(policy.system ? [] : ['DELETE'])),
    rules: link(`${self}/rules`, 'GET', 'POST'),
  };
  if (policy.type === 'ACCESS_POLICY') links.mappings = link(`${self}/mappings`, 'GET', 'POST');
  if (!policy.system) {
    const op = policy.status === 'ACTIVE' ? 'deactivate' : 'activate';
    links[op] = link(`${self}/lifecycle/${op}`, 'POST');
  }
  return links;
}

export function ruleLinks(rule: Json, policyId: string, orgUrl: string): Record<string, TLink> {
  const self = `${orgUrl}/api/v1/policies/${policyId}/rules/${rule.id}`;
  const links: Record<string, TLink> = { self: link(self, 'GET', 'PUT', ...(rule.system ? [] : ['DELETE'])) };
  if (!rule.system) {
    const op = rule.status === 'ACTIVE' ? 'deactivate' : 'activate';
    links[op] = link(`${self}/lifecycle/${op}`, 'POST');
  }
  return links;
}

/**
 * Okta keeps priorities dense (1..n) and the system (default / catch-all) rule or policy last: a
 * create or update that asks for priority p moves the item there and renumbers the others.
 */
export function reprioritize(items: Json[], moved?: { id: string; priority?: number }): void {
  const ordinary = items.filter((i) => !i.system).sort((a, b) => a.priority - b.priority);
  if (moved) {
    const at = ordinary.findIndex((i) => i.id === moved.id);
    if (at >= 0) {
      const [item] = ordinary.splice(at, 1);
      const wanted = Math.max(1, Math.min(moved.priority ?? ordinary.length + 1, ordinary.length + 1));
      ordinary.splice(wanted - 1, 0, item!);
    }
  }
  const ordered = [...ordinary, ...items.filter((i) => i.system)];
  ordered.forEach((item, i) => {
    item.priority = i + 1;
  });
}

/** The system "Catch-all Rule" every app sign-in policy has: last, and it cannot be deleted. */
export function catchAllRule(org: { ids: IdSource; data: OrgData }, policy: Json, at: string, actions?: Json): Json {
  const rule = ruleDefaults(
    {
      id: oktaId(org.ids, 'rul'),
      name: 'Catch-all Rule',
      priority: 99,
      system: true,
      created: at,
      lastUpdated: at,
      actions: actions ?? {
        appSignOn: {
          access: 'ALLOW',
          verificationMethod: { factorMode: '1FA', type: 'ASSURANCE', reauthenticateIn: 'PT12H', constraints: [] },
        },
      },
    },
    policy.type,
  );
  org.data.table(`rules:${policy.id}`).set(rule.id, rule);
  reprioritize([...org.data.table(`rules:${policy.id}`).values()]);
  return rule;
}
