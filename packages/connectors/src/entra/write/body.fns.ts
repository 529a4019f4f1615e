import type { EntraObjectType } from '../catalog.ts';

/** Fields Graph sets itself on every object it has: a write never sends them back. */
const OWNED = ['createdDateTime', 'modifiedDateTime', 'lastModifiedDateTime', 'deletedDateTime', 'renewedDateTime'];

/**
 * Fields Graph computes per type and refuses in a write (the app id of an application is Graph's,
 * a group's mail and proxy addresses come from its nickname), by type.
 */
const COMPUTED: Readonly<Record<string, string[]>> = {
  application: ['appId', 'publisherDomain'],
  servicePrincipal: ['appDisplayName', 'appOwnerOrganizationId', 'servicePrincipalNames'],
  group: ['mail', 'proxyAddresses', 'securityIdentifier', 'onPremisesSyncEnabled', 'onPremisesLastSyncDateTime'],
  user: ['mail', 'proxyAddresses', 'onPremisesSyncEnabled', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime'],
  directoryRole: ['displayName', 'description'],
};

/**
 * The body a create or update sends: the snapshot's body minus what Graph owns (timestamps, the id
 * of a new object, computed fields, volatile ones) and every credential array of a type with
 * secrets: Graph takes a password only through addPassword and answers it once, so a restore
 * never sends a secret (the plan says it must be made again). A Conditional Access policy is
 * always written in report-only state, whatever the snapshot says; a separate confirmed step
 * switches it on (enable-restored-policies).
 */
export function entraWriteBody(def: EntraObjectType, body: unknown, o: { create: boolean }): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out = structuredClone(body) as Record<string, unknown>;
  const assigns = def.restore?.assignsId ?? true;
  const drop = [
    ...OWNED,
    ...(def.volatile ?? []),
    ...(COMPUTED[def.type] ?? []),
    ...(def.secrets ?? []).map((p) => p.split('[]')[0]!.split('.')[0]!),
    ...(o.create ? (assigns ? ['id'] : []) : ['id']),
    // A service principal is created for an application named by its appId, which never changes after.
    ...(!o.create && def.type === 'servicePrincipal' ? ['appId'] : []),
  ];
  for (const k of drop) delete out[k];
  for (const k of Object.keys(out)) if (k.includes('@odata.') && k !== '@odata.type') delete out[k];
  const first = def.restore?.reportOnly;
  if (first) out[first.path] = first.value;
  return out;
}
