import type { EntraConnectionConfig, IdpClient, IdpObject } from '@butterfly/domain/idp';
import type { HostLookup } from '@butterfly/outbound';
import { type Clock, realClock } from '../okta/http/clock.ts';
import { StatsRecorder } from '../okta/http/stats.ts';
import { testEntraAccess } from './access.ts';
import { listAuditEvents } from './audit-events.ts';
import { TokenSource } from './auth/token.ts';
import { ENTRA_CATALOG } from './catalog.ts';
import { readChanges } from './changes.ts';
import { entraDefaultTypes, entraTypeDef, entraTypeInfo } from './catalog.fns.ts';
import { type DeltaRead, readDelta } from './delta.ts';
import { GraphHttp, type RetryOptions } from './http/graph-http.ts';
import { RuGovernor, type TenantSize } from './http/ru-governor.ts';
import { Wire } from './http/wire.ts';
import { listEntraObjects } from './lister.ts';
import { listDeleted } from './write/deleted-items.ts';
import { findEntraObject } from './write/find-object.ts';
import { writeEntraObject } from './write/write-object.ts';

export const DEFAULT_LOGIN_URL = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';

/** An Entra connection as the connector needs it (the domain's type; credentials opened from their sealed form). */
export type { EntraConnectionConfig };

export interface EntraClientOptions extends RetryOptions {
  allowPrivateNetwork?: boolean;
  allowAddresses?: readonly string[];
  lookup?: HostLookup;
  timeoutMs?: number;
  clock?: Clock;
  /** Override of the RU bucket (tests). */
  ruPer10s?: number;
  /** The tenant's size class for its RU bucket (default `small`, the safe assumption). */
  tenantSize?: TenantSize;
}

export interface EntraClient extends IdpClient {
  /** Decision 057: a delta read of a type Graph tracks, returning the deltaLink to store. */
  readDelta(type: string, o?: { deltaLink?: string; signal?: AbortSignal }): Promise<DeltaRead>;
  /** What the governor counts in the last 10 s (RU): for the bench and the tests. */
  ruUsed(): number;
}

/** Microsoft Graph as the domain's IdpClient: reads for backups (decision 057), writes for restores (decision 059). */
export function createEntraClient(config: EntraConnectionConfig, options: EntraClientOptions = {}): EntraClient {
  const clock = options.clock ?? realClock;
  const loginUrl = (config.loginUrl ?? DEFAULT_LOGIN_URL).replace(/\/+$/, '');
  const graphUrl = (config.graphUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
  const wire = new Wire({
    allowedBases: [`${loginUrl}/${config.directoryId}`, graphUrl],
    allowPrivateNetwork: options.allowPrivateNetwork,
    allowAddresses: options.allowAddresses,
    lookup: options.lookup,
    timeoutMs: options.timeoutMs,
  });
  const token = new TokenSource({
    loginUrl,
    directoryId: config.directoryId,
    clientId: config.clientId,
    credential: config.credentials,
    graphUrl,
    wire,
    clock,
    random: options.random,
  });
  const governor = new RuGovernor({
    tenantSize: options.tenantSize,
    ruPer10s: options.ruPer10s,
    share: (config.rateLimitShare ?? 50) / 100,
    clock,
  });
  const stats = new StatsRecorder();
  const graph = new GraphHttp({ graphUrl, wire, governor, token, clock, stats, retry: options });

  return {
    listObjects: (opts = {}) =>
      listEntraObjects(graph, stats, {
        types: opts.types ?? entraDefaultTypes(),
        signal: opts.signal,
        skipChildren: opts.skipChildren,
      }),
    async readObject(ref, opts = {}) {
      // By listing its type: Graph reads of one object are cheap, but not every type has one (decision 057).
      entraTypeDef(ref.type);
      let found: IdpObject | undefined;
      for await (const obj of listEntraObjects(graph, stats, { types: [ref.type], signal: opts.signal }))
        if (obj.id === ref.id) found = obj;
      return found;
    },
    // Decision 059: restores (write/).
    writeObject: (ref, op, opts = {}) => writeEntraObject(graph, ref, op, opts.signal),
    findObject: (ref, body, opts = {}) => findEntraObject(graph, stats, ref, body, opts.signal),
    listDeleted: (type, opts = {}) => listDeleted(graph, type, opts.signal),
    listLogEvents: (o) => listAuditEvents(graph, o),
    testAccess: (opts = {}) => testEntraAccess(token, opts.signal),
    stats: () => stats.snapshot(),
    objectTypes: () => ENTRA_CATALOG.map(entraTypeInfo),
    readDelta: (type, o = {}) => readDelta(graph, type, o),
    readChanges: (type, o) => readChanges(graph, type, o),
    ruUsed: () => governor.usedAt(clock.now()),
  };
}
