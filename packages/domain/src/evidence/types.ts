import type { ChangeActor } from '../changes/attribute-changes.ts';
import type { JsonChange } from '../changes/json-diff.fns.ts';
import type { ResultCounts, ResultStatus, Severity } from '../compliance/types.ts';

/**
 * Everything a period evidence bundle is rendered from (decision 040): the scans of one connection
 * whose snapshots were taken in a window, the changes between consecutive scans that touched the
 * objects rules read (with their System Log actors), the regressions and their fixes, and the
 * exceptions in force. Built from stored data only, so the same window renders to the same bytes.
 */
export interface PeriodRecord {
  tenant: { id: string; name: string };
  connection: { id: string; name: string };
  /** The Okta org as the scans recorded it; null when no scan is known before the window's end. */
  orgUrl: string | null;
  /** ISO 8601, UTC; both ends included. */
  window: { from: string; to: string };
  /** The last scan before the window: the state the window starts from (regressions are measured from it). */
  baseline: PeriodScan | null;
  scans: PeriodScan[];
  /** The rules named in any scan, with the controls they evidence (for sampling by control). */
  rules: PeriodRule[];
  changes: PeriodChange[];
  regressions: PeriodRegression[];
  exceptions: PeriodException[];
  summary: PeriodSummary;
}

export interface PeriodScan {
  scanId: string;
  snapshotId: string;
  snapshotTakenAt: string;
  scannedAt: string;
  startedBy: string;
  productVersion: string;
  rulesetVersion: string;
  counts: ResultCounts;
  results: { ruleId: string; result: ResultStatus; reason: string; accepted?: boolean; exceptionIds?: string[] }[];
}

export interface PeriodRule {
  ruleId: string;
  title: string;
  severity: Severity;
  soc2: string[];
  iso27001: string[];
}

export interface PeriodChange {
  /** The two consecutive scans whose snapshots the change lies between. */
  fromScanId: string;
  toScanId: string;
  type: string;
  id: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** Leaf changes (secrets masked), at most 200 per object; `pathsLeftOut` counts the rest. */
  paths: JsonChange[];
  pathsLeftOut: number;
  /** Who made it, from the IdP's System Log as the backups kept it; empty when unknown. */
  actors: ChangeActor[];
  /** The rules whose evidence names the object (or its whole type). */
  ruleIds: string[];
}

export interface PeriodRegression {
  ruleId: string;
  title: string;
  severity: Severity;
  reason: string;
  previousScanId: string;
  /** The scan where the rule first failed, and when its snapshot was taken. */
  scanId: string;
  regressedAt: string;
  /** The changes between the two scans that touched the rule's objects. */
  changes: { type: string; id: string; label: string; change: PeriodChange['change']; actors: ChangeActor[] }[];
  /** The first later scan in the window where the rule passed again; null while it is still open at the window's end. */
  fixedInScanId: string | null;
  fixedAt: string | null;
  timeToFixSeconds: number | null;
}

export interface PeriodException {
  id: string;
  ruleId: string;
  scope: { objectType: string; objectId: string } | null;
  rationale: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string;
  /** In force from approval until it expired or was revoked, as known at the window's end. */
  approvedAt: string;
  expiresAt: string;
  /** How it ended inside the window; null when it was still in force at the window's end. */
  ended: { at: string; how: 'expired' | 'revoked'; by: string | null; reason: string | null } | null;
}

export interface PeriodSummary {
  scans: number;
  firstScanAt: string | null;
  lastScanAt: string | null;
  /** Rules failing in the baseline (or the first scan without one), and in the last scan. */
  failingAtStart: string[];
  failingAtEnd: string[];
  regressions: number;
  fixed: number;
  open: number;
  medianTimeToFixSeconds: number | null;
  longestTimeToFixSeconds: number | null;
  changes: number;
  changesWithActor: number;
  exceptionsInForce: number;
  /** Per SOC 2 criterion and ISO 27001 control: in how many scans any mapped rule failed. */
  controls: {
    framework: 'soc2' | 'iso27001';
    control: string;
    ruleIds: string[];
    scansFailing: number;
    regressions: number;
  }[];
  /** What the reader must know: an empty window, pruned snapshots, unattributed changes. */
  notes: string[];
}
