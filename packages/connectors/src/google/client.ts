import type { GoogleConnectionConfig, IdpClient, IdpObject } from '@butterfly/domain/idp';
import type { HostLookup } from '@butterfly/outbound';
import { type Clock, realClock } from '../okta/http/clock.ts';
import { StatsRecorder } from '../okta/http/stats.ts';
import { testGoogleAccess } from './access.ts';
import { GOOGLE_AUDIT_SCOPE, GoogleTargetIndex, listGoogleAuditEvents } from './audit-events.ts';
import { GoogleTokenSource } from './auth/token.ts';
import { GOOGLE_CATALOG, READ_SCOPES, WRITE_SCOPES } from './catalog.ts';
import { googleDefaultTypes, googleTypeDef, googleTypeInfo } from './catalog.fns.ts';
import { GoogleAuthError, GoogleError } from './errors.ts';
import { GoogleHttp, type GoogleRetryOptions } from './http/google-http.ts';
import { QuotaGovernor } from './http/quota-governor.ts';
import { GoogleWire } from './http/wire.ts';
import { listGoogleObjects } from './lister.ts';
import { firstRead, type GoogleBases } from './pager.ts';
import { findGoogleObject } from './write/find-object.ts';
import { googleManualStep } from './write/manual.fns.ts';
import { writeGoogleObject } from './write/write-object.ts';

export const DEFAULT_GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_GOOGLE_API_URL = 'https://admin.googleapis.com';
export const GOOGLE_CLOUD_IDENTITY_URL = 'https://cloudidentity.googleapis.com';
export const GOOGLE_GROUPS_SETTINGS_URL = 'https://www.googleapis.com';

export type { GoogleConnectionConfig };

export interface GoogleClientOptions extends GoogleRetryOptions {
  allowPrivateNetwork?: boolean;
  allowAddresses?: readonly string[];
  lookup?: HostLookup;
  timeoutMs?: number;
  clock?: Clock;
  /** Override of the Directory API's per-minute quota (tests; a project Google gave more). */
  queriesPerMin?: number;
  /** Override of the least gap between Policy API pages (default 1 s). */
  policyGapMs?: number;
}

export interface GoogleClient extends IdpClient {
  /** Directory queries the governor counts in the last minute: for the bench and the tests. */
  queriesUsed(): number;
}

/**
 * Decision 062: the default Admin SDK URL means Google's three hosts; any other API URL is a
 * simulator serving the Admin SDK, Cloud Identity and Groups Settings below that one base (their
 * paths do not overlap: /admin/directory/v1, /v1/…, /groups/v1).
 */
export function googleBases(apiUrl: string | undefined): GoogleBases {
  const api = (apiUrl ?? DEFAULT_GOOGLE_API_URL).replace(/\/+$/, '');
  if (api === DEFAULT_GOOGLE_API_URL)
    return { directory: api, cloudidentity: GOOGLE_CLOUD_IDENTITY_URL, groupssettings: GOOGLE_GROUPS_SETTINGS_URL };
  return { directory: api, cloudidentity: api, groupssettings: api };
}

/** The Admin SDK, Groups Settings and Cloud Identity as the domain's IdpClient: reads for backups, writes for restores (decision 066). */
export function createGoogleClient(config: GoogleConnectionConfig, options: GoogleClientOptions = {}): GoogleClient {
  const clock = options.clock ?? realClock;
  const tokenUrl = config.tokenUrl ?? DEFAULT_GOOGLE_TOKEN_URL;
  const bases = googleBases(config.apiUrl);
  const wire = new GoogleWire({
    allowed: [tokenUrl, ...new Set(Object.values(bases))],
    allowPrivateNetwork: options.allowPrivateNetwork,
    allowAddresses: options.allowAddresses,
    lookup: options.lookup,
    timeoutMs: options.timeoutMs,
  });
  const tokenFor = (scopes: readonly string[]) =>
    new GoogleTokenSource({
      tokenUrl,
      adminEmail: config.adminEmail,
      key: config.credentials,
      scopes,
      wire,
      clock,
      random: options.random,
    });
  const token = tokenFor(READ_SCOPES);
  const governor = new QuotaGovernor({
    queriesPerMin: options.queriesPerMin,
    share: (config.rateLimitShare ?? 50) / 100,
    policyGapMs: options.policyGapMs,
    clock,
  });
  const stats = new StatsRecorder();
  const http = new GoogleHttp({ wire, governor, token, clock, stats, retry: options });
  // The Admin audit log has a token of its own: a customer who did not delegate its scope still backs up.
  const auditHttp = new GoogleHttp({
    wire,
    governor,
    token: tokenFor([GOOGLE_AUDIT_SCOPE]),
    clock,
    stats,
    retry: options,
  });
  const targets = new GoogleTargetIndex();
  // Decision 066: reads (backups, a restore's preview) ask for the read scopes only, so a preview
  // works before the write scopes are delegated (and says which are missing); a restore's writes
  // ask for the write scopes, through the same governor.
  const writeToken = config.purpose === 'restore' ? tokenFor(WRITE_SCOPES) : token;
  const writeHttp =
    writeToken === token ? http : new GoogleHttp({ wire, governor, token: writeToken, clock, stats, retry: options });
  let customer: Promise<string> | undefined;
  const customerId = (signal?: AbortSignal) => {
    customer ??= http.get(firstRead(googleTypeDef('customer'), bases, 'my_customer'), signal).then((b) => {
      const id = (b as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || !id) throw new GoogleError('GET customers/my_customer answered no customer id');
      return id;
    });
    customer.catch(() => {
      customer = undefined;
    });
    return customer;
  };
  type SkipChildren = NonNullable<Parameters<IdpClient['listObjects']>[0]>['skipChildren'];
  async function* list(types: readonly string[], signal?: AbortSignal, skipChildren?: SkipChildren) {
    for await (const o of listGoogleObjects({ http, stats, bases, customerId }, { types, signal, skipChildren })) {
      targets.observe(o);
      yield o;
    }
  }

  return {
    listObjects: (opts = {}) => list(opts.types ?? googleDefaultTypes(), opts.signal, opts.skipChildren),
    async readObject(ref, opts = {}) {
      googleTypeDef(ref.type);
      let found: IdpObject | undefined;
      for await (const obj of list([ref.type], opts.signal)) if (obj.id === ref.id) found = obj;
      return found;
    },
    writeObject: (ref, op, opts = {}) =>
      writeGoogleObject({ http: writeHttp, bases, customerId }, ref, op, opts.signal),
    findObject: (ref, body, opts = {}) => findGoogleObject({ http, stats, bases, customerId }, ref, body, opts.signal),
    manualStep: googleManualStep,
    listLogEvents: (o) => listGoogleAuditEvents(auditHttp, bases, targets, o),
    async missingScopes(scopes, opts = {}) {
      const out: string[] = [];
      for (const scope of scopes) {
        const r = await writeToken.exchange([scope], opts.signal);
        if (!r.ok && r.code === 'DELEGATION_MISSING') out.push(scope);
        else if (!r.ok) throw new GoogleAuthError(r.code, r.detail);
      }
      return out;
    },
    // Decision 064: `users.watch` on the customer's users; Google caps a channel at 6 hours.
    async watchUsers(ch, opts = {}) {
      const answer = (await http.write(
        {
          method: 'POST',
          // A channel id is Google's to refuse twice: never re-sent after a lost answer.
          idempotent: false,
          url: `${bases.directory}/admin/directory/v1/users/watch?customer=my_customer`,
          key: 'POST /admin/directory/v1/users/watch',
          scope: READ_SCOPES[1],
          lane: 'directory',
          body: {
            id: ch.id,
            type: 'web_hook',
            address: ch.address,
            token: ch.token,
            expiration: String(ch.expiresAt.getTime()),
          },
        },
        opts.signal,
      )) as { resourceId?: unknown; expiration?: unknown } | undefined;
      if (typeof answer?.resourceId !== 'string') throw new GoogleError('users.watch answered no resourceId');
      const ms = Number(answer.expiration);
      return { resourceId: answer.resourceId, expiresAt: Number.isFinite(ms) ? new Date(ms) : ch.expiresAt };
    },
    testAccess: (opts = {}) => testGoogleAccess(token, opts.signal),
    stats: () => stats.snapshot(),
    objectTypes: () => GOOGLE_CATALOG.map(googleTypeInfo),
    queriesUsed: () => governor.usedAt(clock.now()),
  };
}
