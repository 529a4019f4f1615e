import type { OrgRegistry } from './registry.ts';
import { seedOrgContent } from '../seed/demo/index.ts';
import { demoPassword, type IdSource } from '../model/ids.ts';
import { hashPassword } from '../orgs/passwords.ts';
import type { TDemo } from '../model/demo.ts';

export type { TDemo, TDemoUser } from '../model/demo.ts';

/** "Org creation" time of seeded orgs: fixed, so the same seed yields byte-identical JSON. */
export const SEED_EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * The demo orgs of `--seed`: `acme` (Ann, plus `count` generated users) and `globex` (Bob), a second
 * org so that cross-org mistakes show. Both get the same realistic configuration (seed/demo).
 * Created one at a time, in a fixed order, so ids and passwords drawn from the seeded IdSource are
 * the same on every start.
 */
export async function seedDemoOrgs(registry: OrgRegistry, ids: IdSource, count: number): Promise<TDemo> {
  const demo: TDemo = { users: [], staff: [] };
  const orgs = [
    {
      name: 'acme',
      company: 'Acme Corporation',
      lead: { first: 'Ann', last: 'Archer', login: 'ann@acme.test' },
      generated: count,
    },
    {
      name: 'globex',
      company: 'Globex Corporation',
      lead: { first: 'Bob', last: 'Baxter', login: 'bob@globex.test' },
      generated: 0,
    },
  ];
  for (const spec of orgs) {
    const { org } = await registry.create(spec.name, SEED_EPOCH, spec.company);
    const leadPassword = demoPassword(ids, spec.lead.login);
    const staffPassword = demoPassword(ids, `staff@${spec.name}.test`);
    const generatedPassword = demoPassword(ids, `generated@${spec.name}.test`);
    const [lead, staff, generated] = await Promise.all(
      [leadPassword, staffPassword, generatedPassword].map(hashPassword),
    );
    const logins = seedOrgContent(org, {
      company: spec.company,
      lead: spec.lead,
      generated: spec.generated,
      hashes: { lead: lead!, staff: staff!, generated: generated! },
      ms: SEED_EPOCH,
    });
    demo.users.push({ org: spec.name, email: spec.lead.login, password: leadPassword });
    demo.staff.push({ org: spec.name, logins, password: staffPassword });
    if (spec.generated > 0) demo.generated = { org: spec.name, count: spec.generated, password: generatedPassword };
  }
  return demo;
}
