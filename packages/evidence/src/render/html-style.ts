/** The report's only stylesheet, inlined so the file stands alone (no fonts or assets to fetch). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --manual: #9a6700; --na: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 32px; font: 14px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.sub { color: var(--muted); margin: 0 0 24px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 13px; word-break: break-all; }
ul.counts { display: flex; gap: 12px; list-style: none; padding: 0; margin: 0; flex-wrap: wrap; }
ul.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
ul.counts strong { font-size: 20px; display: block; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
col.c-id { width: 16%; } col.c-sev { width: 7%; } col.c-res { width: 8%; } col.c-check { width: 36%; } col.c-ev { width: 33%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.id { overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12px; }
.result { font-weight: 700; white-space: nowrap; }
.PASS { color: var(--pass); } .FAIL { color: var(--fail); } .MANUAL { color: var(--manual); } .NOT_APPLICABLE { color: var(--na); }
.reason { margin: 4px 0 0; }
.exception { margin: 4px 0 0; font-style: italic; }
.map { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
ul.evidence { margin: 0; padding-left: 16px; font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12px; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  @page { size: A4 landscape; margin: 12mm; }
  h2 { break-after: avoid; }
}
`;
