import type { ScanRecord, ScanResult } from '@butterfly/domain/compliance';
import { REPORT_CSS } from './html-style.ts';
import { metadataRows } from './metadata.ts';
import { RESULT_LABEL, exceptionLines, mappingText, valueText } from './text.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every value from the org or the record goes through here: an app label is data, never markup. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]!);

function ruleRow(r: ScanResult): string {
  const evidence = r.evidence.length
    ? `<ul class="evidence">${r.evidence.map((e) => `<li>${e.name ? `<strong>${esc(e.name)}</strong>: ` : ''}${esc(e.type)} ${esc(e.id)} · ${esc(e.path)} = ${esc(valueText(e.value))}</li>`).join('')}</ul>`
    : '—';
  return `<tr id="${esc(r.ruleId)}"><td class="id">${esc(r.ruleId)}</td><td>${esc(r.severity)}</td><td class="result ${r.result}">${esc(RESULT_LABEL[r.result])}</td><td><strong>${esc(r.title)}</strong><p class="reason">${esc(r.reason)}</p>${exceptionLines(
    r,
  )
    .map((l) => `<p class="exception">${esc(l)}</p>`)
    .join('')}<p class="map">${esc(mappingText(r))}</p></td><td>${evidence}</td></tr>`;
}

/** report.html: readable on screen and printable, with no external resources. */
export function renderHtml(record: ScanRecord): string {
  const c = record.counts;
  const counts = (['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE'] as const)
    .map((k) => `<li class="${k}"><strong>${c[k]}</strong>${RESULT_LABEL[k]}</li>`)
    .join('');
  const meta = metadataRows(record)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compliance evidence — ${esc(record.orgUrl)} — ${esc(record.scannedAt)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>Compliance evidence report</h1>
<p class="sub">${esc(record.orgUrl)} · scanned ${esc(record.scannedAt)} · rule set ${esc(record.rulesetVersion)}${record.framework ? ` · only rules mapped to framework ${esc(record.framework)}` : ''}</p>
<h2>Scope and provenance</h2>
<dl class="meta">${meta}</dl>
<h2>Results</h2>
<ul class="counts">${counts}${c.accepted ? `<li class="accepted"><strong>${c.accepted}</strong>Failures accepted by exceptions</li>` : ''}<li><strong>${c.total}</strong>Rules</li></ul>
<h2>Rules</h2>
<table>
<colgroup><col class="c-id"><col class="c-sev"><col class="c-res"><col class="c-check"><col class="c-ev"></colgroup>
<thead><tr><th>Rule</th><th>Severity</th><th>Result</th><th>Check and reason</th><th>Evidence (type id · path = value)</th></tr></thead>
<tbody>
${record.results.map(ruleRow).join('\n')}
</tbody>
</table>
<footer>Every file of this bundle is listed with its SHA-256 in manifest.json, signed with Ed25519 in manifest.sig. Verify with the signer's fingerprint recorded beforehand: <code>evidence verify &lt;dir&gt; --fingerprint &lt;hex&gt;</code>.</footer>
</body>
</html>
`;
}
