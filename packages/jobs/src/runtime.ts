import type { Logger } from '@butterfly/config';
import type { MailSettings } from './webhooks/send-email.ts';
import type { DB, Kysely } from '@butterfly/db';
import type { Deps, JobQueue } from '@butterfly/domain/core';
import type { Keyring } from '@butterfly/domain/crypto';
import type { IdpClientFactory } from '@butterfly/domain/idp';
import type { BodyStore } from '@butterfly/domain/bodies';

/** What tasks need at run time; the worker builds it once and binds every task to it. */
export interface JobRuntime {
  db: Kysely<DB>;
  keyring: Keyring;
  /** Where snapshot bodies are kept (BUTTERFLY_BODY_STORE); Postgres when absent. */
  bodies?: BodyStore;
  log: Logger;
  idpClientFor: IdpClientFactory;
  jobs: JobQueue;
  clock?: () => Date;
  /** BUTTERFLY_ALLOW_PRIVATE_URLS: may alert webhooks reach private and loopback addresses? (default no) */
  allowPrivateUrls?: boolean;
  /** SMTP_URL and SMTP_FROM for email channels; unset: their deliveries fail "not configured". */
  mail?: MailSettings;
  /** APP_URL, for links back to the dashboard in alerts. */
  appUrl?: string;
  /** BUTTERFLY_FRESHNESS_POLL_SECONDS and BUTTERFLY_FRESHNESS_SETTLE_SECONDS (decision 048); defaults 30 and 5. */
  freshness?: { pollSeconds: number; settleSeconds: number };
  /** BUTTERFLY_DIRECTORY_SYNC_MINUTES (decision 064): how often a Google directory sync runs; default 15. */
  directorySyncMinutes?: number;
}

/** The freshness timing a runtime uses: its own, or the defaults. */
export const freshnessTiming = (rt: JobRuntime) => rt.freshness ?? { pollSeconds: 30, settleSeconds: 5 };

/** Deps for a use-case run by a job: the product acting on its own. */
export const systemDeps = (rt: JobRuntime, label: string): Deps & { db: Kysely<DB> } => ({
  db: rt.db,
  actor: { kind: 'system', label },
  log: rt.log,
  clock: rt.clock ?? (() => new Date()),
  keyring: rt.keyring,
  ...(rt.bodies ? { bodies: rt.bodies } : {}),
  jobs: rt.jobs,
});
