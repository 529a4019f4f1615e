import { z } from 'zod';

/** `tokens.createToken`. */
export const ZTokensCreateToken = z.object({
  ownerEmail: z.string(),
  token: z.string(),
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']).nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  expired: z.boolean(),
});

/** `tokens.listTokens`. */
export const ZTokensListTokens = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']).nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    expired: z.boolean(),
  }),
);

/** `tokens.revokeToken`. */
export const ZTokensRevokeToken = z.object({ id: z.string(), name: z.string(), revoked: z.boolean() });
