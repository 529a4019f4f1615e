import { useTestDatabase } from '@butterfly/db/testing';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../context.ts';
import { appRouter } from '../../root.ts';
import { createCallerFactory } from '../../trpc.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const createCaller = createCallerFactory(appRouter);

describe('sessions procedures', () => {
  it('mark the current session and end every other one', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'read_only');
    const start = () =>
      db
        .transaction()
        .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
    const [mine, other] = [await start(), await start()];
    const caller = createCaller(
      createContext({
        db,
        log: deps.log,
        keyring: deps.keyring,
        requestId: 'sessions-test',
        principal: {
          tenantId: t.id,
          memberId: m.id,
          email: m.email,
          role: 'read_only',
          via: 'session',
          sessionId: mine.id,
        },
      }),
    );
    const listed = await caller.sessions.list();
    expect(listed.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [mine.id, true],
        [other.id, false],
      ].sort(),
    );
    expect(await caller.sessions.endOthers()).toEqual({ ended: 1 });
    expect(await resolveSession(deps, other.raw)).toBeNull();
    expect(await resolveSession(deps, mine.raw)).not.toBeNull();
  });
});
