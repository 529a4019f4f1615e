/** One rule that passed on the previous scan and fails on this one. */
export interface RegressedRule {
  ruleId: string;
  title: string;
  severity: string;
  reason: string;
}

const MAX_LISTED = 10;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `compliance.regressed`: rules that passed and now fail, in the usual Slack-shaped alert. */
export function regressionAlert(input: {
  deliveryId: string;
  connection: { id: string; name: string; orgUrl: string };
  scanId: string;
  previousScanId: string;
  rules: RegressedRule[];
  link?: string;
}) {
  const n = input.rules.length;
  const text = `Butterfly: ${n} compliance rule${n === 1 ? '' : 's'} regressed in ${input.connection.name}`;
  const lines = input.rules
    .slice(0, MAX_LISTED)
    .map((r) => `• *${r.severity}* ${r.ruleId} “${clip(r.title, 120)}”: ${clip(r.reason, 200)}`);
  const more = n > lines.length ? `\n…and ${n - lines.length} more` : '';
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`Passed on the previous scan, failing now:\n${lines.join('\n')}${more}`, 3000),
      },
    },
  ];
  if (input.link)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `<${input.link}|Open the regressions in Butterfly>` },
    });
  return {
    summary: text,
    payload: {
      text,
      blocks,
      butterfly: {
        event: 'compliance.regressed',
        deliveryId: input.deliveryId,
        connection: input.connection,
        scanId: input.scanId,
        previousScanId: input.previousScanId,
        rules: input.rules,
        ...(input.link ? { link: input.link } : {}),
      },
    },
  };
}
