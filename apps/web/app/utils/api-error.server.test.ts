import { createLogger } from '@butterfly/config';
import { appRouter, createCallerFactory, createContext } from '@butterfly/api';
import { createKeyring } from '@butterfly/domain/crypto';
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { apiProblem, apiRouteError } from './api-error.server.ts';

const caller = createCallerFactory(appRouter)(
  createContext({
    db: {} as never,
    log: createLogger('t', 'silent'),
    keyring: createKeyring(Buffer.alloc(32)),
    requestId: 'r',
    principal: null,
  }),
);

describe('apiProblem', () => {
  it("recognises the API package's errors (its own copy of @trpc/server)", async () => {
    const e = await caller.me.get().catch((err: unknown) => err);
    expect(apiProblem(e)).toEqual({ status: 401, code: 'UNAUTHORIZED', message: 'Sign in first' });
  });

  it('leaves other errors alone', () => {
    expect(apiProblem(new Error('boom'))).toBeUndefined();
  });
});

describe('apiRouteError', () => {
  it('turns an address the input schema refuses into a 404, without zod’s JSON', async () => {
    const zodError = z.object({ connectionId: z.string().uuid() }).safeParse({ connectionId: 'nope' }).error;
    const thrown = apiRouteError(
      new TRPCError({ code: 'BAD_REQUEST', message: JSON.stringify(zodError?.issues), cause: zodError }),
    ) as { init: { status: number }; data: unknown };
    expect(thrown.init.status).toBe(404);
    expect(JSON.stringify(thrown.data)).not.toContain('uuid');
  });

  it('keeps a domain 4xx as it is', async () => {
    const e = await caller.me.get().catch((err: unknown) => err);
    expect((apiRouteError(e) as { init: { status: number } }).init.status).toBe(401);
  });
});
