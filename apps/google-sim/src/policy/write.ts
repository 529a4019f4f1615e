import type { IncomingMessage } from 'node:http';
import { adminCaller } from '../auth/access.ts';
import { SCOPE } from '../auth/scopes.ts';
import type { TCaller, TDeps } from '../deps.ts';
import { bodyJson, json, type TReply } from '../http/io.ts';
import { shortId } from '../model/ids.ts';
import { rpcError } from '../model/errors.ts';
import { policyResource, type TTarget } from '../model/policy.ts';
import type { TObj } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { cloudIdentityGate } from './gate.ts';

const POLICY_TYPE = 'type.googleapis.com/google.apps.cloudidentity.policies.v1beta1.Policy';

/** The long-running operation Google answers a mutation with; the simulator's are done at once. */
const operation = (response: TObj) => json({ name: `operations/${shortId(24)}`, done: true, response });

function mutable(deps: TDeps, type: string) {
  if (!deps.world.settings.mutablePolicyTypes.includes(type))
    throw rpcError(400, 'INVALID_ARGUMENT', `Setting type ${type} is not supported by the mutate endpoints.`);
}

/** `policyQuery.orgUnit` (`orgUnits/…`) or `policyQuery.group` (`groups/…`) of the caller's customer. */
function targetOf(caller: TCaller, q: TObj | undefined): TTarget {
  const sortOrder = typeof q?.sortOrder === 'number' ? q.sortOrder : undefined;
  const c = caller.customer;
  if (typeof q?.orgUnit === 'string') {
    const id = q.orgUnit.replace(/^orgUnits\//, '');
    const known =
      [...c.orgUnits.keys()].includes(`id:${id}`) ||
      [...c.policies.values()].some((p) => (p.policyQuery as TObj).orgUnit === q.orgUnit);
    if (!known) throw rpcError(400, 'INVALID_ARGUMENT', `Unknown org unit ${q.orgUnit}.`);
    return { orgUnitId: id, sortOrder };
  }
  if (typeof q?.group === 'string') {
    const id = q.group.replace(/^groups\//, '');
    if (!c.groups.has(id)) throw rpcError(400, 'INVALID_ARGUMENT', `Unknown group ${q.group}.`);
    return { groupId: id, sortOrder: sortOrder ?? 1 };
  }
  throw rpcError(400, 'INVALID_ARGUMENT', 'policyQuery needs orgUnit or group.');
}

const audit = (deps: TDeps, caller: TCaller, p: TObj, old: unknown) => {
  const setting = p.setting as { type: string; value: unknown };
  recordActivity(
    deps,
    caller.customer,
    { email: caller.user.primaryEmail, profileId: caller.user.id },
    'APPLICATION_SETTINGS',
    'CHANGE_APPLICATION_SETTING',
    {
      SETTING_NAME: setting.type.replace(/^settings\//, ''),
      OLD_VALUE: JSON.stringify(old ?? null),
      NEW_VALUE: JSON.stringify(setting.value ?? null),
    },
  );
};

/**
 * v1beta1 `policies.create`, `.patch` and `.delete` for the setting types in the control setting
 * `mutablePolicyTypes` (Google mutates only a subset: its "Mutate supported" column). Each answers a
 * done Operation and is audited; SYSTEM policies cannot be deleted.
 */
export async function writePolicy(deps: TDeps, req: IncomingMessage, url: URL): Promise<TReply> {
  const caller = adminCaller(deps, req, [SCOPE.policies], 'rpc');
  cloudIdentityGate(deps, caller);
  const c = caller.customer;
  const method = req.method ?? 'GET';
  const read = async () => {
    const body = await bodyJson(req, (m) => rpcError(400, 'INVALID_ARGUMENT', m));
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw rpcError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    return body as TObj;
  };
  if (url.pathname === '/v1beta1/policies' && method === 'POST') {
    const body = await read();
    if (
      body.customer !== undefined &&
      body.customer !== `customers/${c.id}` &&
      body.customer !== 'customers/my_customer'
    )
      throw rpcError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
    const setting = body.setting as TObj | undefined;
    const type = typeof setting?.type === 'string' ? setting.type : '';
    if (!type.startsWith('settings/') || typeof setting?.value !== 'object' || setting.value === null)
      throw rpcError(400, 'INVALID_ARGUMENT', 'setting.type and setting.value are required.');
    mutable(deps, type);
    const target = targetOf(caller, body.policyQuery as TObj | undefined);
    const p = policyResource(c, `policies/${shortId(22)}`, type, setting.value as TObj, target, 'ADMIN');
    const same = [...c.policies.values()].find(
      (x) =>
        (x.setting as TObj).type === type &&
        x.type === 'ADMIN' &&
        JSON.stringify({ ...(x.policyQuery as TObj), sortOrder: 0 }) ===
          JSON.stringify({ ...(p.policyQuery as TObj), sortOrder: 0 }),
    );
    if (same) throw rpcError(409, 'ALREADY_EXISTS', `A policy for ${type} on this target exists: ${same.name}.`);
    c.policies.set(p.name as string, p);
    audit(deps, caller, p, undefined);
    return operation({ '@type': POLICY_TYPE, ...p });
  }
  const name = url.pathname.replace(/^\/v1beta1\//, '');
  const p = c.policies.get(name);
  if (!p) throw rpcError(404, 'NOT_FOUND', `Policy ${name} not found.`);
  const setting = p.setting as { type: string; value: TObj };
  mutable(deps, setting.type);
  if (method === 'PATCH') {
    const body = await read();
    const next = (body.setting as TObj | undefined)?.value;
    if (typeof next !== 'object' || next === null)
      throw rpcError(400, 'INVALID_ARGUMENT', 'setting.value is required.');
    if ((body.setting as TObj).type !== undefined && (body.setting as TObj).type !== setting.type)
      throw rpcError(400, 'INVALID_ARGUMENT', 'setting.type cannot change.');
    const old = setting.value;
    setting.value = next as TObj;
    p.type = 'ADMIN';
    audit(deps, caller, p, old);
    return operation({ '@type': POLICY_TYPE, ...p });
  }
  if (method === 'DELETE') {
    if (p.type === 'SYSTEM') throw rpcError(400, 'FAILED_PRECONDITION', 'A SYSTEM policy cannot be deleted.');
    c.policies.delete(name);
    audit(deps, caller, { ...p, setting: { type: setting.type, value: null } }, setting.value);
    return operation({ '@type': 'type.googleapis.com/google.protobuf.Empty' });
  }
  throw rpcError(405, 'UNIMPLEMENTED', `google-sim serves no ${method} ${url.pathname}`);
}
