/**
 * What the content script and the options page ask the service worker, and what it answers. The
 * service worker alone holds tokens and talks to Butterfly; the org a content script asks about is
 * taken from its tab's URL, never from the message.
 */
export type ExtensionRequest =
  | { kind: 'inspect'; type: string; id: string; body: unknown }
  | { kind: 'snapshot'; type: string; id: string }
  | { kind: 'open-options' }
  | { kind: 'state' }
  | { kind: 'connect'; butterflyUrl: string }
  | { kind: 'disconnect' };

export interface ObjectStatus {
  connection: { id: string; name: string; orgUrl: string };
  type: string;
  id: string;
  label: string | null;
  versionCount: number;
  lastBackup: { snapshotId: string; at: string; kind: 'full' | 'object' } | null;
  latestFullBackup: { snapshotId: string; at: string } | null;
  inLatestFullBackup: boolean;
  compliance: {
    scan: { id: string; at: string } | null;
    findings: { ruleId: string; title: string; severity: string; reason: string }[];
  } | null;
  links: { history: string; object: string | null; diff: string | null; restorePreview: string | null };
}

export interface ObjectComparison {
  stored: boolean;
  changed: boolean | null;
  onlyVolatile?: boolean;
  lastBackupAt: string | null;
  changes: { path: string; kind: 'added' | 'removed' | 'changed'; volatile: boolean }[];
  more: number;
}

/** Why the panel cannot show Butterfly's view, in words for the admin. */
export type Unavailable =
  | { state: 'not-connected' }
  | { state: 'signed-out'; reason: string }
  | { state: 'error'; code?: string; message: string };

export type InspectAnswer =
  | Unavailable
  | {
      state: 'ok';
      butterflyUrl: string;
      canSnapshot: boolean;
      canPreviewRestore: boolean;
      status: ObjectStatus;
      comparison: ObjectComparison;
    };

export type SnapshotAnswer = Unavailable | { state: 'ok'; snapshotId: string; at: string; changed: boolean };

export interface ConnectionState {
  butterflyUrl?: string;
  connected: boolean;
  account?: { email: string; role: string; tenant: string };
  signedOut?: { at: string; reason: string };
  connectError?: string;
  connecting: boolean;
}
