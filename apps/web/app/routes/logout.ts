import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { signOut } from '~/auth/sign-out.server.ts';

/** POST only: a GET (a link, an image tag on another site) must never sign anyone out. */
export const loader = () => redirect('/');

export const action = ({ request, context }: ActionFunctionArgs) => signOut(request, context);
