import { at, count, fail, pass } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceSnapshot, Evidence, Outcome, ReadSpec } from '../types.ts';
import { type EffectiveSettings, type EntitySettings, effectiveSettings } from './effective-settings.fns.ts';

/**
 * Judging a Google Workspace snapshot's settings per org unit and group (decision 065): the rules of
 * the SCuBA GWS baseline read effective settings (effective-settings.fns.ts), never raw policies.
 */
const cache = new WeakMap<ComplianceSnapshot, Promise<EffectiveSettings>>();

/** The snapshot's effective settings, computed once per snapshot however many rules ask. */
export function settingsOf(s: ComplianceSnapshot): Promise<EffectiveSettings> {
  let hit = cache.get(s);
  if (!hit) {
    hit = (async () =>
      effectiveSettings(
        await collect(s, 'policy'),
        s.has('orgUnit') ? await collect(s, 'orgUnit') : [],
        s.has('group') ? await collect(s, 'group') : [],
      ))();
    cache.set(s, hit);
  }
  return hit;
}

export const POLICY_READ: ReadSpec = { type: 'policy', fields: ['setting.type', 'setting.value', 'policyQuery'] };
export const OU_READ: ReadSpec = { type: 'orgUnit', fields: ['orgUnitPath'] };
export const GROUP_READ: ReadSpec = { type: 'group', fields: ['email'], optional: true };

/** A setting field as a rule reads it: the setting type (no `settings/`) and the field of its value. */
export interface Field {
  type: string;
  field: string;
}

/** Reads one field of an entity's effective settings; a group falls back to the root org unit's for types it does not set. */
export type Read = (type: string, field: string) => unknown;

/** What an entity's settings answer: null when compliant, else the problem in the reader's words. */
export type Judge = (read: Read, ctx: { takenAt: Date; types: string[] }) => string | null;

/** The fields a rule reads: fixed, or chosen from the entity's effective setting types (Takeout: one per service). */
export type Fields = readonly Field[] | ((types: string[]) => Field[]);

const show = (v: unknown) => (v === undefined ? 'not set' : typeof v === 'string' ? v : JSON.stringify(v));
/** `minimumLength is 8`, `enforcedFrom is not set`. */
export const is = (field: string, v: unknown) => `${field} is ${show(v)}`;

/** Seconds of a Google duration (`43200s`, `0s`); undefined when it is not one. */
export function seconds(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** Shortest readable form of a duration in seconds: `14 days`, `12 h`, `90 s`. */
export function humanSeconds(s: number): string {
  if (s % 86_400 === 0 && s > 0) return count(s / 86_400, 'day');
  if (s % 3600 === 0 && s > 0) return `${s / 3600} h`;
  return `${s} s`;
}

const listed = (names: string[], max = 6) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

interface Judged {
  e: EntitySettings;
  problem: string | null;
  from: string;
}

/**
 * A setting rule's evaluation: every org unit, and every group with a policy of one of `fields`'
 * types, judged on its effective values. Evidence names each entity (org unit path or group email)
 * with the values read, marking the failing ones; the reason groups failures by problem and where the
 * deciding policy is set, so an inherited failure reads once with the org units it reaches.
 */
export async function judgeSettings(
  s: ComplianceSnapshot,
  fieldsOf: Fields,
  judge: Judge,
  opts: { rootOnly?: boolean } = {},
): Promise<Outcome> {
  const all = await settingsOf(s);
  const root = all.orgUnits.find((o) => o.name === '/')!;
  const typesOf = (e: EntitySettings) =>
    [...new Set([...Object.keys(e.settings), ...(e.kind === 'group' ? Object.keys(root.settings) : [])])].sort();
  const fieldsFor = (e: EntitySettings) => (typeof fieldsOf === 'function' ? fieldsOf(typesOf(e)) : fieldsOf);
  const entities = opts.rootOnly
    ? [root]
    : [...all.orgUnits, ...all.groups.filter((g) => fieldsFor(g).some((f) => g.settings[f.type]))];
  const judged: Judged[] = [];
  const evidence: Evidence[] = [];
  for (const e of entities) {
    const setting = (type: string) => e.settings[type] ?? (e.kind === 'group' ? root.settings[type] : undefined);
    const read: Read = (type, field) => {
      const v = setting(type)?.value;
      return field ? at(v, field) : v;
    };
    const fields = fieldsFor(e);
    const types = [...new Set(fields.map((f) => f.type))];
    const problem = judge(read, { takenAt: s.takenAt, types: typesOf(e) });
    const from = [...new Set(types.map((t) => setting(t)?.from).filter((x): x is string => !!x))].join(', ');
    judged.push({ e, problem, from });
    for (const f of fields)
      evidence.push({
        type: e.kind,
        id: e.id,
        path: f.field ? `${f.type}.${f.field}` : f.type,
        value: (read(f.type, f.field) ?? null) as Evidence['value'],
        name: e.name,
        ...(problem ? { failed: true as const } : {}),
      });
  }
  const kinds = (xs: Judged[]) => {
    const ous = xs.filter((x) => x.e.kind === 'orgUnit').length;
    const groups = xs.length - ous;
    return [ous ? count(ous, 'org unit') : '', groups ? count(groups, 'group') : ''].filter(Boolean).join(' and ');
  };
  const failing = judged.filter((j) => j.problem);
  if (!failing.length)
    return pass(`Compliant in ${opts.rootOnly ? 'the root org unit' : `all ${kinds(judged)}`}.`, evidence);
  const groups = new Map<string, Judged[]>();
  for (const j of failing) {
    const key = `${j.problem}\u0000${j.from}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  const parts = [...groups.values()].map(
    (xs) =>
      `${xs[0]!.problem} in ${listed(xs.map((x) => x.e.name))}${xs[0]!.from ? ` (set on ${xs[0]!.from})` : ' (no policy sets it)'}`,
  );
  return fail(
    `${opts.rootOnly ? '' : `Fails in ${kinds(failing)} (${judged.length} judged): `}${parts.join('; ')}.`,
    evidence,
  );
}
