import type { PeriodRecord } from '@butterfly/domain/evidence';
import { actorsText, durationText, summaryRows } from './period-text.ts';

/**
 * Text from the IdP or a person (labels, reasons, rationales) as inline Markdown: markup characters
 * escaped so `<b>` or `*` shows as typed, line breaks (and pipes, in tables) cannot end a line early.
 */
const cell = (v: unknown) =>
  String(v ?? '')
    .replace(/[\\`*_<>[\]|]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
const table = (head: string[], rows: unknown[][]) => [
  `| ${head.join(' | ')} |`,
  `|${head.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
];
/** Code spans fenced with two backticks and padded, so one backtick inside cannot end them. */
const code = (text: string) => `\`\` ${text.replace(/\r?\n/g, ' ')} \`\``;
const json = (v: unknown) => (v === undefined ? '—' : code(JSON.stringify(v)));

/**
 * period-report.md: the period as an auditor reads it, rendered from the same record as period.json
 * (which stays the reference). Plain Markdown: readable as text, in any viewer, and diffable.
 */
export function renderPeriodMarkdown(r: PeriodRecord): string {
  const s = r.summary;
  const out: string[] = [
    `# Period evidence — ${r.connection.name}`,
    '',
    `${r.window.from} to ${r.window.to} (UTC). Rendered from stored scans, snapshots and exceptions; the signed manifest covers this file.`,
    '',
  ];
  out.push(...table(['', ''], summaryRows(r)), '');
  if (s.notes.length) out.push('## Notes', '', ...s.notes.map((n) => `- ${n}`), '');

  out.push(
    '## Controls sampled',
    '',
    "Per control, the rules that evidence it, in how many of the window's scans one of them failed, and the regressions among them.",
    '',
  );
  out.push(
    ...table(
      ['Framework', 'Control', 'Rules', 'Scans failing', 'Regressions'],
      s.controls.map((c) => [
        c.framework === 'soc2' ? 'SOC 2' : 'ISO 27001',
        c.control,
        c.ruleIds.join(', '),
        `${c.scansFailing} of ${s.scans}`,
        c.regressions,
      ]),
    ),
    '',
  );

  out.push('## Scans', '');
  if (!r.scans.length) out.push('No scan in this window.', '');
  else
    out.push(
      ...table(
        ['Snapshot taken', 'Scan', 'Started by', 'Rule set', 'Pass', 'Fail', 'Accepted', 'Manual', 'N/A'],
        r.scans.map((x) => [
          x.snapshotTakenAt,
          x.scanId,
          x.startedBy,
          x.rulesetVersion,
          x.counts.PASS,
          x.counts.FAIL,
          x.counts.accepted ?? 0,
          x.counts.MANUAL,
          x.counts.NOT_APPLICABLE,
        ]),
      ),
      '',
    );

  out.push('## Regressions', '');
  if (!r.regressions.length) out.push('No rule went from pass to fail between consecutive scans.', '');
  for (const g of r.regressions) {
    out.push(`### ${g.ruleId} — ${cell(g.title)}`, '');
    out.push(
      `- Severity: ${g.severity}`,
      `- Failed in scan ${g.scanId} (snapshot of ${g.regressedAt}), after passing in ${g.previousScanId}: ${cell(g.reason)}`,
    );
    out.push(
      g.fixedAt
        ? `- Fixed in scan ${g.fixedInScanId} (snapshot of ${g.fixedAt}), ${durationText(g.timeToFixSeconds)} later`
        : "- Still failing at the window's end",
    );
    for (const c of g.changes)
      out.push(`- Change: ${c.change} ${c.type} ${cell(c.label)} (${cell(c.id)}) by ${cell(actorsText(c.actors))}`);
    if (!g.changes.length) out.push('- No change to the objects the rule reads was found between the two snapshots.');
    out.push('');
  }

  out.push(
    '## Changes',
    '',
    'Changes between consecutive scans to the objects the rules read, with who made them.',
    '',
  );
  if (!r.changes.length) out.push('None.', '');
  for (const c of r.changes) {
    out.push(
      `- **${c.change} ${c.type} ${cell(c.label)}** (${cell(c.id)}), between scans ${c.fromScanId} and ${c.toScanId}; rules ${c.ruleIds.join(', ')}; by ${cell(actorsText(c.actors))}`,
    );
    for (const p of c.paths)
      out.push(
        `  - ${code(p.path)}: ${json('before' in p ? p.before : undefined)} → ${json('after' in p ? p.after : undefined)}`,
      );
    if (c.pathsLeftOut) out.push(`  - … and ${c.pathsLeftOut} more paths (see period.json)`);
  }
  out.push('');

  out.push('## Exceptions in force', '');
  if (!r.exceptions.length) out.push('None.', '');
  else {
    out.push(
      ...table(
        ['Exception', 'Rule', 'Scope', 'Requested by', 'Approved by', 'In force from', 'Until', 'Rationale'],
        r.exceptions.map((e) => [
          e.id,
          e.ruleId,
          e.scope ? `${e.scope.objectType} ${e.scope.objectId}` : 'whole rule',
          e.requestedBy,
          e.approvedBy,
          e.approvedAt,
          e.ended
            ? `${e.ended.at} (${e.ended.how}${e.ended.by ? ` by ${e.ended.by}` : ''})`
            : `in force at the end (expires ${e.expiresAt})`,
          e.rationale,
        ]),
      ),
      '',
    );
  }

  out.push('## Results per scan', '');
  const scans = r.scans;
  if (scans.length) {
    const byScan = scans.map(
      (x) => new Map(x.results.map((y) => [y.ruleId, y.accepted ? 'FAIL (accepted)' : y.result])),
    );
    out.push(
      ...table(
        ['Rule', 'Title', ...scans.map((_, i) => `#${i + 1}`)],
        r.rules.map((rule) => [rule.ruleId, rule.title, ...byScan.map((m) => m.get(rule.ruleId) ?? '—')]),
      ),
      '',
    );
    out.push(...scans.map((x, i) => `- #${i + 1}: scan ${x.scanId}, snapshot of ${x.snapshotTakenAt}`), '');
  } else out.push('No scan in this window.', '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
