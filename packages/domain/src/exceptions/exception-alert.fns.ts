/** One exception an `exception.expired` / `exception.expiring` alert names. */
export interface AlertedException {
  id: string;
  ruleId: string;
  scope: { objectType: string; objectId: string } | null;
  expiresAt: string;
  requestedBy: string;
  approvedBy: string | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const MAX_LISTED = 10;

/**
 * Slack-compatible, like every alert (see webhooks/alert-message.fns.ts): `text`, `blocks`, and a
 * `butterfly` object for programs. Expired: the findings count as open again from the next scan.
 */
export function exceptionAlert(input: {
  event: 'exception.expired' | 'exception.expiring';
  deliveryId: string;
  connection: { id: string; name: string };
  exceptions: AlertedException[];
  link?: string;
}) {
  const n = input.exceptions.length;
  const what = `${n} compliance exception${n === 1 ? '' : 's'}`;
  const text =
    input.event === 'exception.expired'
      ? `Butterfly: ${what} expired in ${input.connection.name}: the finding${n === 1 ? ' is' : 's are'} open again`
      : `Butterfly: ${what} expiring soon in ${input.connection.name}`;
  const lines = input.exceptions
    .slice(0, MAX_LISTED)
    .map(
      (e) =>
        `• ${e.ruleId}${e.scope ? ` on ${clip(e.scope.objectType, 40)} \`${clip(e.scope.objectId, 60)}\`` : ' (whole rule)'} — ${input.event === 'exception.expired' ? 'expired' : 'expires'} ${e.expiresAt.slice(0, 16).replace('T', ' ')} UTC, approved by ${e.approvedBy ?? '—'}`,
    );
  const more = n > lines.length ? `\n…and ${n - lines.length} more` : '';
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`${lines.join('\n')}${more}`, 3000) } },
  ];
  if (input.link)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${input.link}|Open exceptions in Butterfly>` } });
  return {
    summary: text,
    payload: {
      text,
      blocks,
      butterfly: {
        event: input.event,
        deliveryId: input.deliveryId,
        connection: input.connection,
        exceptions: input.exceptions,
        ...(input.link ? { link: input.link } : {}),
      },
    },
  };
}
