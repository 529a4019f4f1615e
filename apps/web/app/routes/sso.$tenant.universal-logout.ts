import type { ActionFunctionArgs } from '@remix-run/node';
import { receiverJson } from '~/logout/receiver-context.server.ts';
import { receiveUniversalLogout } from '~/logout/universal.server.ts';

/** Receivers are POST only; a GET (a link) does nothing. */
export const loader = () => receiverJson(405, { error: 'method_not_allowed' });
export const action = ({ request, context, params }: ActionFunctionArgs) =>
  receiveUniversalLogout(request, context, params.tenant ?? '');
