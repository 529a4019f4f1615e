import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { stepError } from './upstream-error.fns.ts';

/** Okta's error answers, as the connector hands them on (status, errorCode, errorSummary, errorCauses). */
const okta = (status: number, errorCode: string, errorSummary: string, errorCauses: string[] = []) =>
  Object.assign(new Error(`Okta answered ${status} ${errorCode}: ${errorSummary}`), {
    status,
    errorCode,
    errorSummary,
    errorCauses,
  });

describe('upstream errors of a restore step', () => {
  it('maps Okta error codes to ours, naming the step, the summary and the causes', () => {
    const e = stepError(
      okta(400, 'E0000001', 'Api validation failed: name', [
        'name: An object with this field already exists in the current organization',
      ]),
      'group Legal',
    );
    expect(e).toMatchObject({
      code: 'VALIDATION',
      message:
        'group Legal: the identity provider refused it: Api validation failed: name (name: An object with this field already exists in the current organization); fix it in the org or preview again, then apply to resume',
    });
    expect(stepError(okta(404, 'E0000007', 'Not found: Resource not found: 00g1 (UserGroup)'), 'group X').code).toBe(
      'NOT_FOUND',
    );
    expect(
      stepError(okta(403, 'E0000006', 'You do not have permission to perform the requested action'), 'app Y').code,
    ).toBe('FORBIDDEN');
    expect(stepError(okta(429, 'E0000047', 'API call exceeded rate limit'), 'user Z').code).toBe('RATE_LIMITED');
    expect(stepError(okta(500, 'E0000009', 'Internal Server Error'), 'policy P')).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('apply again to resume'),
    });
  });

  it('names a missing scope, and never passes a raw error on', () => {
    expect(
      stepError(
        Object.assign(new Error('Missing scope okta.apps.manage (Okta answered 403: …)'), {
          scope: 'okta.apps.manage',
          status: 403,
        }),
        'app Y',
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'app Y: the write credential is not granted okta.apps.manage; grant it, then apply again',
    });
    const raw = stepError(new TypeError('fetch failed'), 'group X');
    expect(raw).toBeInstanceOf(DomainError);
    expect(raw.message).not.toContain('fetch failed');
    const kept = new DomainError('CONFLICT', 'as it was');
    expect(stepError(kept, 'x')).toBe(kept);
  });
});
