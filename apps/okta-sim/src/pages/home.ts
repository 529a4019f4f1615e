import { escapeHtml, layout } from './html.ts';

/** `/` and `/<org>`: where a person who opens the URL by hand learns what is served there. */
export function homePage(orgs: { name: string; url: string }[]): string {
  const items = orgs.map(
    (o) =>
      `<li><a href="${escapeHtml(o.url)}">${escapeHtml(o.name)}</a> - <a href="${escapeHtml(o.url)}/.well-known/openid-configuration">discovery</a></li>`,
  );
  return layout(
    'Okta simulator',
    `<h1>Okta simulator</h1>
${orgs.length ? `<ul>${items.join('\n')}</ul>` : '<p>No orgs yet: POST /_sim/orgs.</p>'}`,
  );
}
