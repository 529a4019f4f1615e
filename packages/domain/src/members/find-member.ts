import { isUuid } from '../db.fns.ts';
import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { ZEmail } from './members.fns.ts';

/** A member of this tenant by id or email, locked for update when asked. Other tenants' members are NOT_FOUND. */
export async function findMember(db: Db, tenantId: string, idOrEmail: string, opts: { forUpdate?: boolean } = {}) {
  let q = selectMember(db, tenantId, idOrEmail);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such member');
  return row;
}

/** The query for a member of this tenant by id or email (NOT_FOUND for a string that is neither). */
export function selectMember(db: Db, tenantId: string, idOrEmail: string) {
  const q = db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId);
  if (isUuid(idOrEmail)) return q.where('id', '=', idOrEmail);
  const email = ZEmail.safeParse(idOrEmail);
  if (!email.success) throw new DomainError('NOT_FOUND', 'No such member');
  return q.where((eb) => eb(eb.fn('lower', ['email']), '=', email.data));
}
