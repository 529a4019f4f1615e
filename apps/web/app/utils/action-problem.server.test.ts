import { DomainError } from '@butterfly/domain/core';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionProblem } from './action-problem.server.ts';

/** What Remix's `data()` wraps: the body and the response init. */
const unwrap = (r: unknown) => r as { data: unknown; init: { status: number } | null };

describe('actionProblem', () => {
  it('gives a form the fields and a readable message of an input-schema failure', () => {
    const zodError = z.object({ url: z.url() }).safeParse({ url: 'nope' }).error!;
    const r = unwrap(
      actionProblem(new TRPCError({ code: 'BAD_REQUEST', message: zodError.message, cause: zodError }), {
        intent: 'create',
      }),
    );
    expect(r.init?.status).toBe(400);
    expect(r.data).toMatchObject({
      intent: 'create',
      fields: { url: expect.any(String) },
      error: expect.stringMatching(/^URL: /),
    });
  });

  it('keeps a domain error message and its fields', () => {
    const cause = new DomainError('VALIDATION', 'url: must use https', { fields: { url: 'must use https' } });
    const r = unwrap(actionProblem(new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause }), {}));
    expect(r.data).toMatchObject({ error: 'URL: must use https', fields: { url: 'must use https' } });
  });

  it('sends 5xx and unknown errors to the error boundary', () => {
    expect(() => actionProblem(new Error('boom'), {})).toThrow();
  });

  it('names fields by their labels and never shows a list index, a regular expression or JSON', () => {
    const zodError = z
      .object({ objectTypes: z.array(z.string().regex(/^[a-z_.]+$/)) })
      .safeParse({ objectTypes: ['user', 'group', 'Bad Type!'] }).error!;
    const r = unwrap(
      actionProblem(new TRPCError({ code: 'BAD_REQUEST', message: zodError.message, cause: zodError }), {}),
    );
    const body = r.data as { error: string; fields: Record<string, string> };
    expect(body.fields['objectTypes.2']).toBe('This value is not valid.');
    expect(body.error).toBe('Object types: This value is not valid.');
    expect(body.error).not.toMatch(/objectTypes|\^|\[\{/);
  });
});
