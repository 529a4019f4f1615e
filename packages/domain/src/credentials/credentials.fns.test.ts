import { describe, expect, it } from 'vitest';
import { appCredentials, crossedThreshold } from './credentials.fns.ts';

const now = new Date('2026-12-06T12:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();

describe('app credentials', () => {
  it('lists keys and secrets with their app label, soonest expiry first and those without one last', () => {
    const rows = appCredentials([
      { type: 'app', id: '0oaA', body: { label: 'Salesforce' } },
      { type: 'app', id: '0oaB', body: { label: 'Portal' } },
      {
        type: 'app.secret',
        id: '0oaB/ocs1',
        body: { id: 'ocs1', status: 'ACTIVE', created: '2026-01-01T00:00:00.000Z' },
      },
      {
        type: 'app.key',
        id: '0oaB/kidB',
        body: { kid: 'kidB', created: '2026-01-01T00:00:00.000Z', expiresAt: inDays(400) },
      },
      {
        type: 'app.key',
        id: '0oaA/kidA',
        body: { kid: 'kidA', created: '2026-01-01T00:00:00.000Z', expiresAt: inDays(21) },
      },
      { type: 'user', id: '00u1', body: {} },
    ]);
    expect(rows.map((r) => [r.appLabel, r.kind, r.credentialId])).toEqual([
      ['Salesforce', 'signing key', 'kidA'],
      ['Portal', 'signing key', 'kidB'],
      ['Portal', 'client secret', 'ocs1'],
    ]);
    expect(rows[2]).toMatchObject({ appId: '0oaB', status: 'ACTIVE', expiresAt: null });
  });

  it('names the threshold crossed: 30 days, 7 days, expired; nothing further out, inactive or without expiry', () => {
    const at = (d: number, status: string | null = null) => crossedThreshold({ expiresAt: inDays(d), status }, now);
    expect([at(45), at(30.5), at(29), at(8), at(6), at(0.5), at(-3)]).toEqual([undefined, undefined, 30, 30, 7, 7, 0]);
    expect(at(5, 'INACTIVE')).toBeUndefined();
    expect(at(5, 'ACTIVE')).toBe(7);
    expect(crossedThreshold({ expiresAt: null, status: 'ACTIVE' }, now)).toBeUndefined();
  });
});
