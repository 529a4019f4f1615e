import { oktaId } from '../../model/ids.ts';
import { hashPassword } from '../../orgs/passwords.ts';
import type { Json, SimUser } from '../../model/types.ts';
import { merge } from '../../okta/merge.ts';
import { iso } from '../../okta/time.ts';
import { userJson } from '../../okta/users.ts';
import { applyRules } from '../../store/group-rules.ts';
import { addMember, forgetUser, groupsOf, onUserCreated } from '../../store/memberships.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { alreadyExists, validation } from '../../okta/errors.ts';
import { compileFilter, type TGetter } from '../filter.ts';
import { allOf, pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { groupJson } from './groups.ts';
import { setUserStatus } from './user-lifecycle.ts';
import { findUser, userTarget } from './user-refs.ts';

const TIMES = new Set(['created', 'activated', 'statusChanged', 'lastLogin', 'lastUpdated', 'passwordChanged']);
/** Filters read the compact record: times as ISO strings (they compare as such), `type.id` as typeId. */
const userGetter: TGetter = (row, path) => {
  const u = row as SimUser;
  if (TIMES.has(path)) {
    const t = u[path as keyof SimUser] as number | null;
    return t === null ? null : iso(t);
  }
  if (path === 'type.id') return u.typeId;
  if (path.startsWith('profile.')) return u.profile[path.slice(8)];
  return (u as unknown as Json)[path];
};

function listUsers(ctx: Ctx): Reply {
  const expression = ctx.query.get('search') ?? ctx.query.get('filter');
  const q = ctx.query.get('q')?.toLowerCase();
  const keep = expression
    ? compileFilter(expression, userGetter)
    : (u: unknown) => {
        const user = u as SimUser;
        if (user.status === 'DEPROVISIONED') return false;
        const p = user.profile;
        return !q || [p.firstName, p.lastName, p.email].some((v) => v.toLowerCase().startsWith(q));
      };
  const limits = q && !expression ? { default: 10, max: 200 } : { default: 200, max: 200 };
  return pageOf(ctx, ctx.org.data.users, limits, (u) => userJson(u, ctx.base), keep as (u: SimUser) => boolean);
}

function checkProfile(profile: Json | undefined, partial: boolean) {
  const missing = ['login', 'email', 'firstName', 'lastName'].filter((f) => !partial && !profile?.[f]);
  if (missing.length)
    throw validation(missing.join(', '), ...missing.map((f) => `${f}: The field cannot be left blank`));
  if (profile?.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(String(profile.email)))
    throw validation('email', 'email: Does not match required pattern');
}

async function createUser(ctx: Ctx): Promise<Reply> {
  const { profile, credentials, type, groupIds } = ctx.body;
  checkProfile(profile, false);
  const data = ctx.org.data;
  const typeId = type?.id ?? ctx.org.refs.userType;
  if (!data.table('userTypes').has(typeId)) throw validation('type', 'type.id: Unknown user type');
  const password: string | undefined = credentials?.password?.value;
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  if (ctx.org.userByLogin(profile.login)) throw alreadyExists('login');
  const activate = ctx.query.get('activate') !== 'false';
  const status = activate ? (passwordHash ? 'ACTIVE' : 'PROVISIONED') : 'STAGED';
  const now = ctx.now;
  const user: SimUser = data.addUser({
    id: oktaId(ctx.org.ids, '00u'),
    status,
    typeId,
    created: now,
    activated: activate ? now : null,
    statusChanged: activate ? now : null,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: passwordHash ? now : null,
    profile: { ...profile },
    ...(passwordHash ? { passwordHash } : {}),
  });
  audit(ctx, 'user.lifecycle.create', userTarget(user));
  if (activate) audit(ctx, 'user.lifecycle.activate', userTarget(user));
  onUserCreated(data, user.id, ctx.org.refs.everyone, now);
  for (const groupId of groupIds ?? []) if (data.table('groups').has(groupId)) addMember(data, groupId, user.id, now);
  applyRules(data, now, [user.id]);
  return ok(userJson(user, ctx.base));
}

/** `POST /users/{id}` merges the profile; `PUT` replaces it (and must carry every required field). */
function updateUser(partial: boolean) {
  return async (ctx: Ctx): Promise<Reply> => {
    const user = findUser(ctx, ctx.params.id!);
    // Okta keeps a DEPROVISIONED user's profile as it is (unless the org turned on "Edit Deactivated
    // User Profile Updates", which the simulator does not model): the update answers, unchanged.
    if (user.status === 'DEPROVISIONED') return ok(userJson(user, ctx.base));
    const profile = ctx.body.profile;
    checkProfile(profile, partial);
    const next = partial ? merge(user.profile, profile ?? {}) : { ...profile };
    const data = ctx.org.data;
    if (next.login.toLowerCase() !== user.profile.login.toLowerCase()) {
      if (ctx.org.userByLogin(next.login)) throw alreadyExists('login');
      data.logins.delete(user.profile.login.toLowerCase());
      data.logins.set(next.login.toLowerCase(), user.id);
    }
    const password = ctx.body.credentials?.password?.value;
    if (password !== undefined)
      Object.assign(user, { passwordHash: await hashPassword(password), passwordChanged: ctx.now });
    Object.assign(user, { profile: next as SimUser['profile'], lastUpdated: ctx.now });
    audit(ctx, 'user.account.update_profile', userTarget(user));
    applyRules(data, ctx.now, [user.id]);
    return ok(userJson(user, ctx.base));
  };
}

/** Okta deletes in two steps: the first DELETE deactivates, the second (on DEPROVISIONED) deletes. */
function deleteUser(ctx: Ctx): Reply {
  const user = findUser(ctx, ctx.params.id!);
  if (user.status !== 'DEPROVISIONED') {
    setUserStatus(ctx, user, 'DEPROVISIONED', 'user.lifecycle.deactivate');
    return noContent();
  }
  const data = ctx.org.data;
  forgetUser(data, user.id, ctx.now);
  data.users.delete(user.id);
  data.logins.delete(user.profile.login.toLowerCase());
  audit(ctx, 'user.lifecycle.delete.initiated', userTarget(user));
  return noContent();
}

function userGroups(ctx: Ctx): Reply {
  const user = findUser(ctx, ctx.params.id!);
  const groups = ctx.org.data.table('groups');
  const ids = groupsOf(ctx.org.data, user.id, ctx.org.refs.everyone);
  return allOf(
    ctx,
    ids
      .map((id) => groups.get(id))
      .filter(Boolean)
      .map((g) => groupJson(g!, ctx.base)),
  );
}

export const userRoutes: Route[] = [
  route('GET', '/api/v1/users', 'users', listUsers),
  route('POST', '/api/v1/users', 'users', createUser),
  route('GET', '/api/v1/users/{id}', 'users', (ctx) => ok(userJson(findUser(ctx, ctx.params.id!), ctx.base))),
  route('POST', '/api/v1/users/{id}', 'users', updateUser(true)),
  route('PUT', '/api/v1/users/{id}', 'users', updateUser(false)),
  route('DELETE', '/api/v1/users/{id}', 'users', deleteUser),
  route('GET', '/api/v1/users/{id}/groups', 'users', userGroups),
];
