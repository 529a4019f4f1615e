import { openBodies } from '../bodies/open-bodies.ts';
import type { Deps } from '../deps.ts';

const BATCH = 500;

/** Decrypts snapshot versions by address (latin1 strings, as the manifest keeps them). */
export async function openVersions(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  tenantId: string,
  addresses: Iterable<string>,
): Promise<Map<string, unknown>> {
  const wanted = [...new Set(addresses)];
  const out = new Map<string, unknown>();
  for (let i = 0; i < wanted.length; i += BATCH) {
    const chunk = wanted.slice(i, i + BATCH).map((a) => Buffer.from(a, 'latin1'));
    const bodies = await openBodies(deps, tenantId, chunk);
    for (const k of bodies.keys()) out.set(k, bodies.get(k));
  }
  return out;
}
