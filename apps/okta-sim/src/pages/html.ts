/** Plain server-rendered pages: no script, no external assets, so they work in any test browser. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f4f4;margin:0}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:6px;box-shadow:0 1px 3px #0003}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;margin:.8rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem;background:#1662dd;color:#fff;border:0;border-radius:4px}
.error{color:#a4000f;background:#fde8ea;padding:.6rem;border-radius:4px}.org{color:#555;font-size:.9rem}`;

/** `body` must already be escaped HTML. */
export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
