import { runScan } from '../engine.ts';
import { COMPLIANCE_RULES } from '../rules/index.ts';
import type { BreakGlassInput, ReadinessInput, ScanResult, SnapshotObject } from '../types.ts';
import { snapshotOf } from './okta-fixtures.ts';

/** Runs one rule through the engine (so missing-data handling applies) against a fixture org. */
export async function runRule(
  id: string,
  org: Record<string, SnapshotObject[]>,
  opts: { readiness?: ReadinessInput; scopesMissing?: string[]; breakGlass?: BreakGlassInput } = {},
): Promise<ScanResult> {
  const rule = COMPLIANCE_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const [result] = await runScan([rule], snapshotOf(org, opts.scopesMissing), opts.readiness, opts.breakGlass);
  return result!;
}

/** The value of the first evidence item at `path` (and, when given, for object `id`). */
export function evidenceAt(result: ScanResult, path: string, id?: string) {
  return result.evidence.find((e) => e.path === path && (id === undefined || e.id === id))?.value;
}
