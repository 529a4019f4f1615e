import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { endIdpSession } from './end-idp-session.ts';

/**
 * Microsoft Entra ID front-channel logout: the person signed out of Entra, whose browser loads our
 * logout URL with the Entra session's `sid`. The request is unauthenticated (a GET in an iframe
 * carries no token and, cross-site, no SameSite=Lax cookie), so it can only end the sessions started
 * from that one Entra session, exactly what a back-channel logout with `sid` ends, and nothing
 * broader (decision 056). An unknown sid ends nothing: the logged-out state is already reached.
 */
export async function frontchannelLogout(deps: Deps, tenantId: string, input: { sid: string }) {
  const sid = input.sid.slice(0, 255);
  return inTransaction(deps.db, async (trx) => ({
    sessionsEnded: await endIdpSession({ ...deps, db: trx }, tenantId, {
      sid,
      action: 'sso.frontchannel_logout',
      auditNothing: false,
    }),
  }));
}
