import type { IdpLogEvent, IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import { typeDef } from './catalog.fns.ts';
import { OktaApiError } from './errors.ts';
import type { OktaApi } from './http/api.ts';
import { toIdpObject } from './objects.fns.ts';
import { readObject } from './write/read-object.ts';

/**
 * Decision 048: which stored objects a System Log event names. Okta names each object an event
 * touched in `target[]` by a type of its own (`UserGroup`, `PolicyRule`…); this maps those to the
 * catalog's types. A policy's catalog type carries the policy's kind (`policy.OKTA_SIGN_ON`), which
 * the event does not say, so policies and their rules are resolved by reading the policy.
 */
const TARGET_TYPES: Record<string, string> = {
  User: 'user',
  UserGroup: 'group',
  GroupRule: 'group_rule',
  AppInstance: 'app',
  AuthorizationServer: 'authorization_server',
  NetworkZone: 'network_zone',
  IdentityProvider: 'idp',
  TrustedOrigin: 'trusted_origin',
  EventHook: 'event_hook',
  InlineHook: 'inline_hook',
  LogStream: 'log_stream',
  UserType: 'user_type',
  Authenticator: 'authenticator',
  Behavior: 'behavior',
  Brand: 'brand',
};
const POLICY_TARGETS = new Set(['PolicyEntity', 'Policy']);
const RULE_TARGETS = new Set(['PolicyRule']);

/** An object a batch of events names: a catalog type, or a policy (rule) whose kind is read first. */
export type ChangedRef =
  | { kind: 'object'; type: string; id: string }
  | { kind: 'policy'; id: string }
  | { kind: 'policy_rule'; policyId: string; id: string };

const keyOf = (r: ChangedRef) =>
  r.kind === 'object'
    ? `${r.type}\u0000${r.id}`
    : r.kind === 'policy'
      ? `policy\u0000${r.id}`
      : `rule\u0000${r.policyId}/${r.id}`;

/**
 * The distinct objects a batch of events names, in the order first named: 1,000 events on three
 * objects give three refs. Targets of a type the catalog does not store (a session, a token) are
 * left out; a policy rule needs its policy among the same event's targets (Okta names both).
 */
export function changedRefs(events: readonly IdpLogEvent[]): ChangedRef[] {
  const out = new Map<string, ChangedRef>();
  const add = (r: ChangedRef) => {
    const k = keyOf(r);
    if (!out.has(k)) out.set(k, r);
  };
  for (const e of events) {
    const policy = e.targets.find((t) => POLICY_TARGETS.has(t.type));
    for (const t of e.targets) {
      const type = TARGET_TYPES[t.type];
      if (type) add({ kind: 'object', type, id: t.id });
      else if (POLICY_TARGETS.has(t.type)) add({ kind: 'policy', id: t.id });
      else if (RULE_TARGETS.has(t.type) && policy) add({ kind: 'policy_rule', policyId: policy.id, id: t.id });
    }
  }
  return [...out.values()];
}

const POLICY_GET = '/api/v1/policies/{id}';

/**
 * Reads now each object the events name, once per object however many events name it: one request
 * per object (a policy rule's policy is read once for the policy and all of its rules). Every read
 * goes through the client's governor like a backup's. `object` is undefined for an object gone since.
 */
export async function readChangedObjects(
  api: OktaApi,
  events: readonly IdpLogEvent[],
  o: { signal?: AbortSignal } = {},
): Promise<{ ref: IdpObjectRef; object?: IdpObject }[]> {
  const refs = changedRefs(events);
  const policies = new Map<string, Promise<IdpObject | undefined>>();
  const policy = (id: string) => {
    let p = policies.get(id);
    if (!p) {
      p = readPolicy(api, id, o.signal);
      policies.set(id, p);
    }
    return p;
  };
  const out: { ref: IdpObjectRef; object?: IdpObject }[] = [];
  for (const r of refs) {
    if (r.kind === 'object') {
      const object = await readObject(api, { type: r.type, id: r.id }, { signal: o.signal });
      out.push({ ref: { type: r.type, id: r.id }, ...(object ? { object } : {}) });
    } else if (r.kind === 'policy') {
      const object = await policy(r.id);
      if (object) out.push({ ref: { type: object.type, id: r.id }, object });
    } else {
      const parent = await policy(r.policyId);
      if (!parent) continue;
      const ref = { type: `${parent.type}.rule`, id: `${r.policyId}/${r.id}` };
      const object = await readObject(api, ref, { signal: o.signal });
      out.push({ ref, ...(object ? { object } : {}) });
    }
  }
  return out;
}

/** A policy, typed by its kind (`policy.<type>`); undefined when gone or of a kind the catalog lacks. */
async function readPolicy(api: OktaApi, id: string, signal?: AbortSignal): Promise<IdpObject | undefined> {
  try {
    const { body } = await api.get(POLICY_GET.replace('{id}', encodeURIComponent(id)), {
      template: POLICY_GET,
      scope: 'okta.policies.read',
      signal,
    });
    const kind = (body as { type?: unknown })?.type;
    if (typeof kind !== 'string') return undefined;
    let def: ReturnType<typeof typeDef>;
    try {
      def = typeDef(`policy.${kind}`);
    } catch {
      return undefined;
    }
    return toIdpObject(def, id, body);
  } catch (e) {
    if (e instanceof OktaApiError && e.status === 404) return undefined;
    throw e;
  }
}

/**
 * Decision 053: changes to these children name their parent in the System Log (a membership event
 * names the user and the group; an app assignment the user or group and the app), so a preview
 * reading the log lists a named parent's children again.
 */
const PARENT_LOGGED = new Set(['group.member', 'group.owner', 'app.user', 'app.group']);
const SELF_LOGGED = new Set(Object.values(TARGET_TYPES));

/** How the System Log names a change to an object of this catalog type (IdpObjectTypeInfo.logged). */
export function loggedAs(type: string): 'self' | 'parent' | undefined {
  if (SELF_LOGGED.has(type) || /^policy\.[A-Z_]+(\.rule)?$/.test(type)) return 'self';
  return PARENT_LOGGED.has(type) ? 'parent' : undefined;
}
