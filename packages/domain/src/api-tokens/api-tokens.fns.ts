import { z } from 'zod';
import { ZRole } from '../members/members.fns.ts';
import type { Role } from '../permissions/matrix.ts';
import { ZName } from '../validation.fns.ts';

/** `bfy_` + 43 base64url characters: secret scanners and humans can tell what a leaked string is. */
export const API_TOKEN_PREFIX = 'bfy_';
/** last_used_at is written at most this often: enough to spot an unused token, cheap on a busy one. */
export const API_TOKEN_LAST_USED_RESOLUTION_MS = 60_000;
export const API_TOKEN_MAX_DAYS = 366;

export const ZCreateApiTokenInput = z.object({
  name: ZName,
  /** At most the owner's role; the owner's own role when left out. */
  role: ZRole.optional(),
  /** Days until the token stops working; left out, it works until revoked. */
  expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).optional(),
});
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;

export const ZApiTokenId = z.object({ tokenId: z.string().trim().min(1) });

/** Enough of the token to tell it apart in a list, far too little to guess the rest from. */
export const visiblePrefix = (raw: string) => raw.slice(0, API_TOKEN_PREFIX.length + 6);

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  role: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
}

/** What lists show: never the hash. */
export function toApiTokenView(r: ApiTokenRow, now: Date) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role as Role | null,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    expired: r.expires_at !== null && r.expires_at <= now,
  };
}
export type ApiTokenView = ReturnType<typeof toApiTokenView>;
