/**
 * What a failed sign-in tells the person in front of it. Shared by the callback's loader (which picks
 * the problem) and its page. None of them says which domains or tenants exist.
 */
export const SIGN_IN_PROBLEMS = {
  cross_site: {
    status: 403,
    title: 'Sign-in must start on Butterfly',
    message:
      'Another website tried to start a sign-in for you, so Butterfly did not start it and nothing changed. If you meant to sign in, start from the sign-in page.',
  },
  not_configured: {
    status: 404,
    title: 'Single sign-on is not available for this address',
    message:
      "We can't sign you in with this email address. Check it for typos, or ask your Butterfly administrator which address to use.",
  },
  idp_unreachable: {
    status: 502,
    title: 'Your identity provider could not be reached',
    message:
      "Butterfly could not read your identity provider's configuration. Try again in a moment; if it keeps happening, tell your Butterfly administrator.",
  },
  expired: {
    status: 400,
    title: 'This sign-in has expired',
    message:
      'The sign-in was not started in this browser, or took longer than 10 minutes. Start again from the sign-in page.',
  },
  idp_refused: {
    status: 400,
    title: 'Your identity provider did not sign you in',
    message: 'The sign-in was cancelled or refused at your identity provider.',
  },
  not_verified: {
    status: 401,
    title: 'The sign-in could not be verified',
    message:
      'Butterfly could not verify the answer of your identity provider, so you were not signed in. This has been logged; tell your Butterfly administrator if it keeps happening.',
  },
  wrong_account: {
    status: 403,
    title: "This account can't sign in here",
    message:
      "The account you signed in with is not on one of this organisation's sign-in domains. Sign out of your identity provider and sign in with your work account.",
  },
  wrong_directory: {
    status: 403,
    title: "This account can't sign in here",
    message:
      'The account you signed in with belongs to another Microsoft Entra ID organisation than the one this Butterfly organisation uses. Sign out of Microsoft and sign in with your work account. This has been logged.',
  },
  personal_account: {
    status: 403,
    title: "A personal Google account can't sign in here",
    message:
      "You signed in with a personal Google account, not your organisation's Google Workspace account, even if its address is your work address. Switch to your work account at Google and sign in again. This has been logged.",
  },
  wrong_domain: {
    status: 403,
    title: "This account can't sign in here",
    message:
      'The Google account you signed in with belongs to another Google Workspace organisation than the one this Butterfly organisation uses. Switch to your work account at Google and sign in again. This has been logged.',
  },
  deactivated: {
    status: 403,
    title: 'Your Butterfly access has been deactivated',
    message:
      'Your organisation deactivated your Butterfly account, so you cannot sign in, even though your identity provider let you through. Ask your Butterfly administrator if you think this is a mistake.',
  },
} as const;

export type SignInProblem = keyof typeof SIGN_IN_PROBLEMS;
