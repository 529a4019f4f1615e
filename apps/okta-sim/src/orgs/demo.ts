import type { ControlApi } from '../control/api.ts';
import { demoPassword, type IdSource } from './ids.ts';

export interface TDemoUser {
  org: string;
  email: string;
  password: string;
}

export interface TDemo {
  users: TDemoUser[];
  /** `--users N` adds user1..userN@acme.test, all with this one password. */
  generated?: { org: string; count: number; password: string };
}

/**
 * The demo orgs of `--seed`: `acme` (Ann, plus `count` generated users) and `globex` (Bob), a second
 * org so that cross-org mistakes show. Created one at a time, in a fixed order, so ids and passwords
 * drawn from the seeded IdSource are the same on every start.
 */
export async function seedDemoOrgs(api: ControlApi, ids: IdSource, count: number): Promise<TDemo> {
  const users: TDemoUser[] = [];
  const add = async (org: string, email: string, givenName: string, familyName: string, password: string) => {
    await api.addUser(org, { email, password, givenName, familyName });
    return { org, email, password };
  };

  await api.createOrg({ name: 'acme' });
  users.push(await add('acme', 'ann@acme.test', 'Ann', 'Archer', demoPassword(ids, 'ann@acme.test')));
  let generated: TDemo['generated'];
  if (count > 0) {
    generated = { org: 'acme', count, password: demoPassword(ids, 'generated@acme.test') };
    for (let i = 1; i <= count; i++) await add('acme', `user${i}@acme.test`, 'User', String(i), generated.password);
  }

  await api.createOrg({ name: 'globex' });
  users.push(await add('globex', 'bob@globex.test', 'Bob', 'Baxter', demoPassword(ids, 'bob@globex.test')));
  return { users, generated };
}
