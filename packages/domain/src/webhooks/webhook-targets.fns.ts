import type { Actor } from '../deps.ts';
import { roleHas } from '../permissions/permissions.fns.ts';

/**
 * Who may read a webhook's full target. Incoming-webhook URLs (Slack, Teams, Discord) carry their
 * secret in the path or query, so reading one is as good as posting into the customer's channel:
 * only roles that manage webhooks (schedule.manage) see it; everyone else sees the host. Operators
 * and the system (CLI, jobs) hold the database anyway.
 */
export function seesWebhookTargets(actor: Actor): boolean {
  if (actor.kind === 'operator' || actor.kind === 'system') return true;
  return actor.kind === 'member' && roleHas(actor.role, 'schedule.manage');
}

/** The host (with a non-default port) of a target: what everyone may see. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid URL';
  }
}

/** Replaces a target's path and query wherever a text (a transport error) quotes it. */
export function redactTarget(text: string, url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // An email channel's address (a mail server's refusal may quote it): only its domain is shown.
    const at = url.lastIndexOf('@');
    return at > 0 ? text.split(url).join(`…${url.slice(at)}`) : text;
  }
  const secretPart = `${u.pathname}${u.search}`;
  let out = text.split(url).join(`${u.protocol}//${u.host}/…`);
  if (secretPart.length > 1) out = out.split(secretPart).join('/…');
  return out;
}

/** Webhook audit entries record a `url` (entries written before the host-only rule): shown as its host. */
export function redactWebhookAuditData(action: string, data: unknown): unknown {
  if (
    !action.startsWith('webhook.') ||
    !data ||
    typeof data !== 'object' ||
    !('url' in data) ||
    typeof data.url !== 'string'
  )
    return data;
  const { url, ...rest } = data as { url: string } & Record<string, unknown>;
  return { ...rest, host: webhookHost(url) };
}
