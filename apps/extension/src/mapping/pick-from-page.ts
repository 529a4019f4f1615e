import type { PageRule } from './pages.ts';

/**
 * The id of the object a list page shows as selected: the first of the rule's selectors that finds
 * visible text names it, looked up by name in the list the console reads. A list of one needs no
 * selection (an org with a single password policy). Undefined when nothing is selected.
 */
export function pickFromPage(
  rule: PageRule,
  textOf: (selector: string) => string | undefined,
  list: unknown[],
): string | undefined {
  const page = rule.page;
  if (!page) return undefined;
  const items = list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
  for (const selector of page.selectors) {
    const name = textOf(selector)?.trim();
    if (!name) continue;
    const found = items.find((i) => i[page.nameField] === name);
    if (found && typeof found.id === 'string') return found.id;
  }
  return items.length === 1 && typeof items[0]!.id === 'string' ? items[0]!.id : undefined;
}
