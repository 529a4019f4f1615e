import { z } from 'zod';
import { ZCaveat, ZJsonChange, ZPlanSummary, ZPreviewProgress, ZRewrite } from './shapes.ts';

/** `restores.applyPlan`. */
export const ZRestoresApplyPlan = z.object({ planId: z.string(), jobId: z.string().nullable() });

/** `restores.approve`. */
export const ZRestoresApprove = z.object({
  id: z.string(),
  shortCode: z.string(),
  connectionId: z.string(),
  snapshotId: z.string(),
  status: z.enum(['queued', 'computing', 'ready', 'failed', 'applying', 'applied', 'apply_failed', 'stale']),
  scope: z.object({
    withDependencies: z.boolean(),
    deletions: z.boolean(),
    types: z.array(z.string()).optional(),
    objects: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  }),
  requestedBy: z.string(),
  createdAt: z.string(),
  computedAt: z.string().nullable(),
  progress: z.union([ZPreviewProgress, z.record(z.string(), z.never())]),
  summary: z.union([ZPlanSummary, z.record(z.string(), z.never())]),
  caveats: z.array(ZCaveat),
  error: z.string().nullable(),
  needsApproval: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  applyRequestedAt: z.string().nullable(),
  applyStartedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  preApplySnapshotId: z.string().nullable(),
});

/** `restores.get`. */
export const ZRestoresGet = z.object({
  connectionName: z.string().nullable(),
  steps: z.array(
    z.object({
      newId: z.string().nullable(),
      error: z.string().nullable(),
      finishedAt: z.string().nullable(),
      label: z.string(),
      changes: z.array(ZJsonChange),
      caveats: z.array(ZCaveat),
      rewrites: z.array(ZRewrite),
      after: z.array(z.number()),
      blast: z.object({ provision: z.number(), deprovision: z.number() }).optional(),
      how: z
        .enum([
          'create',
          'update',
          'reactivate',
          'delete',
          'skip',
          'find by name and update',
          'restore from deleted items',
          'reactivate and update',
          'deactivate and delete',
          'set by hand',
        ])
        .optional(),
      seq: z.number(),
      type: z.string(),
      id: z.string(),
      action: z.enum(['create', 'update', 'reactivate', 'delete', 'skip']),
      status: z.enum(['done', 'failed', 'pending', 'running', 'skipped']),
    }),
  ),
  idMap: z.array(
    z.object({ type: z.string(), oldId: z.string(), newId: z.string().nullable(), stepSeq: z.number().nullable() }),
  ),
  id: z.string(),
  shortCode: z.string(),
  connectionId: z.string(),
  snapshotId: z.string(),
  status: z.enum(['queued', 'computing', 'ready', 'failed', 'applying', 'applied', 'apply_failed', 'stale']),
  scope: z.object({
    withDependencies: z.boolean(),
    deletions: z.boolean(),
    types: z.array(z.string()).optional(),
    objects: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  }),
  requestedBy: z.string(),
  createdAt: z.string(),
  computedAt: z.string().nullable(),
  progress: z.union([ZPreviewProgress, z.record(z.string(), z.never())]),
  summary: z.union([ZPlanSummary, z.record(z.string(), z.never())]),
  caveats: z.array(ZCaveat),
  error: z.string().nullable(),
  needsApproval: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  applyRequestedAt: z.string().nullable(),
  applyStartedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  preApplySnapshotId: z.string().nullable(),
});

/** `restores.list`. */
export const ZRestoresList = z.array(
  z.object({
    id: z.string(),
    shortCode: z.string(),
    connectionId: z.string(),
    snapshotId: z.string(),
    status: z.enum(['queued', 'computing', 'ready', 'failed', 'applying', 'applied', 'apply_failed', 'stale']),
    scope: z.object({
      withDependencies: z.boolean(),
      deletions: z.boolean(),
      types: z.array(z.string()).optional(),
      objects: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
    }),
    requestedBy: z.string(),
    createdAt: z.string(),
    computedAt: z.string().nullable(),
    progress: z.union([ZPreviewProgress, z.record(z.string(), z.never())]),
    summary: z.union([ZPlanSummary, z.record(z.string(), z.never())]),
    caveats: z.array(ZCaveat),
    error: z.string().nullable(),
    needsApproval: z.boolean(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    applyRequestedAt: z.string().nullable(),
    applyStartedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
    preApplySnapshotId: z.string().nullable(),
  }),
);

/** `restores.preview`. */
export const ZRestoresPreview = z.object({ planId: z.string(), shortCode: z.string(), jobId: z.string() });

/** `restores.readiness`. */
export const ZRestoresReadiness = z.array(
  z.object({
    computedAt: z.string(),
    connectionId: z.string(),
    planId: z.string(),
    snapshotId: z.string(),
    steps: z.number(),
  }),
);
