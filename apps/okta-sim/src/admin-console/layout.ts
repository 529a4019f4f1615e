import { escapeHtml } from '../pages/html.ts';

/**
 * The simulated Admin Console's page frame: a header like the console's, the object's name as the
 * page heading, and `data-se` attributes where Okta's own console carries them (its test hooks),
 * so a content script finds the same landmarks here as there. No script: selection that the real
 * console makes client-side is a server-side choice here (see pages.ts).
 */
const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f8;color:#1d1d21}
header{background:#fff;border-bottom:1px solid #ddd;padding:.8rem 1.5rem;font-weight:600}
main{max-width:60rem;margin:2rem auto;padding:0 1.5rem}h1{font-size:1.6rem}
dl{display:grid;grid-template-columns:10rem 1fr;gap:.4rem 1rem}dt{color:#555}
.layout{display:grid;grid-template-columns:16rem 1fr;gap:2rem}nav ul{list-style:none;padding:0}
nav a{display:block;padding:.4rem .6rem;border-radius:4px;color:#1662dd}nav a[aria-current="true"]{background:#e8effc;font-weight:600}
[role="dialog"]{background:#fff;border:1px solid #ccc;border-radius:6px;padding:1rem 1.5rem;margin-top:1.5rem;box-shadow:0 4px 16px #0002}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.4rem .8rem;text-align:left}`;

export function consolePage(org: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} - ${escapeHtml(org)} - Admin Console</title>
<style>${STYLE}</style>
</head>
<body>
<header data-se="admin-header">Okta Admin Console <span class="org">(${escapeHtml(org)}, simulated)</span></header>
<main>
${body}
</main>
</body>
</html>`;
}

/** One object's page: the heading is its name, the list its key fields. */
export function objectBody(kind: string, name: string, fields: [string, unknown][]): string {
  const rows = fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return `<p data-se="object-kind">${escapeHtml(kind)}</p>
<h1 data-se="object-name">${escapeHtml(name)}</h1>
<dl>${rows}</dl>`;
}

/** A list page whose selected item's detail pane is beside the list (policies). */
export function listWithDetail(
  heading: string,
  items: { id: string; name: string; href: string }[],
  selected: { name: string; fields: [string, unknown][] } | undefined,
): string {
  const links = items
    .map(
      (i) =>
        `<li><a href="${escapeHtml(i.href)}"${selected?.name === i.name ? ' aria-current="true"' : ''}>${escapeHtml(i.name)}</a></li>`,
    )
    .join('');
  const detail = selected
    ? `<section aria-label="Policy details"><h2 data-se="policy-name">${escapeHtml(selected.name)}</h2><dl>${selected.fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl></section>`
    : '<p>No policy selected.</p>';
  return `<h1>${escapeHtml(heading)}</h1><div class="layout"><nav aria-label="Policies"><ul>${links}</ul></nav>${detail}</div>`;
}

/** A table page with an open edit dialog for one row (network zones). */
export function tableWithDialog(
  heading: string,
  rows: { id: string; name: string; cells: unknown[]; href: string }[],
  open: { name: string; fields: [string, unknown][] } | undefined,
): string {
  const trs = rows
    .map(
      (r) =>
        `<tr><td><a href="${escapeHtml(r.href)}">${escapeHtml(r.name)}</a></td>${r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  const dialog = open
    ? `<div role="dialog" aria-modal="true" aria-labelledby="edit-title"><h2 id="edit-title" data-se="o-form-head">${escapeHtml(open.name)}</h2><dl>${open.fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl></div>`
    : '';
  return `<h1>${escapeHtml(heading)}</h1><table><tbody>${trs}</tbody></table>${dialog}`;
}
