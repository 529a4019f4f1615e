import { randomBytes } from 'node:crypto';
import type { SimUser, TOktaUserStatus } from '../../model/types.ts';
import { userJson } from '../../okta/users.ts';
import { type Ctx, ok, type Reply } from '../context.ts';
import { OktaError, validation } from '../../okta/errors.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { findUser, userTarget } from './user-refs.ts';

export function setUserStatus(ctx: Ctx, user: SimUser, status: TOktaUserStatus, eventType: string): void {
  if (user.status !== status) {
    Object.assign(user, { status, statusChanged: ctx.now, lastUpdated: ctx.now });
    if (status === 'ACTIVE' && user.activated === null) user.activated = ctx.now;
  }
  audit(ctx, eventType, userTarget(user));
}

interface TOperation {
  path: string;
  from: TOktaUserStatus[];
  to: (user: SimUser) => TOktaUserStatus;
  event: string;
  /** What the operation answers: an activation link, the user, or an empty object. */
  answer: 'activation' | 'user' | 'empty' | 'reset';
}

const ANY_BUT_DEPROVISIONED: TOktaUserStatus[] = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'SUSPENDED',
];

/** `/api/v1/users/{id}/lifecycle/*`: the transitions Okta allows, and what each answers. */
const OPERATIONS: TOperation[] = [
  {
    path: 'activate',
    from: ['STAGED', 'DEPROVISIONED'],
    to: (u) => (u.passwordHash ? 'ACTIVE' : 'PROVISIONED'),
    event: 'user.lifecycle.activate',
    answer: 'activation',
  },
  {
    path: 'reactivate',
    from: ['PROVISIONED'],
    to: () => 'PROVISIONED',
    event: 'user.lifecycle.reactivate',
    answer: 'activation',
  },
  {
    path: 'deactivate',
    from: ANY_BUT_DEPROVISIONED,
    to: () => 'DEPROVISIONED',
    event: 'user.lifecycle.deactivate',
    answer: 'empty',
  },
  { path: 'suspend', from: ['ACTIVE'], to: () => 'SUSPENDED', event: 'user.lifecycle.suspend', answer: 'empty' },
  { path: 'unsuspend', from: ['SUSPENDED'], to: () => 'ACTIVE', event: 'user.lifecycle.unsuspend', answer: 'empty' },
  { path: 'unlock', from: ['LOCKED_OUT'], to: () => 'ACTIVE', event: 'user.account.unlock', answer: 'empty' },
  {
    path: 'expire_password',
    from: ['ACTIVE'],
    to: () => 'PASSWORD_EXPIRED',
    event: 'user.password.expire',
    answer: 'user',
  },
  {
    path: 'reset_password',
    from: ['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY'],
    to: () => 'RECOVERY',
    event: 'user.account.reset_password',
    answer: 'reset',
  },
];

function operate(op: TOperation) {
  return (ctx: Ctx): Reply => {
    const user = findUser(ctx, ctx.params.id!);
    if (!op.from.includes(user.status)) {
      if (op.path === 'activate' && user.status === 'ACTIVE') {
        throw new OktaError(403, 'E0000016', 'Activation failed because the user is already active');
      }
      throw validation('status', `status: Cannot ${op.path.replace('_', ' ')} a user whose status is ${user.status}`);
    }
    setUserStatus(ctx, user, op.to(user), op.event);
    const token = randomBytes(15).toString('base64url');
    const quiet = ctx.query.get('sendEmail') === 'false';
    switch (op.answer) {
      case 'user':
        return ok(userJson(user, ctx.base));
      case 'activation':
        return ok(quiet ? { activationUrl: `${ctx.base}/welcome/${token}`, activationToken: token } : {});
      case 'reset':
        return ok(quiet ? { resetPasswordUrl: `${ctx.base}/signin/reset-password/${token}` } : {});
      default:
        return ok({});
    }
  };
}

export const userLifecycleRoutes: Route[] = OPERATIONS.map((op) =>
  route('POST', `/api/v1/users/{id}/lifecycle/${op.path}`, 'users', operate(op)),
);
