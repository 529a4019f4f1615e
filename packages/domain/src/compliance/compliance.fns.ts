import type { Evidence, Json, Outcome, ResultStatus, SnapshotObject } from './types.ts';

const outcome =
  (result: ResultStatus) =>
  (reason: string, evidence: Evidence[] = []): Outcome => ({ result, reason, evidence });

export const pass = outcome('PASS');
export const fail = outcome('FAIL');
export const manual = outcome('MANUAL');
export const notApplicable = outcome('NOT_APPLICABLE');

/** Reads a dotted path (`settings.password.lockout.maxAttempts`) from an API body; undefined when absent. */
export function at(body: unknown, path: string): unknown {
  let cur: unknown = body;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Evidence values are JSON: an absent field is recorded as null, so the report shows it was looked at. */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** One piece of evidence: the value at `path` in an object of `type`. */
export function ev(type: string, obj: SnapshotObject, path: string): Evidence {
  return { type, id: obj.id, path, value: toJson(at(obj.body, path)) };
}

/** The same evidence, carrying the object's name (see `Evidence.name`). */
export const named = (e: Evidence, name: string): Evidence => ({ ...e, name });

/** The same evidence, marked as an object the result fails on (see `Evidence.failed`). */
export const failing = (e: Evidence): Evidence => ({ ...e, failed: true });

/** Marks the evidence of `failedIds` objects as failing, leaving the rest as they are. */
export const markFailing = (evidence: Evidence[], failedIds: Iterable<string>): Evidence[] => {
  const ids = new Set(failedIds);
  return evidence.map((e) => (ids.has(e.id) ? failing(e) : e));
};

/** An object a result looked at, once, by name where it has one. */
export interface JudgedObject {
  type: string;
  id: string;
  name?: string;
  failed: boolean;
}

/**
 * The objects a result's evidence names (not readiness data, not whole-type counts), once each in
 * evidence order, with their name and whether the result fails on them.
 */
export function judgedObjects(r: { evidence: readonly Evidence[] }): JudgedObject[] {
  const byKey = new Map<string, JudgedObject>();
  for (const e of r.evidence) {
    if (e.type === 'readiness' || e.id === '*') continue;
    const key = `${e.type}\u0000${e.id}`;
    const o = byKey.get(key) ?? { type: e.type, id: e.id, failed: false };
    if (e.name && !o.name) o.name = e.name;
    if (e.failed) o.failed = true;
    byKey.set(key, o);
  }
  return [...byKey.values()];
}

/** The objects a failing result fails on: those its evidence marks, else (older scans, rules that do not mark) every object it names. */
export function failingObjects(r: { evidence: readonly Evidence[] }): JudgedObject[] {
  const all = judgedObjects(r);
  const marked = all.filter((o) => o.failed);
  return marked.length ? marked : all;
}

export function evValue(type: string, id: string, path: string, value: unknown): Evidence {
  return { type, id, path, value: toJson(value) };
}

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Plural-aware count for reasons ("2 policies", "1 policy"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Byte-order comparison: results must sort the same on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
