import type { Selectable } from '@butterfly/db';
import type { Members } from '@butterfly/db';
import { z } from 'zod';
import { ROLES, type Role } from '../permissions/matrix.ts';

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }).max(320));

export const ZRole = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

export type MemberRow = Selectable<Members>;

/** What the dashboard and API show of a member: never credentials, never the token epoch. */
export function toMemberView(m: MemberRow) {
  return {
    id: m.id,
    email: m.email,
    userName: m.user_name,
    givenName: m.given_name,
    familyName: m.family_name,
    displayName: m.display_name,
    active: m.active,
    role: m.role as Role,
    roleSource: m.role_source as 'scim' | 'jit' | 'manual' | 'directory',
    createdAt: m.created_at.toISOString(),
    deactivatedAt: m.deactivated_at?.toISOString() ?? null,
  };
}
export type MemberView = ReturnType<typeof toMemberView>;
