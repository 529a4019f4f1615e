import type { IdpObjectTypeInfo, IdpRestoreInfo } from '../../idp/types.ts';
import type { TypeIndex } from '../objects.fns.ts';

const writable = (o: Partial<IdpRestoreInfo> = {}): IdpRestoreInfo => ({ create: true, update: true, delete: true, lifecycle: false, assignsId: true, ...o });
const t = (type: string, o: Partial<IdpObjectTypeInfo> = {}): IdpObjectTypeInfo => ({
  type,
  label: `${type}s`,
  scope: 'okta.x.read',
  singleton: false,
  optional: false,
  secretFields: [],
  references: [],
  restore: writable(),
  ...o,
});

/** A few Okta-like types, as a connector would describe them, for planning tests. */
export const TYPES: TypeIndex = new Map(
  [
    t('user', { volatile: ['lastLogin', 'statusChanged'], restore: writable({ lifecycle: true, naturalKey: 'profile.login', recreateNote: 'Comes back without password or factors', statusReached: { ACTIVE: ['PROVISIONED'] }, activateFirst: true }) }),
    t('group', { volatile: ['lastMembershipUpdated'], restore: writable({ naturalKey: 'profile.name', systemWhen: [{ path: 'type', equals: 'BUILT_IN' }] }) }),
    t('group.member', { parent: 'group', references: [{ path: 'id', type: 'user' }], restore: writable({ update: false, assignsId: false, membershipOf: true }) }),
    t('group_rule', {
      references: [{ path: 'actions.assignUserToGroups.groupIds[]', type: 'group' }],
      restore: writable({ lifecycle: true, provisions: { groupsAt: 'actions.assignUserToGroups.groupIds[]' } }),
    }),
    t('network_zone', { restore: writable({ lifecycle: true, systemWhen: [{ path: 'system', equals: true }] }) }),
    t('policy.PASSWORD', {
      references: [
        { path: 'conditions.people.groups.include[]', type: 'group' },
        { path: 'conditions.network.include[]', type: 'network_zone' },
      ],
      restore: writable({ lifecycle: true, systemWhen: [{ path: 'system', equals: true }] }),
    }),
    t('policy.PASSWORD.rule', {
      parent: 'policy.PASSWORD',
      references: [{ path: 'conditions.network.include[]', type: 'network_zone' }],
      restore: writable({ lifecycle: true, naturalKey: 'name', systemWhen: [{ path: 'system', equals: true }] }),
    }),
    t('app', { secretFields: ['credentials.oauthClient.client_secret'], restore: writable({ lifecycle: true, naturalKey: 'label' }) }),
    t('app.group', { parent: 'app', references: [{ path: 'id', type: 'group' }], restore: writable({ assignsId: false, provisions: { groupsAt: 'id' } }) }),
    t('app.user', {
      parent: 'app',
      references: [{ path: 'id', type: 'user' }],
      restore: writable({ assignsId: false, provisions: { perObject: 1 }, derivedWhen: [{ path: 'scope', equals: 'GROUP', from: 'group assignment' }] }),
    }),
    t('event_hook', { restore: writable({ lifecycle: true, verify: true }) }),
    t('api_token', { restore: { create: false, update: false, delete: true, lifecycle: false, assignsId: true, reason: 'A token value cannot be restored' } }),
  ].map((i) => [i.type, i]),
);
