import type { Deps } from '../deps.ts';
import { openBody } from './object-codec.fns.ts';
import { type BodyStore, addressKey } from './body-store.ts';
import { versionStore } from './version-store.ts';

/** The deps' body store; the Postgres one when the process configured none (tests, tools). */
export const bodyStoreOf = (deps: Pick<Deps, 'bodies'>): BodyStore => deps.bodies ?? versionStore(null);

/**
 * Opened bodies by address. Each `get` parses afresh, so two objects that share a version (equal
 * content) never share a mutable value, as when every row was parsed on its own.
 */
export class OpenedBodies {
  private readonly json: Map<string, string>;
  constructor(json: Map<string, string>) {
    this.json = json;
  }
  get(address: Buffer | string): unknown {
    const text = this.json.get(typeof address === 'string' ? address : addressKey(address));
    return text === undefined ? undefined : JSON.parse(text);
  }
  keys() {
    return this.json.keys();
  }
}

/**
 * The bodies of these versions, decrypted, in one call to the store per batch. A body the store
 * does not have is BODY_MISSING (a DomainError with that stable code), never a crash.
 */
export async function openBodies(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  tenantId: string,
  addresses: Iterable<Buffer>,
): Promise<OpenedBodies> {
  const wanted = [...addresses];
  const json = new Map<string, string>();
  if (!wanted.length) return new OpenedBodies(json);
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const sealed = await bodyStoreOf(deps).get(deps.db, tenantId, wanted);
  for (const [k, blob] of sealed) json.set(k, openBody(key, tenantId, Buffer.from(k, 'latin1'), blob));
  return new OpenedBodies(json);
}

/** One body, opened. */
export async function openOneBody(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  tenantId: string,
  address: Buffer,
): Promise<unknown> {
  return (await openBodies(deps, tenantId, [address])).get(address);
}
