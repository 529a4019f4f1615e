import type { OrgRegistry } from './registry.ts';
import { seedOrgContent } from '../seed/demo/index.ts';
import { demoPassword } from '../model/ids.ts';
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
export async function seedDemoOrgs(registry: OrgRegistry, count: number): Promise<TDemo> {
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
    const seeded = await seedOrg(registry, { ...spec, createdAt: SEED_EPOCH });
    demo.users.push({ org: spec.name, email: spec.lead.login, password: seeded.leadPassword });
    demo.staff.push({ org: spec.name, logins: seeded.staffLogins, password: seeded.staffPassword });
    if (spec.generated > 0)
      demo.generated = { org: spec.name, count: spec.generated, password: seeded.generatedPassword };
  }
  return demo;
}

export interface TOrgSpec {
  name: string;
  company: string;
  lead: { first: string; last: string; login: string };
  /** Generated users (user1..userN@<org>.test) beside the staff every seeded org has. */
  generated: number;
  /** "Org creation" time; the registry's clock when omitted. */
  createdAt?: number;
}

/**
 * One org with the demo's realistic content (seed/demo: staff, groups and their rules, apps,
 * policies, zones, administration) and `generated` users: what `--seed` gives acme and globex, and
 * what `POST /_sim/orgs {name, users}` gives any org (many small orgs for `pnpm bench:fleet`).
 */
export async function seedOrg(registry: OrgRegistry, spec: TOrgSpec) {
  const { org } = await registry.create(spec.name, spec.createdAt, spec.company);
  const { ids } = org;
  const leadPassword = demoPassword(ids, spec.lead.login);
  const staffPassword = demoPassword(ids, `staff@${spec.name}.test`);
  const generatedPassword = demoPassword(ids, `generated@${spec.name}.test`);
  const [lead, staff, generated] = await Promise.all(
    [leadPassword, staffPassword, generatedPassword].map(hashPassword),
  );
  const staffLogins = seedOrgContent(org, {
    company: spec.company,
    lead: spec.lead,
    generated: spec.generated,
    hashes: { lead: lead!, staff: staff!, generated: generated! },
    ms: spec.createdAt ?? org.now(),
  });
  return { leadPassword, staffPassword, generatedPassword, staffLogins };
}
