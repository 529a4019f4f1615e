import type { SimUser, TOktaUserStatus } from '../model/types.ts';
import { link, type TLink } from './links.ts';
import { iso, isoOrNull } from './time.ts';

/** Lifecycle operations Okta offers from each status (they appear as `_links`). */
const TRANSITIONS: Record<TOktaUserStatus, string[]> = {
  STAGED: ['activate', 'deactivate'],
  PROVISIONED: ['reactivate', 'deactivate'],
  ACTIVE: ['suspend', 'resetPassword', 'expirePassword', 'deactivate'],
  RECOVERY: ['deactivate', 'suspend'],
  PASSWORD_EXPIRED: ['resetPassword', 'deactivate', 'suspend'],
  LOCKED_OUT: ['unlock', 'resetPassword', 'deactivate'],
  SUSPENDED: ['unsuspend', 'deactivate'],
  DEPROVISIONED: ['activate'],
};

const OPERATION_PATH: Record<string, string> = {
  resetPassword: 'reset_password',
  expirePassword: 'expire_password',
};

/** The `User` JSON of the API, built on demand from the compact record. */
export function userJson(user: SimUser, orgUrl: string) {
  const self = `${orgUrl}/api/v1/users/${user.id}`;
  const links: Record<string, TLink> = {
    self: link(self),
    type: link(`${orgUrl}/api/v1/meta/types/user/${user.typeId}`),
    schema: link(`${orgUrl}/api/v1/meta/schemas/user/osc${user.typeId.slice(3)}`),
  };
  for (const op of TRANSITIONS[user.status]) {
    links[op] = { href: `${self}/lifecycle/${OPERATION_PATH[op] ?? op}`, method: 'POST' };
  }
  const { login, email, firstName, lastName, ...custom } = user.profile;
  return {
    id: user.id,
    status: user.status,
    created: iso(user.created),
    activated: isoOrNull(user.activated),
    statusChanged: isoOrNull(user.statusChanged),
    lastLogin: isoOrNull(user.lastLogin),
    lastUpdated: iso(user.lastUpdated),
    passwordChanged: isoOrNull(user.passwordChanged),
    type: { id: user.typeId },
    profile: { firstName, lastName, mobilePhone: null, secondEmail: null, login, email, ...custom },
    credentials: {
      ...(user.passwordHash ? { password: {} } : {}),
      provider: { type: 'OKTA', name: 'OKTA' },
    },
    _links: links,
  };
}

/** The `displayName` Okta puts in System Log targets and group owners. */
export const userDisplayName = (user: SimUser) => `${user.profile.firstName} ${user.profile.lastName}`;
