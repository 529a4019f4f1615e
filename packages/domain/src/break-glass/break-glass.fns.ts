import type { BreakGlassAccounts, Selectable } from '@butterfly/db';
import { z } from 'zod';
import type { Db } from '../deps.ts';

export const ZBreakGlassInput = z.strictObject({
  connectionId: z.string().min(1).max(200),
  /** The Okta user id (00u…) or login of the account. */
  user: z.string().trim().min(1).max(320),
});
export type TBreakGlassInput = z.infer<typeof ZBreakGlassInput>;

export interface BreakGlassAccountView {
  oktaUserId: string;
  login: string | null;
  displayName: string | null;
  addedBy: string;
  addedAt: string;
}

export const toBreakGlassView = (r: Selectable<BreakGlassAccounts>): BreakGlassAccountView => ({
  oktaUserId: r.okta_user_id,
  login: r.login,
  displayName: r.display_name,
  addedBy: r.added_by,
  addedAt: r.added_at.toISOString(),
});

/** The declared accounts' Okta user ids, as a scan gives them to the rules (decision 037). Not a permission check. */
export async function breakGlassUserIds(db: Db, tenantId: string, connectionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('break_glass_accounts')
    .select('okta_user_id')
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .orderBy('okta_user_id')
    .execute();
  return rows.map((r) => r.okta_user_id);
}
