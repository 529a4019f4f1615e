import { isRouteErrorResponse } from '@remix-run/react';

export interface ErrorPage {
  status: number;
  title: string;
  /** What the user can read: a domain error's own message for 4xx, a generic line otherwise. */
  message: string;
  /** The stable domain error code (`NOT_FOUND`, `FORBIDDEN`, ...), when there is one. */
  code?: string;
}

const TITLES: Record<number, [title: string, message: string]> = {
  400: ['That request could not be handled', 'Something in the request was not valid. Nothing was changed.'],
  401: ['Sign-in required', 'You need to be signed in to see this page.'],
  403: ['Not allowed', 'Your role does not give you access to this.'],
  404: ['Page not found', 'There is nothing at this address. Check the link, or start again from the home page.'],
  409: ['That conflicts with the current state', 'Reload the page and try again.'],
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
 * by Remix in production, so they show only the generic text.
 */
export function describeError(error: unknown): ErrorPage {
  if (!isRouteErrorResponse(error)) return { status: 500, title: UNEXPECTED[0], message: UNEXPECTED[1] };
  const status = error.status;
  const [title, generic] = TITLES[status] ?? UNEXPECTED;
  const data = (typeof error.data === 'object' && error.data) || {};
  const code = 'code' in data && typeof data.code === 'string' && CODE.test(data.code) ? data.code : undefined;
  const own = 'message' in data && typeof data.message === 'string' && status < 500 ? data.message : undefined;
  return { status, title, message: own || generic, code };
}
