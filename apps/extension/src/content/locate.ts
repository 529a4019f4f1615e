import { type ConsolePage, readPath, typeOf } from '../mapping/match-page.ts';
import { pickFromPage } from '../mapping/pick-from-page.ts';
import type { GuardedFetch } from '../shared/guarded-fetch.ts';

export interface LocatedObject {
  type: string;
  id: string;
  /** As the console's own `/api/v1` read returned it. */
  body: Record<string, unknown>;
}

/** The visible text of the first element a selector finds (a hidden dialog is no selection). */
export function visibleText(doc: Document, selector: string): string | undefined {
  const el = doc.querySelector<HTMLElement>(selector);
  if (!el || (typeof el.checkVisibility === 'function' && !el.checkVisibility())) return undefined;
  return el.textContent ?? undefined;
}

/**
 * The object a console page shows, read the way the console reads it: a same-origin `/api/v1` GET
 * that carries the admin's console session (so Okta applies the admin's own permissions), through
 * the fetch that allows the console's origin only. Undefined when the page shows none (a list with
 * nothing selected) or the console will not read it.
 */
export async function locateObject(
  page: ConsolePage,
  doc: Document,
  consoleFetch: GuardedFetch,
): Promise<LocatedObject | undefined> {
  const read = async (path: string) => {
    const res = await consoleFetch(`${page.consoleBase}${path}`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    return res.ok ? ((await res.json()) as unknown) : undefined;
  };
  let id = page.id;
  if (!id && page.rule.page) {
    const list = await read(page.rule.page.list);
    id = pickFromPage(page.rule, (s) => visibleText(doc, s), Array.isArray(list) ? list : []);
  }
  if (!id) return undefined;
  const body = await read(readPath(page.rule, id));
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const type = typeOf(page.rule, body);
  return type ? { type, id, body: body as Record<string, unknown> } : undefined;
}

/**
 * What identifies the object on screen without reading anything: the URL, plus the selected name on
 * pages whose URL does not say. The content script re-locates only when this changes.
 */
export function pageSignature(page: ConsolePage | null, doc: Document): string {
  if (!page) return '';
  const selected = page.rule.page?.selectors.map((s) => visibleText(doc, s)?.trim() ?? '').join('|') ?? '';
  return `${page.consoleBase}|${page.rule.name}|${page.id ?? ''}|${selected}`;
}
