import type { TBuild } from '../build.ts';

/** The authenticators a new Identity Engine org has (`AuthenticatorsResponse` example). */
export function buildAuthenticators(b: TBuild): void {
  const add = (key: string, type: string, name: string, status: string, extra: object = {}) =>
    b.put('authenticators', 'aut', { type, key, status, name, ...extra });
  add('okta_email', 'email', 'Email', 'ACTIVE', { settings: { allowedFor: 'any', tokenLifetimeInMinutes: 5 } });
  add('okta_password', 'password', 'Password', 'ACTIVE');
  add('okta_verify', 'app', 'Okta Verify', 'ACTIVE', {
    settings: {
      channelBinding: { style: 'NUMBER_CHALLENGE', required: 'HIGH_RISK_ONLY' },
      compliance: { fips: 'OPTIONAL' },
      userVerification: 'PREFERRED',
    },
  });
  add('phone_number', 'phone', 'Phone', 'INACTIVE', { settings: { allowedFor: 'none' } });
  add('webauthn', 'security_key', 'Security Key or Biometric', 'ACTIVE');
  add('security_question', 'security_question', 'Security Question', 'INACTIVE', {
    settings: { allowedFor: 'recovery' },
  });
}

/** The system zones: the legacy IP zone, the IP blocklist, and the enhanced dynamic zone blocking anonymizers. */
export function buildZones(b: TBuild): void {
  b.put('zones', 'nzo', {
    type: 'IP',
    name: 'LegacyIpZone',
    status: 'ACTIVE',
    usage: 'POLICY',
    system: true,
    gateways: null,
    proxies: null,
  });
  b.put('zones', 'nzo', {
    type: 'IP',
    name: 'BlockedIpZone',
    status: 'ACTIVE',
    usage: 'BLOCKLIST',
    system: true,
    gateways: null,
    proxies: null,
  });
  b.put('zones', 'nzo', {
    type: 'DYNAMIC_V2',
    name: 'DefaultEnhancedDynamicZone',
    status: 'ACTIVE',
    usage: 'BLOCKLIST',
    system: true,
    locations: { include: [], exclude: [] },
    ipServiceCategories: { include: ['ALL_ANONYMIZERS'], exclude: [] },
    asns: { include: [], exclude: [] },
  });
}

/** Okta's preset behavior detection rules. */
export function buildBehaviors(b: TBuild): void {
  const add = (name: string, type: string, settings: object) =>
    b.put('behaviors', 'abt', { name, type, status: 'ACTIVE', settings });
  add('New Country', 'ANOMALOUS_LOCATION', { maxEventsUsedForEvaluation: 100, granularity: 'COUNTRY' });
  add('New State', 'ANOMALOUS_LOCATION', { maxEventsUsedForEvaluation: 100, granularity: 'SUBDIVISION' });
  add('New City', 'ANOMALOUS_LOCATION', { maxEventsUsedForEvaluation: 100, granularity: 'CITY' });
  add('New Geo-Location', 'ANOMALOUS_LOCATION', {
    maxEventsUsedForEvaluation: 100,
    granularity: 'LAT_LONG',
    radiusKilometers: 20,
  });
  add('New Device', 'ANOMALOUS_DEVICE', { maxEventsUsedForEvaluation: 20 });
  add('New IP', 'ANOMALOUS_IP', { maxEventsUsedForEvaluation: 50 });
  add('Velocity', 'VELOCITY', { velocityKph: 805 });
}

/** Singletons: Admin Console sessions, attack protection, ThreatInsight. */
export function buildSecuritySettings(b: TBuild): void {
  const { singletons } = b.org.data;
  singletons.set('adminConsole', { sessionIdleTimeoutMinutes: 15, sessionMaxLifetimeMinutes: 720 });
  singletons.set('userLockout', { preventBruteForceLockoutFromUnknownDevices: false });
  singletons.set('threatInsight', { action: 'none', excludeZones: [], created: b.at(), lastUpdated: b.at() });
}
