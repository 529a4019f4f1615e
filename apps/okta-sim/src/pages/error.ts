import { escapeHtml, layout } from './html.ts';

/** The page for an error that cannot go back to the client (bad client_id, bad redirect_uri, ...). */
export function errorPage(error: string, description?: string): string {
  return layout(
    'Error',
    `<h1>Something went wrong</h1>
<p role="alert"><strong>${escapeHtml(error)}</strong></p>
${description ? `<p>${escapeHtml(description)}</p>` : ''}`,
  );
}
