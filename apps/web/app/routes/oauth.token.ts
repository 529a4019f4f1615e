import type { ActionFunctionArgs } from '@remix-run/node';
import { tokenEndpoint } from '~/oauth/token.server.ts';
import { oauthError } from '~/oauth/responses.server.ts';

/** POST only (RFC 6749 3.2); CORS and the CSRF exemption are set up in server/app.ts. */
export const loader = () => oauthError('invalid_request', 'use POST');
export const action = ({ request, context }: ActionFunctionArgs) => tokenEndpoint(request, context);
