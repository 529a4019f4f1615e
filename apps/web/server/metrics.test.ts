import { describe, expect, it } from 'vitest';
import { createMetrics, methodLabel, routeGroup } from './metrics.ts';

describe('routeGroup', () => {
  it.each([
    ['/', 200, '/'],
    ['/healthz', 200, '/healthz'],
    ['/metrics', 200, '/metrics'],
    ['/settings', 200, '/settings'],
    ['/backups/new', 200, '/backups/new'],
    ['/backups/0b9c2f4e-8a51-4b7f-9e1a-1c2d3e4f5a6b', 200, '/backups/:param'],
    ['/backups/12345', 200, '/backups/:param'],
    ['/backups/12345/diff/999', 200, '/backups/:param/*'],
    ['/backups.data', 200, '/backups'],
    ['/_root.data', 200, '/'],
    ['/api/trpc/members.list', 200, '/api/trpc'],
    ['/api/trpc/members.list,audit.list', 500, '/api/trpc'],
    ['/assets/root-BxY12.js', 200, '/assets'],
  ])('%s (%i) → %s', (path, status, group) => {
    expect(routeGroup(path, status)).toBe(group);
  });

  it('puts every unmatched path in one group, however many are probed', () => {
    const groups = new Set(Array.from({ length: 100 }, (_, i) => routeGroup(`/wp-admin-${i}/x`, 404)));
    expect([...groups]).toEqual(['unmatched']);
  });

  it('keeps ids out of labels', () => {
    for (let i = 0; i < 100; i++) expect(routeGroup(`/members/m${i}x`, 200)).toBe('/members/:param');
  });
});

describe('methodLabel', () => {
  it('keeps standard methods and folds the rest', () => {
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
  });
});

describe('createMetrics', () => {
  it('records durations labelled by method, route group and status', async () => {
    const m = createMetrics();
    m.observe('GET', '/backups/42', 200, 0.02);
    const text = await m.registry.metrics();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/backups\/:param",status="200"\} 1/,
    );
    expect(text).toContain('process_cpu_seconds_total');
  });
});
