import type { TUser } from './types.ts';

/** A new account's fields as Google fills them; `fields` override them. */
export function newUser(
  id: string,
  customerId: string,
  email: string,
  created: string,
  fields: Partial<TUser> = {},
): TUser {
  return {
    id,
    primaryEmail: email,
    name: { givenName: '', familyName: '', fullName: '' },
    isAdmin: false,
    isDelegatedAdmin: false,
    lastLoginTime: '1970-01-01T00:00:00.000Z',
    creationTime: created,
    agreedToTerms: false,
    suspended: false,
    archived: false,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: [{ address: email, primary: true }],
    customerId,
    orgUnitPath: '/',
    isMailboxSetup: false,
    isEnrolledIn2Sv: false,
    isEnforcedIn2Sv: false,
    includeInGlobalAddressList: true,
    ...fields,
  };
}
