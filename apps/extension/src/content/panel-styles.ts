/**
 * The panel's look, scoped by its shadow root so the console's CSS and ours never meet. Theme
 * variables sit on `:host` (the dashboard's palette: indigo accents on slate), so a console page
 * cannot restyle the panel and the panel cannot restyle the console.
 */
export const PANEL_CSS = `
:host {
  --bf-bg: #ffffff; --bf-fg: #0f172a; --bf-muted: #475569; --bf-border: #cbd5e1;
  --bf-accent: #4f46e5; --bf-accent-fg: #ffffff; --bf-ok: #166534; --bf-ok-bg: #f0fdf4;
  --bf-warn: #92400e; --bf-warn-bg: #fffbeb; --bf-danger: #991b1b; --bf-danger-bg: #fef2f2;
  all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--bf-fg);
}
section.panel { width: 340px; max-height: 70vh; overflow: auto; background: var(--bf-bg); border: 1px solid var(--bf-border);
  border-radius: 8px; box-shadow: 0 8px 24px rgba(15, 23, 42, .18); }
header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px; border-bottom: 1px solid var(--bf-border); }
header h2 { font-size: 14px; margin: 0; }
.body { padding: 10px 12px; display: flex; flex-direction: column; gap: 8px; }
.body[hidden] { display: none; }
.object { margin: 0; font-weight: 600; word-break: break-word; }
.object .type { font-weight: 400; color: var(--bf-muted); }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
dt { color: var(--bf-muted); } dd { margin: 0; }
.note { margin: 0; padding: 6px 8px; border-radius: 6px; }
.note.ok { background: var(--bf-ok-bg); color: var(--bf-ok); }
.note.warn { background: var(--bf-warn-bg); color: var(--bf-warn); }
.note.danger { background: var(--bf-danger-bg); color: var(--bf-danger); }
ul { margin: 0; padding-left: 18px; } li { word-break: break-all; }
h3 { font-size: 13px; margin: 4px 0 0; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
button, a.button { font: inherit; border-radius: 6px; padding: 4px 10px; cursor: pointer; text-decoration: none; border: 1px solid var(--bf-border);
  background: var(--bf-bg); color: var(--bf-fg); }
button.primary { background: var(--bf-accent); color: var(--bf-accent-fg); border-color: var(--bf-accent); }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--bf-accent); outline-offset: 2px; }
a { color: var(--bf-accent); }
`;
