import type { ActionFunctionArgs } from '@remix-run/node';
import { oauthError } from '~/oauth/responses.server.ts';
import { revokeEndpoint } from '~/oauth/revoke.server.ts';

/** POST only (RFC 7009 2.1). */
export const loader = () => oauthError('invalid_request', 'use POST');
export const action = ({ request, context }: ActionFunctionArgs) => revokeEndpoint(request, context);
