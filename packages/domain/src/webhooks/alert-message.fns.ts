import type { JsonChange } from '../changes/json-diff.fns.ts';

/** What an `objects.changed` alert lists per object (values only when short scalars, secrets masked). */
export interface AlertChange {
  type: string;
  id: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  paths: { path: string; kind: JsonChange['kind']; before?: unknown; after?: unknown }[];
  actors: { actor: string; at: string; eventType: string }[];
}

interface ConnectionRef {
  id: string;
  name: string;
  orgUrl: string;
}

/** Slack's limits: section text up to 3000 characters, 50 blocks; we stay well inside them. */
const MAX_LISTED = 10;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const show = (v: unknown) => (v === undefined ? '∅' : clip(JSON.stringify(v), 80));

/** A scalar worth putting in a chat message; objects and long strings stay in the dashboard. */
export const shortScalar = (v: unknown) =>
  v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 200);

/**
 * Slack-compatible (incoming-webhook JSON: `text` is the fallback and notification line, `blocks`
 * the message), with a `butterfly` object carrying the details for receivers that are programs.
 */
export function changesAlert(input: {
  deliveryId: string;
  connection: ConnectionRef;
  snapshot: { id: string; completedAt: string };
  previousSnapshotId: string;
  watched: string[];
  counts: { added: number; changed: number; removed: number };
  changes: AlertChange[];
  link?: string;
}) {
  const total = input.counts.added + input.counts.changed + input.counts.removed;
  const scope = input.watched.length ? ` (${input.watched.join(', ')})` : '';
  const text = `Butterfly: ${total} change${total === 1 ? '' : 's'}${scope} in ${input.connection.name}`;
  const lines = input.changes.slice(0, MAX_LISTED).map((c) => {
    const who = c.actors.length ? ` by ${[...new Set(c.actors.map((a) => a.actor))].join(', ')}` : '';
    const paths = c.paths
      .slice(0, 3)
      .map((p) => `\n    \`${p.path}\` ${show(p.before)} → ${show(p.after)}`)
      .join('');
    return `• *${c.change}* ${c.type} “${clip(c.label, 80)}”${who}${paths}`;
  });
  const more = total > lines.length ? `\n…and ${total - lines.length} more` : '';
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `${input.counts.added} added, ${input.counts.changed} changed, ${input.counts.removed} removed in ${input.connection.orgUrl}`,
          3000,
        ),
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`${lines.join('\n')}${more}`, 3000) } },
  ];
  if (input.link)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${input.link}|Open the diff in Butterfly>` } });
  return {
    summary: text,
    payload: {
      text,
      blocks,
      butterfly: {
        event: 'objects.changed',
        deliveryId: input.deliveryId,
        connection: input.connection,
        snapshot: input.snapshot,
        previousSnapshotId: input.previousSnapshotId,
        watchedTypes: input.watched,
        counts: input.counts,
        changes: input.changes,
        truncated: input.changes.length < total,
        ...(input.link ? { link: input.link } : {}),
      },
    },
  };
}

export function failureAlert(input: {
  deliveryId: string;
  connection: ConnectionRef;
  snapshotId: string | null;
  error: string;
  attempt: number;
  willRetry: boolean;
}) {
  const text = `Butterfly: the backup of ${input.connection.name} failed${input.willRetry ? ' (it will be retried)' : ''}`;
  return {
    summary: text,
    payload: {
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: clip(
              `${input.connection.orgUrl}, attempt ${input.attempt}:\n\`\`\`${clip(input.error, 2000)}\`\`\``,
              3000,
            ),
          },
        },
      ],
      butterfly: {
        event: 'backup.failed',
        deliveryId: input.deliveryId,
        connection: input.connection,
        snapshotId: input.snapshotId,
        error: input.error,
        attempt: input.attempt,
        willRetry: input.willRetry,
      },
    },
  };
}

/** Okta refused a connection's credential: backups stop until someone replaces it. */
export function attentionAlert(input: {
  deliveryId: string;
  connection: ConnectionRef;
  reason: string;
  snapshotId: string | null;
  link?: string;
}) {
  const text = `Butterfly: ${input.connection.name} needs attention: Okta refused its credential`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `${input.connection.orgUrl}:\n\`\`\`${clip(input.reason, 2000)}\`\`\`\nBackups of it fail until its credential is replaced (edit the connection, then test it).`,
          3000,
        ),
      },
    },
  ];
  if (input.link)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `<${input.link}|Open the connection in Butterfly>` },
    });
  return {
    summary: text,
    payload: {
      text,
      blocks,
      butterfly: {
        event: 'connection.needs_attention',
        deliveryId: input.deliveryId,
        connection: input.connection,
        reason: input.reason,
        snapshotId: input.snapshotId,
        ...(input.link ? { link: input.link } : {}),
      },
    },
  };
}

export function testAlert(input: { deliveryId: string; webhook: { id: string; name: string } }) {
  const text = `Butterfly: test alert for webhook “${input.webhook.name}”`;
  return {
    summary: text,
    payload: {
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${text}. If you can read this, alerts arrive.` } }],
      butterfly: { event: 'webhook.test', deliveryId: input.deliveryId, webhook: input.webhook },
    },
  };
}

/** One secret or key an expiry alert names (metadata only: there is no value to leak). */
export interface ExpiringCredential {
  appId: string;
  appLabel: string;
  kind: string;
  credentialId: string;
  expiresAt: string;
  daysLeft: number;
}

const inDays = (d: number) =>
  d < 0
    ? `expired ${-d} day${d === -1 ? '' : 's'} ago`
    : d === 0
      ? 'expires today'
      : `expires in ${d} day${d === 1 ? '' : 's'}`;

export function expiryAlert(input: {
  deliveryId: string;
  connection: ConnectionRef;
  snapshotId: string;
  credentials: ExpiringCredential[];
  link?: string;
}) {
  const n = input.credentials.length;
  const text = `Butterfly: ${n} app secret${n === 1 ? '' : 's'} or signing key${n === 1 ? '' : 's'} expiring in ${input.connection.name}`;
  const lines = input.credentials
    .slice(0, MAX_LISTED)
    .map(
      (c) =>
        `• ${c.kind} \`${clip(c.credentialId, 60)}\` of “${clip(c.appLabel, 80)}” ${inDays(c.daysLeft)} (${c.expiresAt.slice(0, 10)})`,
    );
  const more = n > lines.length ? `\n…and ${n - lines.length} more` : '';
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`${lines.join('\n')}${more}`, 3000) } },
  ];
  if (input.link)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `<${input.link}|Open secrets and certificates in Butterfly>` },
    });
  return {
    summary: text,
    payload: {
      text,
      blocks,
      butterfly: {
        event: 'credential.expiring',
        deliveryId: input.deliveryId,
        connection: input.connection,
        snapshotId: input.snapshotId,
        credentials: input.credentials,
        ...(input.link ? { link: input.link } : {}),
      },
    },
  };
}
