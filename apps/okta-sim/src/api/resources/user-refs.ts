import type { SimUser } from '../../model/types.ts';
import { userDisplayName } from '../../okta/users.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../../okta/errors.ts';

/** A user as a System Log target. */
export const userTarget = (u: SimUser) => ({
  id: u.id,
  type: 'User',
  alternateId: u.profile.login,
  displayName: userDisplayName(u),
});

/** A user by id or by login, as `/api/v1/users/{id}` accepts both. */
export function findUser(ctx: Ctx, idOrLogin: string): SimUser {
  const user = ctx.org.data.users.get(idOrLogin) ?? ctx.org.userByLogin(idOrLogin);
  if (!user) throw notFound(`${idOrLogin} (User)`);
  return user;
}
