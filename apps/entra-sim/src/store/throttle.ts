const WINDOW_MS = 10_000;
const WRITE_WINDOW_MS = 150_000;
/** Writes per app+tenant per 2.5 minutes [THR]. */
export const WRITE_LIMIT = 3000;

/** The identity service's per app+tenant bucket for a tenant of this many users [THR]. */
export function ruLimitFor(users: number): number {
  if (users < 50) return 3500;
  if (users <= 500) return 5000;
  return 8000;
}

export interface TAdmission {
  ok: boolean;
  headers: Record<string, string>;
  /** Seconds until the window frees up (only when refused). */
  retryAfter?: number;
}

/**
 * Resource units per app in fixed 10-second windows. A refused call costs nothing, as Graph does
 * not charge throttled requests.
 */
export class Throttle {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private legacyCa = { second: 0, count: 0 };
  private readonly writes = new Map<string, { start: number; used: number }>();

  /** The write bucket (3,000 per 2.5 min per app+tenant), beside the RU one; undefined when admitted. */
  admitWrite(appId: string, tenantId: string, limit: number, now: number): TAdmission | undefined {
    let w = this.writes.get(appId);
    if (!w || now - w.start >= WRITE_WINDOW_MS) {
      w = { start: now, used: 0 };
      this.writes.set(appId, w);
    }
    if (w.used < limit) {
      w.used++;
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((w.start + WRITE_WINDOW_MS - now) / 1000));
    return {
      ok: false,
      retryAfter,
      headers: {
        'retry-after': String(retryAfter),
        'x-ms-throttle-scope': `Tenant_Application/Write/${appId}/${tenantId}`,
        'x-ms-throttle-information': 'WriteLimitExceeded',
      },
    };
  }

  admit(appId: string, tenantId: string, cost: number, limit: number, now: number): TAdmission {
    let w = this.windows.get(appId);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, used: 0 };
      this.windows.set(appId, w);
    }
    if (w.used + cost > limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
      return {
        ok: false,
        retryAfter,
        headers: {
          'retry-after': String(retryAfter),
          'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${appId}/${tenantId}`,
          'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
          'x-ms-throttle-limit-percentage': ((w.used + cost) / limit).toFixed(1),
        },
      };
    }
    w.used += cost;
    const headers: Record<string, string> = { 'x-ms-resource-unit': String(cost) };
    const share = w.used / limit;
    if (share > 0.8) headers['x-ms-throttle-limit-percentage'] = share.toFixed(1);
    return { ok: true, headers };
  }

  /** The older revision's 1 request/s per tenant for CA and named locations. */
  admitLegacyCa(now: number): boolean {
    const second = Math.floor(now / 1000);
    if (second !== this.legacyCa.second) this.legacyCa = { second, count: 0 };
    this.legacyCa.count++;
    return this.legacyCa.count <= 1;
  }
}
