import { z } from 'zod';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { insertMember } from './insert-member.ts';
import { ZEmail, ZRole, toMemberView } from './members.fns.ts';

export const ZAddMemberInput = z.object({
  email: ZEmail,
  role: ZRole,
  givenName: z.string().trim().max(200).optional(),
  familyName: z.string().trim().max(200).optional(),
});
export type TAddMemberInput = z.input<typeof ZAddMemberInput>;

/** Adds a member by hand (role source `manual`); SCIM and JIT create members through their own use-cases, all three through `insertMember`. */
export async function addMember(deps: Deps, tenantId: string, raw: TAddMemberInput) {
  const input = parseInput(ZAddMemberInput, raw);
  await authorize(deps, tenantId, input.role === 'super_admin' ? 'tenant.manage' : 'member.manage');
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await insertMember({ ...deps, db: trx }, tenantId, {
        source: 'manual',
        email: input.email,
        givenName: input.givenName,
        familyName: input.familyName,
        role: input.role,
      });
      return toMemberView(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('MEMBER_EXISTS', `A member ${input.email} already exists`);
    throw e;
  }
}
