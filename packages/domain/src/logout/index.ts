/** @butterfly/domain/logout: the logout area's use-cases and types, for the apps, API and jobs. */
export { findLogoutTarget } from './find-logout-target.ts';
export { recordLogoutJti } from './record-logout-jti.ts';
export { backchannelLogout } from './backchannel-logout.ts';
export { universalLogout, ZUniversalLogoutSubject, type TUniversalLogoutSubject } from './universal-logout.ts';
export { frontchannelLogout } from './frontchannel-logout.ts';
