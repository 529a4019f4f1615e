/** A stored resource as the API shows it, minus `kind` and `etag` (added when it is answered). */
export type TObj = Record<string, unknown>;

export interface TUser extends TObj {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  isAdmin: boolean;
  isDelegatedAdmin: boolean;
  suspended: boolean;
  archived: boolean;
  isEnrolledIn2Sv: boolean;
  isEnforcedIn2Sv: boolean;
  orgUnitPath: string;
  customerId: string;
  creationTime: string;
  aliases?: string[];
}

/** A service account of a GCP project (not of a customer): what signs JWT-bearer assertions. */
export interface TServiceAccount {
  email: string;
  /** The OAuth client id (21 digits) a customer's admin grants domain-wide delegation to. */
  clientId: string;
  projectId: string;
  privateKeyId: string;
  /** PKCS#8 PEM; the simulator hands it out as the key file (a local-only demo secret). */
  privateKeyPem: string;
}

/** An OAuth web client (Butterfly's sign-in): one for all customers, as Google's "External" app. */
export interface TOAuthClient {
  clientId: string;
  secret: string;
  redirectUris: string[];
}

/** A consumer Google account: no Workspace customer, so no `hd` in its ID token. */
export interface TConsumer {
  sub: string;
  email: string;
  emailVerified: boolean;
  givenName: string;
  familyName: string;
}

export interface TCustomer {
  id: string;
  customerDomain: string;
  record: TObj;
  domains: TObj[];
  domainAliases: TObj[];
  users: Map<string, TUser>;
  groups: Map<string, TObj>;
  /** Group id → member id → member. */
  members: Map<string, Map<string, TObj>>;
  /** Group id → Groups Settings resource. */
  groupSettings: Map<string, TObj>;
  /** Org unit id (`id:…`) → org unit. */
  orgUnits: Map<string, TObj>;
  roles: Map<string, TObj>;
  roleAssignments: Map<string, TObj>;
  /** Policy name (`policies/…`) → policy. */
  policies: Map<string, TObj>;
  samlProfiles: Map<string, TObj>;
  ssoAssignments: Map<string, TObj>;
  /** Domain-wide delegation: service-account client id → scopes granted. */
  delegations: Record<string, string[]>;
  /** Service accounts holding the Groups Reader admin role themselves (Groups Settings without a subject). */
  groupsReaders: string[];
  /** Admin audit log, newest last. */
  activities: TObj[];
}
