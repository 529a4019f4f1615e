import { z } from 'zod';

/** `members.deactivate`. */
export const ZMembersDeactivate = z.object({
  id: z.string(),
  email: z.string(),
  userName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  active: z.boolean(),
  role: z.enum(['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']),
  roleSource: z.enum(['manual', 'scim', 'jit']),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
});

/** `members.setRole`. */
export const ZMembersSetRole = z.object({
  id: z.string(),
  email: z.string(),
  userName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  active: z.boolean(),
  role: z.enum(['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']),
  roleSource: z.enum(['manual', 'scim', 'jit']),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
});
