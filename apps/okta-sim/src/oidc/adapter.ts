import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Org } from '../orgs/org.ts';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * oidc-provider's storage (sessions, interactions, codes, tokens, grants) for one org.
 *
 * Why not its built-in memory adapter: that one is a single module-wide store shared by every
 * provider in the process, and it dies with the provider we replace on key rotation. This store
 * belongs to the org and outlives provider rebuilds, so a key rotation does not sign anyone out.
 *
 * Clients are not stored here: the `Client` model reads the org's active OPENID_CONNECT apps, so an
 * app created through the control API or the Management API is live at once (oidc-provider has no
 * API to add static clients after construction).
 */
export class OidcStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly org: Org) {}

  factory(): AdapterFactory {
    return (model) => (model === 'Client' ? this.clientAdapter() : this.modelAdapter(model));
  }

  private get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) this.entries.delete(key);
    else return entry?.payload;
    return undefined;
  }

  private findBy(model: string, match: (p: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const [key, entry] of this.entries) {
      if (key.startsWith(`${model}:`) && match(entry.payload)) return this.get(key);
    }
    return undefined;
  }

  private modelAdapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        this.sweep();
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        this.entries.set(key(id), { payload, expiresAt });
      },
      find: async (id) => this.get(key(id)),
      findByUid: async (uid) => this.findBy(model, (p) => p.uid === uid),
      findByUserCode: async (userCode) => this.findBy(model, (p) => p.userCode === userCode),
      consume: async (id) => {
        const payload = this.get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, entry] of this.entries) if (entry.payload.grantId === grantId) this.entries.delete(k);
      },
    };
  }

  private clientAdapter(): Adapter {
    const readOnly = async () => {
      throw new Error('clients are registered through the control API');
    };
    return {
      find: async (id) => {
        const c = this.org.findClient(id);
        // No backchannel_logout_uri here: logout tokens are sent by src/push when a test or the demo
        // asks (`/_sim/orgs/<org>/backchannel-logout`), not by oidc-provider on its own events.
        return (
          c && {
            client_id: c.client_id,
            client_secret: c.client_secret,
            client_name: c.client_name,
            redirect_uris: [...c.redirect_uris],
            post_logout_redirect_uris: [...c.post_logout_redirect_uris],
          }
        );
      },
      upsert: readOnly,
      findByUid: async () => undefined,
      findByUserCode: async () => undefined,
      consume: readOnly,
      destroy: readOnly,
      revokeByGrantId: async () => undefined,
    };
  }

  /** A simulator's traffic is small; dropping expired entries on each write keeps memory flat. */
  private sweep() {
    const now = Date.now();
    for (const [k, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(k);
  }
}
