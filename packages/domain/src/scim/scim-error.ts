import { DomainError, type ErrorCode } from '../errors.ts';

/** RFC 7644 §3.12 scimType values this server uses. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidPath'
  | 'invalidValue'
  | 'invalidSyntax'
  | 'mutability'
  | 'noTarget'
  | 'uniqueness'
  | 'tooMany';

/**
 * A DomainError that also says which SCIM error type applies, so the SCIM app can fill `scimType`
 * without matching on messages. Other apps see it as the DomainError it is (VALIDATION, ...).
 */
export class ScimError extends DomainError {
  readonly scimType: ScimType;
  constructor(code: ErrorCode, scimType: ScimType, message: string) {
    super(code, message);
    this.name = 'ScimError';
    this.scimType = scimType;
  }
}

export const scimInvalid = (scimType: ScimType, message: string) => new ScimError('VALIDATION', scimType, message);
