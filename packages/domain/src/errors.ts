/**
 * The one error type of the domain. `code` is stable and documented here; apps map it to a tRPC code,
 * an HTTP status or a SCIM error exactly once, from this table. Never match on `message`.
 */
export const errorCodes = {
  VALIDATION: { status: 400, description: 'The input is malformed or breaks a rule; nothing was changed.' },
  UNAUTHENTICATED: { status: 401, description: 'No valid credential was presented.' },
  FORBIDDEN: {
    status: 403,
    description: "The actor's role does not grant the permission; the denial is audit-logged.",
  },
  MEMBER_INACTIVE: { status: 403, description: 'The member is deactivated; sign-in and every credential are refused.' },
  SSO_WRONG_DIRECTORY: {
    status: 403,
    description:
      'A Microsoft Entra ID token names another directory than the one configured for the tenant (its `tid` or `iss`); the sign-in is refused and audit-logged (decision 056).',
  },
  SSO_HD_MISSING: {
    status: 403,
    description:
      'A Google ID token carries no `hd` (hosted domain) claim: a consumer Google account, which anyone can make with a work address, not an account of a Google Workspace organisation; the sign-in is refused and audit-logged (decision 063).',
  },
  SSO_WRONG_DOMAIN: {
    status: 403,
    description:
      "A Google ID token's `hd` (hosted domain) claim is not one of the tenant's verified domains: an account of another Google Workspace organisation; the sign-in is refused and audit-logged (decision 063).",
  },
  NOT_FOUND: {
    status: 404,
    description: 'No such object in this tenant (also the answer for objects of other tenants).',
  },
  TENANT_EXISTS: { status: 409, description: 'A tenant with this slug already exists.' },
  DOMAIN_TAKEN: {
    status: 409,
    description:
      'The domain is verified by another tenant (a verified domain belongs to at most one); the other tenant is never named.',
  },
  MEMBER_EXISTS: { status: 409, description: 'A member with this userName or email already exists in the tenant.' },
  LAST_SUPER_ADMIN: { status: 409, description: 'The last active super_admin cannot be demoted or deactivated.' },
  ROLE_MANAGED_BY_SCIM: { status: 409, description: "The member's role is managed by the identity provider (SCIM)." },
  NAME_TAKEN: {
    status: 409,
    description:
      'Another object of the same kind in the tenant already has this name (field `name`); nothing was changed.',
  },
  CONFLICT: { status: 409, description: 'The change conflicts with the current state.' },
  DIRECTORY_SYNC_UNSUPPORTED: {
    status: 409,
    description:
      'Directory sync reads a Google Workspace directory (decision 064); Okta and Microsoft Entra ID connections push members with SCIM instead. Nothing was changed.',
  },
  LOCKOUT_RISK_NOT_ACKNOWLEDGED: {
    status: 409,
    description:
      'The restore plan changes what admins sign in with (global session policy, enrollment policy, Admin Console sign-in policy, or a zone they use): applying it needs an explicit acknowledgement; nothing was queued.',
  },
  CONFIRMATION_MISMATCH: {
    status: 409,
    description:
      "Applying a restore or deleting a connection needs the connection's name typed as confirmation, and what was typed does not match it: nothing was changed.",
  },
  SERVICE_ACCOUNT_KEY_INVALID: {
    status: 400,
    description:
      "A Google service account's key file is not usable (field `serviceAccountKey` holds why: NOT_JSON, NOT_SERVICE_ACCOUNT, MISSING_FIELDS, BAD_PRIVATE_KEY, TOO_LARGE); nothing was changed.",
  },
  CONNECTION_PAUSED: {
    status: 409,
    description: 'The connection is paused: it is not backed up (not on schedule, not on demand) until it is resumed.',
  },
  CONNECTION_DELETED: {
    status: 409,
    description:
      'The connection was deleted with its snapshots kept: they stay readable, but it cannot be changed, tested or backed up.',
  },
  SELF_APPROVAL: {
    status: 403,
    description:
      'A compliance exception is approved by a different member than the one who asked for it; nothing was changed.',
  },
  EXCEPTION_EXPIRED: {
    status: 409,
    description: 'The compliance exception has passed its expiry: it can no longer be approved; ask for a new one.',
  },
  BODY_MISSING: {
    status: 500,
    description:
      'A snapshot body the index names is not in the configured body store (deleted or moved outside Butterfly, or the store is configured differently from the process that wrote it); nothing was changed. See docs/guide/storage.md.',
  },
  BODY_STORE_FAILED: {
    status: 503,
    description:
      'The body store (filesystem or S3-compatible) could not be read or written; retry later. Details are in the server log.',
  },
  RATE_LIMITED: { status: 429, description: 'Too many requests; retry later.' },
  INTERNAL: { status: 500, description: 'An unexpected error; details are in the server log.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCodes;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Field-level details for VALIDATION errors (field path → message). */
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { fields?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'DomainError';
    this.code = code;
    this.fields = opts.fields;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
