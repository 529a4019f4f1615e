import type { InspectAnswer } from '../shared/messages.ts';
import { PANEL_CSS } from './panel-styles.ts';

type Child = Node | string | null | undefined | false;

/** Elements from text only: nothing Butterfly or the page says is ever parsed as HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c);
  return el;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface PanelActions {
  snapshot(): void;
  openOptions(): void;
}

export type PanelModel =
  | { state: 'loading' }
  | { state: 'message'; tone: 'ok' | 'warn' | 'danger'; text: string }
  | InspectAnswer;

/**
 * The panel beside the console page, in a shadow root of its own (closed in a release, so the
 * console's scripts cannot read or click it; open in the test build, for Playwright). Clicks must be
 * the admin's own (`isTrusted`): a script on the page cannot press "Snapshot" for them.
 */
export function createPanel(actions: PanelActions, mode: ShadowRootMode) {
  const host = document.createElement('butterfly-panel');
  const root = host.attachShadow({ mode });
  const style = h('style');
  style.textContent = PANEL_CSS;
  const body = h('div', { class: 'body', id: 'bf-body' });
  const toggle = h('button', { type: 'button', 'aria-expanded': 'true', 'aria-controls': 'bf-body' }, 'Hide');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide' : 'Show';
    body.hidden = !open;
  });
  root.append(
    style,
    h(
      'section',
      { class: 'panel', role: 'region', 'aria-label': 'Butterfly' },
      h('header', {}, h('h2', {}, 'Butterfly'), toggle),
      body,
    ),
  );

  const trusted = (fn: () => void) => (e: Event) => e.isTrusted && fn();
  const button = (label: string, fn: () => void, primary = false) => {
    const b = h('button', { type: 'button', ...(primary ? { class: 'primary' } : {}) }, label) as HTMLButtonElement;
    b.addEventListener('click', trusted(fn));
    return b;
  };

  function render(model: PanelModel, object?: { type: string; id: string }): Child[] {
    switch (model.state) {
      case 'loading':
        return [h('p', { class: 'note', role: 'status' }, 'Asking Butterfly…')];
      case 'message':
        return [h('p', { class: `note ${model.tone}`, role: 'status' }, model.text)];
      case 'not-connected':
        return [
          h('p', { class: 'note warn', role: 'status' }, 'Not connected to Butterfly.'),
          h('div', { class: 'actions' }, button('Connect', actions.openOptions, true)),
        ];
      case 'signed-out':
        return [
          h('p', { class: 'note danger', role: 'status' }, `Signed out of Butterfly. ${model.reason}.`),
          h('div', { class: 'actions' }, button('Connect again', actions.openOptions, true)),
        ];
      case 'error':
        return [
          h(
            'p',
            { class: 'note danger', role: 'status' },
            model.code === 'NOT_FOUND' ? model.message : `Butterfly could not answer: ${model.message}`,
          ),
        ];
      case 'ok':
        return renderStatus(model, object);
    }
  }

  function renderStatus(m: Extract<InspectAnswer, { state: 'ok' }>, object?: { type: string; id: string }): Child[] {
    const { status: s, comparison: c } = m;
    const link = (label: string, path: string | null) =>
      path &&
      h(
        'a',
        { class: 'button', href: `${m.butterflyUrl}${path}`, target: '_blank', rel: 'noopener noreferrer' },
        label,
      );
    const change = !c.stored
      ? h('p', { class: 'note warn', role: 'status' }, 'Not in any backup yet.')
      : c.changed
        ? h(
            'p',
            { class: `note ${c.onlyVolatile ? 'ok' : 'warn'}`, role: 'status' },
            c.onlyVolatile ? 'Only timestamps changed since last backup.' : 'Changed since last backup.',
          )
        : h('p', { class: 'note ok', role: 'status' }, 'Unchanged since last backup.');
    // Configuration first; fields that change by themselves (timestamps, sign-ins) last and marked.
    const listed = [...c.changes].sort((a, b) => Number(a.volatile) - Number(b.volatile));
    const paths =
      c.changed &&
      listed.length > 0 &&
      h(
        'ul',
        { 'aria-label': 'Changed fields' },
        ...listed.slice(0, 8).map((p) => h('li', {}, `${p.path} (${p.kind}${p.volatile ? ', automatic' : ''})`)),
        listed.length > 8 || c.more ? h('li', {}, `and ${Math.max(0, listed.length - 8) + c.more} more`) : null,
      );
    const findings = s.compliance?.findings ?? [];
    return [
      h('p', { class: 'object' }, s.label ?? object?.id ?? s.id, h('span', { class: 'type' }, ` · ${s.type}`)),
      h(
        'dl',
        {},
        h('dt', {}, 'Last backup'),
        h(
          'dd',
          {},
          s.lastBackup
            ? `${when(s.lastBackup.at)}${s.lastBackup.kind === 'object' ? ' (this object only)' : ''}`
            : 'never',
        ),
        h('dt', {}, 'Versions kept'),
        h('dd', {}, String(s.versionCount)),
        h('dt', {}, 'Connection'),
        h('dd', {}, s.connection.name),
      ),
      change,
      paths,
      h('h3', {}, 'Compliance'),
      !s.compliance
        ? h('p', {}, 'Your role does not show compliance results.')
        : !s.compliance.scan
          ? h('p', {}, 'No compliance scan yet.')
          : findings.length
            ? h(
                'ul',
                { 'aria-label': 'Failing rules' },
                ...findings.map((f) => h('li', {}, `${f.ruleId} (${f.severity}): ${f.title}`)),
              )
            : h('p', {}, 'No failing rule names this object.'),
      h(
        'div',
        { class: 'actions' },
        m.canSnapshot && button('Snapshot this object now', actions.snapshot, true),
        link('History', s.links.history),
        link('Diff', s.links.diff),
        link('Latest snapshot', s.links.object),
        m.canPreviewRestore && link('Restore preview', s.links.restorePreview),
      ),
    ];
  }

  return {
    show(model: PanelModel, object?: { type: string; id: string }) {
      body.replaceChildren(...render(model, object).filter((c): c is Node | string => !!c));
      if (!host.isConnected) document.documentElement.append(host);
    },
    hide() {
      host.remove();
    },
    root,
  };
}
