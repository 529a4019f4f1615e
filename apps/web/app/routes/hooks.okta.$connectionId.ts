import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { receiveOktaEventHook, verifyOktaEventHook } from '~/hooks/okta-event-hook.server.ts';

/** Okta event hooks of a connection (decision 048): the one-time verification (GET) and deliveries (POST). */
export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  verifyOktaEventHook(request, context, params.connectionId ?? '');
export const action = ({ request, context, params }: ActionFunctionArgs) =>
  receiveOktaEventHook(request, context, params.connectionId ?? '');
