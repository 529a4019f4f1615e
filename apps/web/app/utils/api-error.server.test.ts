import { createLogger } from '@butterfly/config';
import { appRouter, createCallerFactory, createContext } from '@butterfly/api';
import { createKeyring } from '@butterfly/domain';
import { describe, expect, it } from 'vitest';
import { apiProblem } from './api-error.server.ts';

const caller = createCallerFactory(appRouter)(
  createContext({ db: {} as never, log: createLogger('t', 'silent'), keyring: createKeyring(Buffer.alloc(32)), requestId: 'r', principal: null }),
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
