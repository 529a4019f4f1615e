import { createOktaSim } from '../sim.ts';

export const PASSWORD = 'correct horse battery staple';
export const REDIRECT_URI = 'http://localhost:3000/sso/acme/callback';
export const POST_LOGOUT_URI = 'http://localhost:3000/signed-out';

/** A simulator on a free port with org `acme`, user Ann and one registered client. */
export async function startAcme() {
  const sim = await createOktaSim();
  const org = await sim.orgs.createOrg({ name: 'acme' });
  const ann = await sim.orgs.addUser('acme', {
    email: 'ann@acme.test',
    password: PASSWORD,
    givenName: 'Ann',
    familyName: 'Archer',
  });
  const client = sim.orgs.addClient('acme', {
    redirect_uris: [REDIRECT_URI],
    post_logout_redirect_uris: [POST_LOGOUT_URI],
  });
  return { sim, org, ann, client };
}
