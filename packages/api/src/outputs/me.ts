import { PERMISSION_NAMES, ROLES } from '@butterfly/domain/permissions';
import { z } from 'zod';

export const ZMemberView = z.object({
  id: z.string(),
  email: z.string(),
  userName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  active: z.boolean(),
  role: z.enum(ROLES),
  roleSource: z.enum(['scim', 'jit', 'manual', 'directory']),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
});

/** `me.get`: who the credential acts as, in which tenant, with which permissions. */
export const ZMe = z.object({
  member: ZMemberView,
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  permissions: z.array(z.enum(PERMISSION_NAMES)),
  via: z.enum(['session', 'api_token', 'access_token', 'test']),
});
