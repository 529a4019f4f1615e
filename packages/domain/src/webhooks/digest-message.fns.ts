/** One waiting alert as the digest lists it: its event, its one-line summary and when it was raised. */
export interface DigestItem {
  event: string;
  summary: string;
  at: string;
}

const MAX_LISTED = 100;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The daily digest: one message listing a day's alerts for one channel, in the usual alert shape. */
export function digestAlert(input: { deliveryId: string; channel: { id: string; name: string }; items: DigestItem[] }) {
  const n = input.items.length;
  const text = `Butterfly: daily digest, ${n} alert${n === 1 ? '' : 's'}`;
  const lines = input.items
    .slice(0, MAX_LISTED)
    .map((i) => `• ${i.at.slice(0, 16).replace('T', ' ')} UTC ${clip(i.summary.replace(/^Butterfly: /, ''), 300)}`);
  const more = n > lines.length ? `\n…and ${n - lines.length} more (see Alerts in the dashboard)` : '';
  // Sections hold up to 3000 characters: the list is split over as many as it takes.
  const sections: string[] = [];
  let cur = '';
  for (const l of lines) {
    if (cur && cur.length + l.length + 1 > 2900) {
      sections.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${l}` : l;
  }
  if (cur || more) sections.push(`${cur}${more}`);
  return {
    summary: text,
    payload: {
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text } },
        ...sections.map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } })),
      ],
      butterfly: { event: 'digest.daily', deliveryId: input.deliveryId, channel: input.channel, alerts: input.items },
    },
  };
}
