import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Selectable, Webhooks } from '@butterfly/db';
import { z } from 'zod';
import type { WebhookEvent } from '../webhook-queue/events.fns.ts';
import { webhookHost } from './webhook-targets.fns.ts';

// The events and the delivery queue's keys live with the queue (webhook-queue/), which lower areas use.
export {
  WEBHOOK_EVENTS,
  WEBHOOK_MAX_ATTEMPTS,
  type WebhookEvent,
  payloadPurpose,
  webhookJobKey,
} from '../webhook-queue/events.fns.ts';

/** How a channel reaches people (decision 039): a signed webhook, a Slack incoming webhook, an email address. */
export const CHANNEL_KINDS = ['webhook', 'slack', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
/** Email only: each alert at once, or one mail a day with the day's alerts. */
export const DIGEST_MODES = ['immediate', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** One mailbox, plain: no display name, no list (add a channel per person or use a list address). */
export const ZEmailTarget = z.email({ message: 'must be an email address' }).max(254);

export const SIGNATURE_HEADER = 'X-Butterfly-Signature';

const isLoopback = (u: URL) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname);

/**
 * Where alerts go. https, except plain http to loopback (a receiver on the same machine, the tests'
 * one). Whether the host's addresses may be reached is decided when a delivery runs, by the worker's
 * outbound policy: DNS can change between now and then.
 */
export const ZWebhookUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2000)
  // An unparsable value has failed the URL check already; these refinements judge URLs only.
  .refine((raw) => {
    if (!URL.canParse(raw)) return true;
    const u = new URL(raw);
    return !u.username && !u.password && !u.hash;
  }, 'must not contain credentials or a fragment')
  .refine((raw) => {
    if (!URL.canParse(raw)) return true;
    const u = new URL(raw);
    return u.protocol === 'https:' || isLoopback(u);
  }, 'must use https');

/** An object type (`group`) or a family of them (`policy.*`); `*` alone watches everything. */
export const ZObjectTypePattern = z
  .string()
  .trim()
  .regex(/^(\*|[A-Za-z][\w-]*(\.[\w-]+)*(\.\*)?)$/, 'must be an object type like group or policy.*');

export function typeMatches(patterns: readonly string[], type: string): boolean {
  if (!patterns.length) return true;
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

export const secretPurpose = (webhookId: string) => `webhook.secret:${webhookId}`;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the webhook's secret. The time
 * is inside the MAC so a receiver can refuse replays of an old delivery (see docs/guide/backups.md).
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** A receiver's check, here so tests verify exactly what the docs tell receivers to do. */
export function verifySignature(secret: string, header: string, body: string, now: Date, toleranceSec = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSec) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type WebhookView = ReturnType<typeof toWebhookView>;

/**
 * What lists show: never the signing secret, and the full target (`url`) only to those who may
 * manage webhooks (`fullTarget`); everyone sees the `host` (webhook-targets.fns.ts says why).
 */
export function toWebhookView(w: Omit<Selectable<Webhooks>, 'secret_sealed'>, fullTarget: boolean) {
  return {
    id: w.id,
    name: w.name,
    kind: w.kind as ChannelKind,
    digest: w.digest as DigestMode,
    url: fullTarget ? w.url : null,
    host: w.kind === 'email' ? emailDomain(w.url) : webhookHost(w.url),
    events: w.events as WebhookEvent[],
    objectTypes: w.object_types,
    enabled: w.enabled,
    createdAt: w.created_at.toISOString(),
  };
}

/** An email channel's domain: what those who may not see targets see, like a URL's host. */
const emailDomain = (address: string) => address.slice(address.lastIndexOf('@') + 1);

export const WEBHOOK_VIEW_COLUMNS = [
  'id',
  'tenant_id',
  'name',
  'kind',
  'digest',
  'url',
  'events',
  'object_types',
  'enabled',
  'created_at',
  'updated_at',
] as const;
