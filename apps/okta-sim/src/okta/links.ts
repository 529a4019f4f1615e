/** HAL links as Okta writes them: `{ href, hints: { allow: [...] } }`. */
export interface TLink {
  href: string;
  hints?: { allow: string[] };
  method?: string;
  name?: string;
  type?: string;
  title?: string;
}

export const link = (href: string, ...allow: string[]): TLink => (allow.length ? { href, hints: { allow } } : { href });

/** The usual `self` + lifecycle pair of an object that can be (de)activated. */
export function lifecycleLinks(self: string, status: string | undefined, allow: string[] = ['GET', 'PUT', 'DELETE']) {
  const links: Record<string, TLink> = { self: link(self, ...allow) };
  if (status === 'ACTIVE') links.deactivate = link(`${self}/lifecycle/deactivate`, 'POST');
  else if (status === 'INACTIVE') links.activate = link(`${self}/lifecycle/activate`, 'POST');
  return links;
}
