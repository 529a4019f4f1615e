import { at, compareStrings, ev, named, str } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceSnapshot, Evidence, SnapshotObject } from '../types.ts';

/**
 * Reading an Entra snapshot for the SCuBA MS.AAD baseline (decision 058). Type keys are the Entra
 * connector's catalog keys (packages/connectors/src/entra/catalog.ts); bodies are Graph's JSON minus
 * navigation annotations.
 */
export const CA = 'conditionalAccessPolicy';

/**
 * Entra ID P2 is recognised by its service plan in `GET /subscribedSkus`: servicePlanId
 * eec0eb4f-6444-4f95-aba0-50c24d67f998 (servicePlanName `AAD_PREMIUM_P2`). The id is what is matched
 * (names have been renamed before); the name is accepted too for a body without ids. The plan comes
 * in the P2 SKU itself and in suites (E5, EMS E5), so the SKU's part number is not what is read.
 */
export const AAD_PREMIUM_P2_PLAN_ID = 'eec0eb4f-6444-4f95-aba0-50c24d67f998';
export const AAD_PREMIUM_P2_PLAN_NAME = 'AAD_PREMIUM_P2';

/** Built-in role template ids (the same in every tenant). */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
} as const;

/** ScubaGear's default privileged roles (its `PrivilegedRoles` config), by template id. */
export const PRIVILEGED_ROLES: readonly string[] = Object.values(ROLE);

export const PHISHING_RESISTANT = ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'] as const;

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
export const nameOf = (o: SnapshotObject) => str(at(o.body, 'displayName')) ?? o.id;

/** Which objects of a type, by id, sorted: configuration types are small. */
export const all = collect;

/** Whether any subscribed SKU carries the Entra ID P2 service plan, with the SKUs as evidence. */
export async function p2License(s: ComplianceSnapshot): Promise<{ p2: boolean; evidence: Evidence[] }> {
  const skus = await collect(s, 'subscribedSku');
  let p2 = false;
  const evidence: Evidence[] = [];
  for (const sku of skus) {
    const plans = Array.isArray(at(sku.body, 'servicePlans')) ? (at(sku.body, 'servicePlans') as unknown[]) : [];
    const has = plans.some(
      (p) => at(p, 'servicePlanId') === AAD_PREMIUM_P2_PLAN_ID || at(p, 'servicePlanName') === AAD_PREMIUM_P2_PLAN_NAME,
    );
    const usable = at(sku.body, 'capabilityStatus') !== 'Suspended' && at(sku.body, 'capabilityStatus') !== 'LockedOut';
    if (has && usable) p2 = true;
    evidence.push(named(ev('subscribedSku', sku, 'capabilityStatus'), str(at(sku.body, 'skuPartNumber')) ?? sku.id));
  }
  return { p2, evidence };
}

/** What a CA policy grants: built-in controls, operator, and the strength's combinations (embedded or looked up). */
export async function grantOf(s: ComplianceSnapshot, p: SnapshotObject) {
  const controls = strings(at(p.body, 'grantControls.builtInControls'));
  const operator = str(at(p.body, 'grantControls.operator')) ?? 'OR';
  const strengthId = str(at(p.body, 'grantControls.authenticationStrength.id'));
  let combinations = at(p.body, 'grantControls.authenticationStrength.allowedCombinations');
  if (!Array.isArray(combinations) && strengthId) {
    const strength = await s.get('authenticationStrength', strengthId);
    combinations = strength ? at(strength.body, 'allowedCombinations') : undefined;
  }
  return {
    controls,
    operator,
    strengthId,
    combinations: Array.isArray(combinations) ? strings(combinations) : undefined,
  };
}

/** A strength whose every combination is phishing-resistant (WHfB, FIDO2, certificate MFA). */
export const phishingResistant = (combinations: string[] | undefined) =>
  combinations !== undefined &&
  combinations.length > 0 &&
  combinations.every((c) => (PHISHING_RESISTANT as readonly string[]).includes(c));

export interface BaseOptions {
  /** Users the connection declares as break-glass (decision 037): the only exclusions a base policy may have. */
  allowedExclusions: readonly string[];
  /** The policy targets users in general (`includeUsers: All`); false for role-targeted policies (3.6). */
  allUsers?: boolean;
  /** The policy covers every cloud app (`includeApplications: All`); false for user-action policies (3.8). */
  allApps?: boolean;
}

/**
 * The spec's "base" CA policy (shared spec entra.md §D, after ScubaGear's Rego): enabled (report-only
 * does not count), includeUsers and includeApplications hold `All`, no excluded roles, and no excluded
 * users or groups other than the declared break-glass accounts. Answers what is wrong, empty when base.
 */
export function baseProblems(p: SnapshotObject, o: BaseOptions): string[] {
  const problems: string[] = [];
  const state = at(p.body, 'state');
  if (state !== 'enabled') problems.push(`state is ${String(state)}`);
  if ((o.allUsers ?? true) && !strings(at(p.body, 'conditions.users.includeUsers')).includes('All'))
    problems.push('does not include all users');
  if ((o.allApps ?? true) && !strings(at(p.body, 'conditions.applications.includeApplications')).includes('All'))
    problems.push('does not include all cloud apps');
  if (strings(at(p.body, 'conditions.users.excludeRoles')).length) problems.push('excludes roles');
  const extraUsers = strings(at(p.body, 'conditions.users.excludeUsers')).filter(
    (u) => !o.allowedExclusions.includes(u),
  );
  if (extraUsers.length) problems.push(`excludes ${extraUsers.length} user(s) not declared break-glass`);
  const groups = strings(at(p.body, 'conditions.users.excludeGroups')).filter((g) => !o.allowedExclusions.includes(g));
  if (groups.length) problems.push(`excludes ${groups.length} group(s)`);
  if (at(p.body, 'conditions.users.excludeGuestsOrExternalUsers')) problems.push('excludes guests or external users');
  return problems;
}

export const caEvidence = (p: SnapshotObject, failed: boolean): Evidence[] =>
  [ev(CA, p, 'state'), ev(CA, p, 'grantControls.builtInControls')].map((e) => ({
    ...named(e, nameOf(p)),
    ...(failed ? { failed: true as const } : {}),
  }));

/** ISO 8601 duration (P180D, P1Y, P6M, PT12H) in days; undefined when it is not one. Years are 365 days, months 30. */
export function durationDays(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  return y! * 365 + mo! * 30 + w! * 7 + d! + h! / 24 + mi! / 1440 + s! / 86400;
}

export const byName = (a: SnapshotObject, b: SnapshotObject) => compareStrings(nameOf(a), nameOf(b));
