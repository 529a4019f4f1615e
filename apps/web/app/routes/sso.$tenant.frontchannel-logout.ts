import type { LoaderFunctionArgs } from '@remix-run/node';
import { receiveFrontchannelLogout } from '~/logout/frontchannel.server.ts';

/** Entra's front-channel logout URL: a GET that only ever ends sessions (frontchannel.server.ts). */
export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  receiveFrontchannelLogout(request, context, params.tenant ?? '');
