import { ROLES } from '@butterfly/domain/permissions';
import { z } from 'zod';

/** `tokens.create`. */
export const ZTokensCreate = z.object({
  ownerEmail: z.string(),
  token: z.string(),
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES).nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  expired: z.boolean(),
});

/** `tokens.list`. */
export const ZTokensList = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(ROLES).nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    expired: z.boolean(),
  }),
);

/** `tokens.revoke`. */
export const ZTokensRevoke = z.object({ id: z.string(), name: z.string(), revoked: z.boolean() });
