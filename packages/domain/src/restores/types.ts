import { z } from 'zod';
import type { JsonChange } from '../changes/json-diff.fns.ts';
import type { ObjectRef } from '../snapshots/objects.fns.ts';

export const ZObjectRef = z.object({ type: z.string().trim().min(1).max(100), id: z.string().trim().min(1).max(500) });

/** What to restore: everything (neither list), some types, or chosen objects. */
export const ZRestoreScope = z
  .object({
    types: z.array(z.string().trim().min(1).max(100)).min(1).max(200).optional(),
    objects: z.array(ZObjectRef).min(1).max(10_000).optional(),
    /** Add what the chosen objects reference (a rule's groups, a policy's zones), transitively. */
    withDependencies: z.boolean().default(false),
    /** Delete live objects the snapshot does not have; otherwise they are listed as skipped. */
    deletions: z.boolean().default(false),
  })
  .refine((s) => !(s.types && s.objects), { message: 'choose types or objects, not both', path: ['objects'] });
export type TRestoreScope = z.output<typeof ZRestoreScope>;

export type RestoreAction = 'create' | 'update' | 'reactivate' | 'delete' | 'skip';
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';
export type PlanStatus =
  | 'queued'
  | 'computing'
  | 'ready'
  | 'failed'
  | 'applying'
  | 'applied'
  | 'apply_failed'
  | 'stale';

export type { ObjectRef };

/** What cannot be restored exactly as it was, said per step. */
export type Caveat =
  | { kind: 'secret'; path: string; message: string }
  | { kind: 'verify'; message: string }
  | { kind: 'new_id'; referencedBy: (ObjectRef & { path: string; rewritten: boolean })[]; message: string }
  | { kind: 'credentials'; message: string }
  | { kind: 'system'; message: string }
  | { kind: 'blast_radius'; provision: number; deprovision: number; message: string }
  | { kind: 'cycle'; with: ObjectRef[]; message: string }
  | { kind: 'not_restorable'; message: string }
  /** A type the live org did not answer for (not-compared.fns.ts): one per type, its objects' names for the expandable list. */
  | { kind: 'not_compared'; type: string; count: number; reason: string; names: string[]; message: string }
  | { kind: 'derived'; from: string; message: string }
  | { kind: 'not_in_snapshot'; message: string }
  | { kind: 'missing_scope'; scopes: string[]; message: string }
  /** Comes back from the provider's deleted items with its id (deleted-items.ts), not created anew. */
  | { kind: 'from_deleted'; deletedAt?: string; message: string }
  /** Written in this state first (a Conditional Access policy in report-only); switched on by a separate step. */
  | { kind: 'report_only'; state: string; message: string }
  /**
   * The API cannot write it (decision 066): a person sets it in the admin console; apply skips the
   * step and reports it as manual.
   */
  | { kind: 'manual'; where: string; set: string[]; appliesTo?: string; message: string }
  /** Changes what admins sign in with (lockout.fns.ts): applying needs an explicit acknowledgement. */
  | { kind: 'lockout'; reason: string; admins: string[]; message: string };

/** How a step reaches the snapshot's state, in words the preview shows (step-path.fns.ts). */
export type StepPath =
  | 'create'
  | 'find by name and update'
  | 'restore from deleted items'
  | 'update'
  | 'reactivate'
  | 'reactivate and update'
  | 'deactivate and delete'
  | 'delete'
  | 'set by hand'
  | 'skip';

/** A reference in the restored body that points at an object the plan re-creates (its id changes). */
export interface Rewrite {
  path: string;
  type: string;
  oldId: string;
}

/** A step as planned, before it has a place in the order. */
export interface PlannedStep extends ObjectRef {
  action: RestoreAction;
  label: string;
  /** Live (before) → restored (after), volatile fields left out, re-created ids as marks (newIdMark). */
  changes: JsonChange[];
  caveats: Caveat[];
  rewrites: Rewrite[];
  /** The snapshot body to restore (create, update, reactivate); absent for deletions and skips. */
  desired?: unknown;
  /** The live body the preview saw; absent when the object does not exist. */
  live?: unknown;
  /** The snapshot version of `desired`. */
  address?: Buffer;
  blast?: { provision: number; deprovision: number };
  /** Which way the step takes (a deactivated object is reactivated in place, keeping its id). */
  how?: StepPath;
}

export interface OrderedStep extends PlannedStep {
  seq: number;
  /** Sequence numbers of the steps this one must follow. */
  after: number[];
}

/** The sealed part of a stored step. */
export interface StepDetail {
  label: string;
  changes: JsonChange[];
  caveats: Caveat[];
  rewrites: Rewrite[];
  after: number[];
  blast?: { provision: number; deprovision: number };
  /** Absent on plans stored before it was recorded. */
  how?: StepPath;
}

export interface PreviewProgress {
  phase:
    | 'queued'
    | 'reading snapshot'
    | 'reading live org'
    | 'comparing'
    | 'ordering'
    | 'storing'
    | 'applying'
    | 'done'
    | 'failed';
  done: number;
  total: number;
}

export interface PlanSummary {
  steps: number;
  byAction: Partial<Record<RestoreAction, number>>;
  blastRadius: number;
  newIds: number;
  caveats: number;
  threshold: number;
  /** Steps that may lock admins out, and the admins (by name) they affect: apply needs an acknowledgement. */
  lockout?: { steps: number; admins: string[] };
  /** Objects compared, and how long each part took (our compute apart from the IdP's answers). */
  compared?: number;
  /** Rows not read because their parent showed them unchanged (a group's members). */
  unchangedChildren?: number;
  /** How the live org was compared (decision 053): every object, or those the System Log names. */
  comparedBy?: ComparedBy;
  timings?: Record<string, number>;
}

/** How a preview compared (decision 053), in a line the plan shows. */
export interface ComparedBy {
  mode: 'log' | 'full';
  /** log: events since this time (the snapshot's start) were read. */
  since?: string;
  /** log: objects read live because the log names them (or their parent), and those trusted from the snapshot. */
  named?: number;
  trusted?: number;
  /** Types read whole even so: the log does not name their changes. */
  fullTypes?: string[];
  /** full: why (asked for, snapshot older than the log keeps, log not readable, provider without it). */
  reason?: string;
  message: string;
}
