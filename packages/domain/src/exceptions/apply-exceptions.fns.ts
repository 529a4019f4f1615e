import type { ComplianceExceptions, Selectable } from '@butterfly/db';
import { failingObjects } from '../compliance/compliance.fns.ts';
import type { ScanResult } from '../compliance/types.ts';
import { toAnnotation } from './exceptions.fns.ts';

/**
 * The objects a failing result fails on: those its evidence marks `failed` (decision 041), else every
 * object it names (older scans, rules that fail as a whole). Objects it looked at and that passed are
 * not what an exception has to cover.
 */
const objectsOf = (r: ScanResult) => failingObjects(r).map((o) => `${o.type}\u0000${o.id}`);

/**
 * Annotates failing results with the active exceptions that cover them (decision 038); the result
 * itself never changes. A whole-rule exception accepts the finding; object exceptions accept it only
 * when every object the result fails on is excepted (a failure on an object nobody accepted stays open),
 * otherwise they are carried without `accepted`. Other results are returned as they are.
 */
export function applyExceptions(
  results: readonly ScanResult[],
  active: readonly Selectable<ComplianceExceptions>[],
): ScanResult[] {
  if (!active.length) return [...results];
  return results.map((r) => {
    if (r.result !== 'FAIL') return r;
    const mine = active.filter((e) => e.rule_id === r.ruleId);
    if (!mine.length) return r;
    const objects = objectsOf(r);
    const whole = mine.filter((e) => !e.object_type);
    const byObject = mine.filter((e) => e.object_type && objects.includes(`${e.object_type}\u0000${e.object_id}`));
    const covering = [...whole, ...byObject];
    if (!covering.length) return r;
    const excepted = new Set(byObject.map((e) => `${e.object_type}\u0000${e.object_id}`));
    const accepted = whole.length > 0 || (objects.length > 0 && objects.every((o) => excepted.has(o)));
    return { ...r, exceptions: covering.map(toAnnotation), ...(accepted ? { accepted: true } : {}) };
  });
}
