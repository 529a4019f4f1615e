import { isRouteErrorResponse } from '@remix-run/react';
import { isHumanText } from './human-text.ts';

export interface ErrorPage {
  status: number;
  title: string;
  /** What the user can read: a domain error's own message for 4xx when it is fit to, a generic line otherwise. */
  message: string;
  /** The stable domain error code (`NOT_FOUND`, `FORBIDDEN`, ...), when there is one (logs and tests; not shown). */
  code?: string;
}

const TITLES: Record<number, [title: string, message: string]> = {
  400: ['That request could not be handled', 'Something in the request was not valid. Nothing was changed.'],
  401: ['Sign-in required', 'You need to be signed in to see this page.'],
  403: ['Not allowed', 'Your role does not give you access to this.'],
  404: [
    'Page not found',
    'There is nothing at this address: the link may be mistyped or out of date, or what it pointed to was deleted.',
  ],
  409: ['That conflicts with the current state', 'Reload the page and try again.'],
  413: ['That was too large', 'What was sent is larger than Butterfly accepts. Nothing was changed.'],
  429: ['Too many requests', 'Wait a moment and try again.'],
};
const UNEXPECTED: [string, string] = [
  'Something went wrong',
  'An unexpected error happened on our side. It has been logged; try again in a moment.',
];
const CODE = /^[A-Z][A-Z_]{1,63}$/;

/**
 * Turns whatever a route threw into what the one error boundary shows. Domain errors reach here as
 * responses (`routeError` in domain-error.server.ts) with `{ code, message }`; raw errors are masked
 * by Remix in production, so they show only the generic text. A 404 always reads the same (its
 * messages tend to name the id that was not found), and no message with ids, JSON or an input path
 * in it is shown.
 */
export function describeError(error: unknown): ErrorPage {
  if (!isRouteErrorResponse(error)) return { status: 500, title: UNEXPECTED[0], message: UNEXPECTED[1] };
  const status = error.status;
  const [title, generic] = TITLES[status] ?? (status < 500 ? TITLES[400]! : UNEXPECTED);
  const data = (typeof error.data === 'object' && error.data) || {};
  const code = 'code' in data && typeof data.code === 'string' && CODE.test(data.code) ? data.code : undefined;
  const own =
    'message' in data && typeof data.message === 'string' && status < 500 && status !== 404 && isHumanText(data.message)
      ? data.message
      : undefined;
  return { status, title, message: own || generic, code };
}
