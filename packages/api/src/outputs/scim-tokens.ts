import { z } from 'zod';

/** `scimTokens.create`. */
export const ZScimTokensCreate = z.object({
  id: z.string(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  token: z.string(),
});

/** `scimTokens.list`. */
export const ZScimTokensList = z.array(
  z.object({
    id: z.string(),
    label: z.string(),
    prefix: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  }),
);

/** `scimTokens.revoke`. */
export const ZScimTokensRevoke = z.object({
  id: z.string(),
  label: z.string(),
  revokedAt: z.string(),
  alreadyRevoked: z.boolean(),
});
