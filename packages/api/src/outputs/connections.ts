import { z } from 'zod';
import { ZIdpAccessReport } from './shapes.ts';

const ZAuthKind = z.enum(['oauth', 'ssws']);
/** Okta: an OAuth service app or an SSWS token; Entra (decision 057): the app's client secret or certificate; Google (decision 062): a service account. */
const ZConnectionAuthKind = z.enum(['oauth', 'ssws', 'client_secret', 'certificate', 'service_account']);
const ZProvider = z.enum(['okta', 'entra', 'google']);

/** The last "test connection" report (IdpAccessReport). */
export const ZAccessReport = ZIdpAccessReport;

/** A connection as the dashboard, API and CLI show it: never its credential. */
export const ZConnectionView = z.object({
  id: z.string(),
  name: z.string(),
  provider: ZProvider,
  /** Okta: the org URL; Entra: the Graph URL. */
  orgUrl: z.string(),
  /** Entra: the tenant (directory) id and the identity platform's URL; null for Okta. */
  directoryId: z.string().nullable(),
  loginUrl: z.string().nullable(),
  /** Google (decision 062): the admin the service account acts as; null for the others. */
  adminEmail: z.string().nullable(),
  authKind: ZConnectionAuthKind,
  clientId: z.string().nullable(),
  keyId: z.string().nullable(),
  hasCredentials: z.boolean(),
  /** The connection's own share of each Okta rate-limit bucket (percent), or null for the default. */
  rateLimitShare: z.number().int().nullable(),
  /** The share of each bucket the governor stays within (percent): the setting, 50 for OAuth, 80 for SSWS. */
  rateLimitCeiling: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastTest: ZAccessReport.nullable(),
  lastTestedAt: z.string().nullable(),
  writeCredential: z
    .object({
      authKind: ZAuthKind,
      clientId: z.string().nullable(),
      keyId: z.string().nullable(),
      updatedAt: z.string().nullable(),
    })
    .nullable(),
  paused: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  status: z.enum(['ok', 'needs_attention']),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  deleted: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
});

/** A connection's event-driven freshness and recovery point (decision 048). */
export const ZConnectionFreshness = z.object({
  enabled: z.boolean(),
  recoveryPoint: z.string().nullable(),
  recoveryPointFrom: z.enum(['backup', 'system_log']).nullable(),
  polledAt: z.string().nullable(),
  lastError: z.string().nullable(),
  hookConfigured: z.boolean(),
  hookReceivedAt: z.string().nullable(),
  eventsSeen: z.number(),
  objectsSnapshotted: z.number(),
});

/** `connections.get`: the view with its freshness and recovery point. */
export const ZConnectionsGet = ZConnectionView.extend({ freshness: ZConnectionFreshness });

/** `connections.setFreshness`. */
export const ZConnectionsSetFreshness = ZConnectionFreshness;

/** `connections.rotateEventHookSecret`: what to paste into Okta; the secret is shown this once. */
export const ZConnectionsRotateEventHookSecret = z.object({
  connectionId: z.string(),
  path: z.string(),
  header: z.string(),
  secret: z.string(),
});

/** `connections.add`. */
export const ZConnectionsAdd = ZConnectionView;

/** `connections.pause`. */
export const ZConnectionsPause = ZConnectionView;

/** `connections.remove`. */
export const ZConnectionsRemove = z.object({
  id: z.string(),
  removed: z.literal(true),
  keptSnapshots: z.boolean(),
});

/** `connections.resume`. */
export const ZConnectionsResume = ZConnectionView;

/** `connections.setWriteCredential`. */
export const ZConnectionsSetWriteCredential = ZConnectionView;

/** `connections.test`. */
export const ZConnectionsTest = z.object({
  connection: z.object({
    id: z.string(),
    name: z.string(),
    provider: ZProvider,
    orgUrl: z.string(),
    directoryId: z.string().nullable(),
    loginUrl: z.string().nullable(),
    adminEmail: z.string().nullable(),
    authKind: ZConnectionAuthKind,
    clientId: z.string().nullable(),
    keyId: z.string().nullable(),
    hasCredentials: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastTest: ZIdpAccessReport.nullable(),
    lastTestedAt: z.string().nullable(),
    rateLimitShare: z.number().nullable(),
    rateLimitCeiling: z.number(),
    writeCredential: z
      .object({
        authKind: z.enum(['ssws', 'oauth']),
        clientId: z.string().nullable(),
        keyId: z.string().nullable(),
        updatedAt: z.string().nullable(),
      })
      .nullable(),
    paused: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
    status: z.enum(['ok', 'needs_attention']),
    statusReason: z.string().nullable(),
    statusChangedAt: z.string().nullable(),
    deleted: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
  }),
  report: ZIdpAccessReport,
});

/** `connections.update`. */
export const ZConnectionsUpdate = ZConnectionView;
