import type { Org } from '../../orgs/org.ts';
import { newBuild } from '../build.ts';
import { seedAdministration } from './admin.ts';
import { seedApps } from './apps.ts';
import { seedGroups } from './groups.ts';
import { seedGeneratedUsers, seedStaff, staffOf } from './people.ts';
import { seedPolicies } from './policies.ts';
import { seedSecurity } from './security.ts';

export interface TOrgContent {
  company: string;
  /** The demo user (first admin): Ann in acme, Bob in globex. */
  lead: { first: string; last: string; login: string };
  generated: number;
  hashes: { lead: string; staff: string; generated: string };
  /** Fixed "org creation" time: every seeded object is stamped relative to it. */
  ms: number;
}

/**
 * The realistic content of a seeded org, in dependency order: people, then zones and IdPs, groups
 * (rules applied), apps and their assignments, policies, administration and branding.
 */
export function seedOrgContent(org: Org, content: TOrgContent): string[] {
  const b = newBuild(org, content.ms);
  const staff = staffOf(org.name, content.lead);
  const people = seedStaff(b, staff, content.hashes);
  seedGeneratedUsers(b, content.generated, content.hashes.generated, people.contractorType);
  const zones = seedSecurity(b);
  const groups = seedGroups(b, people);
  seedApps(b, people, groups, zones);
  seedPolicies(b, groups, zones);
  seedAdministration(b, people, groups, zones, content.company);
  return staff.slice(1).map((s) => s.login);
}
