/** The demo orgs' sign-ins, printed in the banner and kept with the saved state. */
export interface TDemoUser {
  org: string;
  email: string;
  password: string;
}

export interface TDemo {
  users: TDemoUser[];
  /** `--users N` adds user1..userN@acme.test, all with this one password. */
  generated?: { org: string; count: number; password: string };
  /** The other admins of each org (omar.ortiz@…, ivan.ito@…), sharing one password per org. */
  staff: { org: string; logins: string[]; password: string }[];
}
