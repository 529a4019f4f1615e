import { describe, expect, it } from 'vitest';
import { describeError } from './error-page.ts';

/** What Remix hands the boundary for a thrown response (what `isRouteErrorResponse` recognises). */
class ErrorResponse {
  readonly internal = false;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly data: unknown,
  ) {}
}

describe('describeError', () => {
  it('shows a domain error with its status, message and stable code', () => {
    const page = describeError(
      new ErrorResponse(403, 'Forbidden', { code: 'FORBIDDEN', message: 'Only admins can do that.' }),
    );
    expect(page).toEqual({ status: 403, title: 'Not allowed', message: 'Only admins can do that.', code: 'FORBIDDEN' });
  });

  it('shows a friendly 404 without a code for an unknown page', () => {
    const page = describeError(new ErrorResponse(404, 'Not Found', 'No route matches URL "/nope"'));
    expect(page).toMatchObject({ status: 404, title: 'Page not found', code: undefined });
  });

  it('never shows the message of a server error', () => {
    const page = describeError(
      new ErrorResponse(500, '', { code: 'INTERNAL', message: 'pg: relation does not exist' }),
    );
    expect(page.message).not.toContain('pg:');
    expect(page.code).toBe('INTERNAL');
  });

  it('ignores a code that is not a stable identifier', () => {
    expect(describeError(new ErrorResponse(400, '', { code: '<script>' })).code).toBeUndefined();
  });

  it('treats a thrown Error as unexpected, without its message', () => {
    expect(describeError(new Error('secret detail'))).toMatchObject({ status: 500, title: 'Something went wrong' });
  });

  it('says the same about any 404, never naming the id that was not found', () => {
    const page = describeError(
      new ErrorResponse(404, '', {
        code: 'NOT_FOUND',
        message: 'No restore plan 0b9d6f1e-3c1a-4a8e-9a55-2f1e0c6d7a10',
      }),
    );
    expect(page).toMatchObject({ status: 404, title: 'Page not found' });
    expect(page.message).not.toMatch(/[0-9a-f]{8}-/);
  });

  it('replaces a message meant for developers (zod JSON, input paths) with plain words', () => {
    const zodJson = JSON.stringify([
      { code: 'too_small', path: ['objectTypes', 2], message: 'String must contain at least 1 character(s)' },
    ]);
    expect(describeError(new ErrorResponse(400, '', { code: 'BAD_REQUEST', message: zodJson })).message).toBe(
      'Something in the request was not valid. Nothing was changed.',
    );
    expect(
      describeError(new ErrorResponse(400, '', { code: 'VALIDATION', message: 'objectTypes.2: Unknown type' })).message,
    ).not.toContain('objectTypes');
  });
});
