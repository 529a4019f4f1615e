import type { Deps } from '../deps.ts';
import { openBody } from '../snapshots/object-codec.fns.ts';

const BATCH = 500;

/** Decrypts snapshot versions by address (latin1 strings, as the manifest keeps them). */
export async function openVersions(deps: Pick<Deps, 'db' | 'keyring'>, tenantId: string, addresses: Iterable<string>): Promise<Map<string, unknown>> {
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const wanted = [...new Set(addresses)];
  const out = new Map<string, unknown>();
  for (let i = 0; i < wanted.length; i += BATCH) {
    const chunk = wanted.slice(i, i + BATCH).map((a) => Buffer.from(a, 'latin1'));
    const rows = await deps.db.selectFrom('object_versions').select(['address', 'body']).where('tenant_id', '=', tenantId).where('address', 'in', chunk).execute();
    for (const r of rows) out.set(r.address.toString('latin1'), JSON.parse(openBody(key, tenantId, r.address, r.body)));
  }
  return out;
}
