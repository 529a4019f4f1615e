import type { Logger } from '@butterfly/config';
import type { DB, Kysely, Transaction } from '@butterfly/db';
import type { BodyStore } from './bodies/body-store.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { Role } from './permissions/matrix.ts';

/** Who is acting. Every use-case receives one, and every audit entry names it. */
export type Actor =
  | {
      kind: 'member';
      tenantId: string;
      memberId: string;
      role: Role;
      label: string;
      via: 'session' | 'api_token' | 'access_token' | 'test';
    }
  | { kind: 'scim'; tenantId: string; tokenId: string; label: string }
  /** Someone with shell and database access running the CLI: trusted like the database itself. */
  | { kind: 'operator'; label: string }
  /** The product acting on its own (scheduled jobs, the start-up seed). */
  | { kind: 'system'; label: string };

export type Db = Kysely<DB> | Transaction<DB>;

/**
 * The background jobs the domain queues, by task name, with the payload each takes. The names and
 * the zod schemas that check these payloads live in one place, @butterfly/jobs' task registry
 * (packages/jobs/src/registry.ts), which must accept every payload typed here (checked when it compiles).
 */
export interface DomainTaskPayloads {
  backup: { tenantId: string; connectionId: string; trigger: 'manual' | 'schedule' | 'api' };
  compliance_scan: {
    tenantId: string;
    snapshotId: string;
    trigger: 'manual' | 'backup' | 'api';
    requestedAt?: string;
    requestedBy?: string;
  };
  restore_preview: { tenantId: string; planId: string };
  restore_apply: { tenantId: string; planId: string };
  'webhook.deliver': { tenantId: string; deliveryId: string };
  'freshness.poll': { tenantId: string; connectionId: string; trigger: 'system_log' | 'event_hook' };
  'directory-sync.run': { tenantId: string; connectionId: string; trigger: 'manual' | 'schedule' | 'watch' };
}
export type DomainTaskName = keyof DomainTaskPayloads;

/**
 * Enqueues a background job on the caller's connection (so inside its transaction). The apps wire it
 * from @butterfly/jobs (`jobQueue`), which checks the payload against the task's schema.
 */
export interface JobQueue {
  enqueue<N extends DomainTaskName>(
    db: Db,
    task: N,
    payload: DomainTaskPayloads[N],
    opts?: {
      jobKey?: string;
      jobKeyMode?: 'replace' | 'preserve_run_at';
      runAt?: Date;
      maxAttempts?: number;
      /** Lower runs first (graphile-worker's order: priority, then run_at); default 0. */
      priority?: number;
    },
  ): Promise<{ jobId: string }>;
}

/** What every use-case takes. No module-level singletons in the domain: the apps wire these. */
export interface Deps {
  db: Db;
  actor: Actor;
  log: Logger;
  clock: () => Date;
  keyring: Keyring;
  requestId?: string;
  /**
   * Where snapshot bodies are kept (BUTTERFLY_BODY_STORE, decision 044); the apps wire it from the
   * configuration. Absent: Postgres (tests and tools that never configure another store).
   */
  bodies?: BodyStore;
  /** Present where the use-case enqueues work (API, CLI, worker). */
  jobs?: JobQueue;
}

/** The same deps bound to a transaction. */
export const withDb = <D extends Deps>(deps: D, db: Db): D => ({ ...deps, db });
