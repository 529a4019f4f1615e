import type { SessionPrincipal } from '@butterfly/domain/sessions';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { api } from '~/api.server.ts';
import { requireMember } from '~/auth/session.server.ts';
import { actionProblem } from './action-problem.server.ts';
import { apiRouteError } from './api-error.server.ts';
import { formText } from './form-text.ts';

/** The server-side tRPC caller of the request: the procedure ladder checks tenant and permission. */
export type RouteCaller = Awaited<ReturnType<typeof api>>;

export type AuthedLoaderArgs = LoaderFunctionArgs & {
  /** The signed-in member (session cookie, checked against Postgres on this request). */
  member: SessionPrincipal;
  caller: RouteCaller;
};

export type AuthedActionArgs = ActionFunctionArgs & {
  member: SessionPrincipal;
  caller: RouteCaller;
  form: FormData;
  /** The submitted `intent` field, trimmed ('' when absent): which of the page's forms was sent. */
  intent: string;
};

/**
 * The one preamble of a dashboard page's loader: no session → /login; then the page's work through
 * the tRPC caller, whose procedures check the tenant and the permission (and audit a denial), so a
 * page can never do more than the API lets its member do; an API error goes to the root error
 * boundary with its status (`apiRouteError`). Permissions are not checked here a second time: the
 * procedure is the one place they are enforced. A page reads `caller.me.get()` for what it *shows*.
 */
export function authedLoader<T>(fn: (args: AuthedLoaderArgs) => Promise<T>) {
  return async (args: LoaderFunctionArgs): Promise<T> => {
    const member = await requireMember(args.request, args.context);
    try {
      const caller = await api(args.request, args.context);
      return await fn({ ...args, member, caller });
    } catch (e) {
      throw apiRouteError(e);
    }
  };
}

interface ActionOptions<K extends string> {
  /** Form fields sent back with a refusal, so the page shows it beside the right form (e.g. connectionId). */
  echo?: readonly K[];
  /** The `intent` sent back with a refusal, for pages with one unnamed form (default: the submitted one). */
  intent?: string;
  /** `page`: every error goes to the error boundary, for actions without a form to show it in. */
  errors?: 'form' | 'page';
}

/**
 * The same for an action, which also reads the form: a 4xx refusal comes back to the form as a
 * message and field errors with the `intent` (and the `echo` fields) it answers (`actionProblem`);
 * anything else goes to the error boundary. A redirect thrown or returned by `fn` passes through.
 */
export function authedAction<T>(
  fn: (args: AuthedActionArgs) => Promise<T>,
  opts: { errors: 'page' },
): (args: ActionFunctionArgs) => Promise<T>;
export function authedAction<T, K extends string = never>(
  fn: (args: AuthedActionArgs) => Promise<T>,
  opts?: ActionOptions<K>,
): (args: ActionFunctionArgs) => Promise<T | ReturnType<typeof actionProblem<Record<K, string> & { intent: string }>>>;
export function authedAction<T, K extends string = never>(
  fn: (args: AuthedActionArgs) => Promise<T>,
  opts: ActionOptions<K> = {},
) {
  return async (args: ActionFunctionArgs) => {
    const member = await requireMember(args.request, args.context);
    const form = await args.request.formData();
    const intent = formText(form, 'intent');
    try {
      const caller = await api(args.request, args.context);
      return await fn({ ...args, member, caller, form, intent });
    } catch (e) {
      if (opts.errors === 'page') throw apiRouteError(e);
      const echoed = Object.fromEntries((opts.echo ?? []).map((k) => [k, formText(form, k)])) as Record<K, string>;
      return actionProblem(e, { ...echoed, intent: opts.intent ?? intent });
    }
  };
}
