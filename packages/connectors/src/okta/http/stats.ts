import type { IdpEndpointStats, IdpRequestStats } from '@butterfly/domain/idp';

/** Counters behind `stats()`: per endpoint (method + path template) and per object type. */
export class StatsRecorder {
  private readonly endpoints = new Map<string, IdpEndpointStats>();
  private readonly types = new Map<string, { objects: number; skipped?: string }>();

  endpoint(key: string): IdpEndpointStats {
    const s = this.endpoints.get(key) ?? { requests: 0, rateLimited: 0, retries: 0, waits: 0, waitMs: 0 };
    this.endpoints.set(key, s);
    return s;
  }

  wait(key: string, ms: number) {
    const s = this.endpoint(key);
    s.waits++;
    s.waitMs += ms;
  }

  type(type: string) {
    const s = this.types.get(type) ?? { objects: 0 };
    this.types.set(type, s);
    return s;
  }

  snapshot(): IdpRequestStats {
    const byEndpoint = Object.fromEntries([...this.endpoints].map(([k, v]) => [k, { ...v }]));
    const all = Object.values(byEndpoint);
    const sum = (f: (s: IdpEndpointStats) => number) => all.reduce((n, s) => n + f(s), 0);
    return {
      requests: sum((s) => s.requests),
      rateLimitWaits: sum((s) => s.waits),
      rateLimitWaitMs: Math.round(sum((s) => s.waitMs)),
      rateLimited: sum((s) => s.rateLimited),
      retries: sum((s) => s.retries),
      ...(all.some((s) => s.resourceUnits !== undefined) ? { resourceUnits: sum((s) => s.resourceUnits ?? 0) } : {}),
      byEndpoint,
      byType: Object.fromEntries([...this.types].map(([k, v]) => [k, { ...v }])),
    };
  }
}
