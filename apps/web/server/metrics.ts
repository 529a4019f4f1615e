import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// Static route segments are lowercase words; anything else (ids, uuids, dates, slugs with digits)
// is a parameter.
const WORD = /^[a-z][a-z-]{0,31}$/;

/**
 * The `route` label of a request: bounded whatever clients send. Unmatched paths collapse into one
 * value (so probing random URLs adds no series), prefixes with open-ended tails into their prefix,
 * and other paths keep at most two segments, parameters replaced by `:param`.
 */
export function routeGroup(path: string, status: number): string {
  if (status === 404) return 'unmatched';
  if (path === '/api/trpc' || path.startsWith('/api/trpc/')) return '/api/trpc';
  if (path.startsWith('/assets/')) return '/assets';
  if (path === '/__manifest') return path;
  // Single-fetch data requests (`/backups.data`, `/_root.data`) belong to their document route.
  const route = path === '/_root.data' ? '/' : path.replace(/\.data$/, '');
  const segments = route.split('/').filter(Boolean);
  if (segments.length === 0) return '/';
  const shown = segments.slice(0, 2).map((s) => (WORD.test(s) ? s : ':param'));
  return `/${shown.join('/')}${segments.length > 2 ? '/*' : ''}`;
}

export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

/** A registry per app (not prom-client's global one), so tests can build several apps. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds, by method, route group and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observe(method: string, path: string, status: number, seconds: number) {
      duration.observe(
        { method: methodLabel(method), route: routeGroup(path, status), status: String(status) },
        seconds,
      );
    },
  };
}
