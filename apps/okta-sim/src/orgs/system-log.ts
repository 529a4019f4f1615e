import { randomUUID } from 'node:crypto';
import type { Json } from '../model/types.ts';
import { iso } from '../okta/time.ts';
import type { Principal } from './principal.ts';

/** A System Log target: the object an event touched (`LogTarget` in the OpenAPI file). */
export interface TLogTarget {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}

/** What the request that caused an event looked like; the API fills it from its context. */
export interface TLogSource {
  principal: Principal;
  now: number;
  requestId: string;
  ip: string;
  userAgent: string;
  path: string;
}

/** Okta's wording for the events the simulator emits; anything else gets its event type as message. */
const MESSAGES: Record<string, string> = {
  'user.lifecycle.create': 'Create Okta user',
  'user.lifecycle.activate': 'Activate Okta user',
  'user.lifecycle.deactivate': 'Deactivate Okta user',
  'user.lifecycle.suspend': 'Suspend Okta user',
  'user.lifecycle.unsuspend': 'Unsuspend Okta user',
  'user.lifecycle.delete.initiated': 'Delete Okta user',
  'user.account.update_profile': 'Update user profile for Okta',
  'group.user_membership.add': 'Add user to group membership',
  'group.user_membership.remove': 'Remove user from group membership',
  'application.user_membership.add': 'Add user to application membership',
  'application.user_membership.remove': 'Remove user from application membership',
  'policy.rule.update': 'Update policy rule',
  'policy.rule.add': 'Add policy rule',
  'policy.rule.delete': 'Delete policy rule',
  'policy.lifecycle.update': 'Update policy',
};

/** The org's System Log: append-only, in the order events happened. */
export class SystemLog {
  readonly events: Json[] = [];
  /** Called with each event once recorded (the org's event hooks). */
  readonly listeners: ((event: Json) => void)[] = [];

  record(source: TLogSource, eventType: string, targets: TLogTarget[]): Json {
    const { principal: p } = source;
    const event = {
      uuid: randomUUID(),
      published: iso(source.now),
      eventType,
      version: '0',
      severity: 'INFO',
      legacyEventType: null,
      displayMessage: MESSAGES[eventType] ?? eventType,
      actor: { id: p.id, type: p.type, alternateId: p.alternateId, displayName: p.displayName, detailEntry: null },
      client: {
        userAgent: { rawUserAgent: source.userAgent, os: 'Unknown', browser: 'UNKNOWN' },
        zone: 'null',
        device: 'Unknown',
        id: p.kind === 'oauth' ? p.id : null,
        ipAddress: source.ip,
        geographicalContext: null,
      },
      device: null,
      authenticationContext: {
        authenticationProvider: null,
        credentialProvider: null,
        credentialType: null,
        issuer: null,
        interface: null,
        authenticationStep: 0,
        externalSessionId: 'unknown',
      },
      outcome: { result: 'SUCCESS', reason: null },
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
      debugContext: { debugData: { requestId: source.requestId, requestUri: source.path, url: source.path } },
      transaction: { type: 'WEB', id: source.requestId, detail: {} },
      request: { ipChain: [{ ip: source.ip, geographicalContext: null, version: 'V4', source: null }] },
      target: targets.map((t) => ({ ...t, detailEntry: null })),
    };
    this.events.push(event);
    for (const l of this.listeners) l(event);
    return event;
  }
}
