import { HttpError } from './http.ts';

/**
 * Writes of one tenant serialise on its audit chain in Postgres anyway (appending locks the chain's
 * head until commit). Queueing them here instead keeps a burst from one tenant's IdP from holding
 * every pooled connection while it waits on that lock, which would stall other tenants' requests.
 * Past `maxQueued` waiting writes, the answer is 429 with Retry-After, which Okta and Entra honour.
 * In memory, per process, like the failed-authentication limit.
 */
export class TenantWriteGate {
  private readonly tenants = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(
    private readonly concurrency = 2,
    private readonly maxQueued = 200,
  ) {}

  async run<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
    const t = this.tenants.get(tenantId) ?? { active: 0, waiting: [] };
    this.tenants.set(tenantId, t);
    if (t.active >= this.concurrency) {
      if (t.waiting.length >= this.maxQueued) {
        throw new HttpError(429, 'Too many concurrent changes for this tenant; retry shortly', undefined, {
          'Retry-After': '1',
        });
      }
      await new Promise<void>((resolve) => t.waiting.push(resolve));
    } else t.active++;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = t.waiting.shift();
      if (next) next();
      else if (--t.active === 0) this.tenants.delete(tenantId);
    }
  }
}
