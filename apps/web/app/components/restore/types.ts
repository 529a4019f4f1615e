import type { RestorePlanDetail } from '@butterfly/domain/restores';

/** What the plan page gets from its loader (JSON: dates as strings). */
export type PlanData = RestorePlanDetail;
export type PlanStep = PlanData['steps'][number];

export const ACTION_BADGE = {
  create: 'success',
  update: 'warning',
  reactivate: 'info',
  delete: 'danger',
  skip: 'neutral',
} as const;
export const RUNNING = ['queued', 'computing', 'applying'];
