import type { Deps } from '../deps.ts';

export type TWebhookAttempt =
  | { outcome: 'delivered'; statusCode: number }
  /** `final`: no attempt follows (a permanent refusal, or the last attempt). */
  | { outcome: 'failed'; statusCode?: number; error: string; final: boolean };

/** The delivery log's row for one attempt: counts it, keeps the last status and error. */
export async function recordWebhookAttempt(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { tenantId: string; deliveryId: string } & TWebhookAttempt,
) {
  const now = deps.clock();
  await deps.db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      updated_at: now,
      last_status_code: input.statusCode ?? null,
      ...(input.outcome === 'delivered'
        ? { status: 'delivered', delivered_at: now, last_error: null }
        : { status: input.final ? 'failed' : 'pending', last_error: input.error.slice(0, 1000) }),
    }))
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', input.deliveryId)
    .where('status', '=', 'pending')
    .execute();
}
