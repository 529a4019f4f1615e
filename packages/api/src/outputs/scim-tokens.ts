import { z } from 'zod';

/** `scim-tokens.createScimToken`. */
export const ZScimTokensCreateScimToken = z.object({
  id: z.string(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  token: z.string(),
});

/** `scim-tokens.listScimTokens`. */
export const ZScimTokensListScimTokens = z.array(
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

/** `scim-tokens.revokeScimToken`. */
export const ZScimTokensRevokeScimToken = z.object({
  id: z.string(),
  label: z.string(),
  revokedAt: z.string(),
  alreadyRevoked: z.boolean(),
});
