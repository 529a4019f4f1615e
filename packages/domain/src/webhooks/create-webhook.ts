import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { ZName, nameTaken, parseInput } from '../validation.fns.ts';
import { webhookHost } from './webhook-targets.fns.ts';
import {
  CHANNEL_KINDS,
  DIGEST_MODES,
  WEBHOOK_EVENTS,
  WEBHOOK_VIEW_COLUMNS,
  ZEmailTarget,
  ZObjectTypePattern,
  ZWebhookUrl,
  secretPurpose,
  toWebhookView,
} from './webhooks.fns.ts';

export const ZCreateWebhookInput = z
  .object({
    name: ZName,
    kind: z.enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` }).default('webhook'),
    /** The target: an https URL (webhook, slack) or an email address (email). */
    url: z.string().trim().max(2000),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, { message: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }))
      .min(1)
      .max(WEBHOOK_EVENTS.length),
    /** For objects.changed: the types to watch (`policy.*`); empty watches every type. */
    objectTypes: z.array(ZObjectTypePattern).max(50).default([]),
    digest: z.enum(DIGEST_MODES, { message: `must be one of ${DIGEST_MODES.join(', ')}` }).default('immediate'),
  })
  .superRefine((v, ctx) => {
    const target = (v.kind === 'email' ? ZEmailTarget : ZWebhookUrl).safeParse(v.url);
    if (!target.success)
      ctx.addIssue({ code: 'custom', path: ['url'], message: target.error.issues[0]?.message ?? 'invalid' });
    if (v.digest === 'daily' && v.kind !== 'email')
      ctx.addIssue({ code: 'custom', path: ['digest'], message: 'a daily digest is for email channels only' });
  });
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookInput>;

/**
 * Whether a target may be contacted under the outbound policy (BUTTERFLY_ALLOW_PRIVATE_URLS): the
 * reason it may not, or null. The apps wire it from @butterfly/outbound, which the domain does not
 * import; delivery checks every address again (a name can resolve elsewhere later).
 */
export type WebhookTargetCheck = (url: string) => Promise<string | null>;

/**
 * Registers an alert channel: a signed webhook, a Slack incoming webhook or an email address. A target on a private, loopback or link-local address is refused here
 * already (unless private URLs are allowed), not only at its first delivery. Its signing secret is
 * generated here, returned this once, and sealed (not hashed: every delivery is signed with it).
 * Managing alerts is tenant configuration beside schedules and retention, so it takes schedule.manage.
 */
export async function createWebhook(
  deps: Deps & { checkWebhookTarget?: WebhookTargetCheck },
  tenantId: string,
  raw: TCreateWebhookInput,
) {
  const input = parseInput(ZCreateWebhookInput, raw);
  await authorize(deps, tenantId, 'schedule.manage');
  // Email goes through the operator's SMTP server; only URLs are tenant-chosen places to connect to.
  const refused = input.kind === 'email' ? null : await deps.checkWebhookTarget?.(input.url);
  if (refused) throw new DomainError('VALIDATION', `url: ${refused}`, { fields: { url: refused } });
  const id = randomUUID();
  const secret = `bfywh_${randomBytes(32).toString('base64url')}`;
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('webhooks')
        .values({
          id,
          tenant_id: tenantId,
          name: input.name,
          kind: input.kind,
          digest: input.digest,
          url: input.url,
          secret_sealed: await sealSecret({ ...deps, db: trx }, tenantId, secretPurpose(id), secret),
          events: [...new Set(input.events)],
          object_types: [...new Set(input.objectTypes)],
          created_at: deps.clock(),
          updated_at: deps.clock(),
        })
        .returning(WEBHOOK_VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'webhook.created',
          target: { type: 'webhook', id },
          data: {
            name: input.name,
            kind: input.kind,
            digest: input.digest,
            host: row.kind === 'email' ? toWebhookView(row, false).host : webhookHost(input.url),
            events: row.events,
            objectTypes: row.object_types,
          },
        },
      );
      // Only a signed webhook's receiver checks signatures: Slack and email have no use for the secret.
      return { webhook: toWebhookView(row, true), secret: input.kind === 'webhook' ? secret : null };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'webhooks_tenant_name_key')) throw nameTaken('webhook', input.name);
    throw e;
  }
}
