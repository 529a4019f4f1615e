import { at, ev, fail, manual, named, pass, str } from '../compliance.fns.ts';
import { collect, isActive } from '../okta.fns.ts';
import type { ComplianceSnapshot, Outcome, SnapshotObject } from '../types.ts';

/** Dynamic zone proxy types that cover anonymizers (`TorAnonymizer` is the older spelling of `Tor`). */
const DYNAMIC_PROXY_TYPES = new Set(['Any', 'Tor', 'TorAnonymizer']);
/** Enhanced dynamic zone categories that cover every anonymizer. */
const BROAD_CATEGORIES = ['ALL_ANONYMIZERS', 'ALL_IP_SERVICES', 'ALL_PROXIES_VPNS'];

function blocksAnonymizers(zone: SnapshotObject): boolean {
  const type = at(zone.body, 'type');
  if (type === 'DYNAMIC') return DYNAMIC_PROXY_TYPES.has(String(at(zone.body, 'proxyType')));
  if (type !== 'DYNAMIC_V2') return false;
  const include = at(zone.body, 'ipServiceCategories.include');
  const cats = new Set(Array.isArray(include) ? include : []);
  return (
    BROAD_CATEGORIES.some((c) => cats.has(c)) || (cats.has('ANONYMIZER_TOR') && cats.has('ALL_ANONYMIZERS_EXCEPT_TOR'))
  );
}

/**
 * The STIG accepts either Okta's managed anonymizer list (a dynamic or enhanced dynamic blocklist) or
 * an IP blocklist of the ranges the organisation's CSSP supplies. Only the first can be judged from
 * the snapshot: whether an IP blocklist covers the CSSP's list is for a person to confirm.
 */
export async function anonymizerBlocking(s: ComplianceSnapshot): Promise<Outcome> {
  const blocklists = (await collect(s, 'network_zone')).filter(
    (z) => isActive(z) && at(z.body, 'usage') === 'BLOCKLIST',
  );
  const evidence = blocklists.flatMap((z) => {
    const type = at(z.body, 'type');
    const path = type === 'DYNAMIC' ? 'proxyType' : type === 'DYNAMIC_V2' ? 'ipServiceCategories.include' : 'gateways';
    const name = str(at(z.body, 'name')) ?? z.id;
    return [named(ev('network_zone', z, 'type'), name), named(ev('network_zone', z, path), name)];
  });
  if (blocklists.some(blocksAnonymizers)) return pass('An active blocklist zone blocks anonymizing proxies.', evidence);
  const ipLists = blocklists.filter(
    (z) =>
      at(z.body, 'type') === 'IP' &&
      Array.isArray(at(z.body, 'gateways')) &&
      (at(z.body, 'gateways') as unknown[]).length > 0,
  );
  if (ipLists.length)
    return manual("An active IP blocklist exists; confirm it holds the CSSP's list of anonymizer ranges.", evidence);
  return fail('No active blocklist zone blocks anonymizing proxies.', evidence);
}
