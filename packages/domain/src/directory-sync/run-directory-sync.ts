import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { markNeedsAttention } from '../backups/mark-needs-attention.ts';
import { clearNeedsAttention } from '../connections/clear-needs-attention.ts';
import { loadConnectionConfig } from '../connections/load-connection-config.ts';
import { ZConnectionId } from '../connections/connections.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { isCredentialRejection } from '../idp/credential-rejection.fns.ts';
import type { IdpClientFactory } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { roleGroupsOf, surelyUnchanged } from './directory-sync.fns.ts';
import { deactivateRemovedMember } from './deactivate-removed-member.ts';
import { directorySyncStatus } from './get-directory-sync-status.ts';
import { readDirectory } from './read-directory.ts';
import { findSyncConnection, selectSyncRow } from './sync-connection.ts';
import { type SyncOutcome, syncDirectoryUser } from './sync-directory-user.ts';

const OUTCOMES: SyncOutcome[] = [
  'created',
  'updated',
  'reactivated',
  'deactivated',
  'unchanged',
  'conflict',
  'foreign',
  'last_super_admin',
];

/** A stable code for what ended a run (never the message: it is shown, not matched). */
function errorCode(e: unknown): string {
  if (isDomainError(e)) return e.code;
  if (isCredentialRejection(e)) return 'CREDENTIAL_REJECTED';
  const name = (e as { name?: unknown })?.name;
  if (name === 'AbortError') return 'ABORTED';
  if (name === 'GoogleUnavailableError') return 'IDP_UNAVAILABLE';
  return 'SYNC_FAILED';
}

/**
 * One directory sync of a Google connection (decision 064): reads the customer's users and the
 * role groups' members, then creates, updates, reactivates and deactivates members one transaction
 * each (syncDirectoryUser), then deactivates the members whose Google user is gone. Nothing is
 * written until the whole directory was read, so a failed read changes no member; a run that dies
 * midway leaves each member done or untouched and the next run converges. The run's start, end,
 * counts and error are kept on the connection's `directory_syncs` row; a failure is returned, not
 * thrown (the next run tries again). A credential Google refused marks the connection "needs
 * attention" as a backup does; a run that succeeds clears it.
 */
export async function runDirectorySync(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  raw: { connectionId: string },
  opts: { signal?: AbortSignal; trigger?: string } = {},
) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'connection.manage');
  if (!deps.idpClientFor) throw new DomainError('INTERNAL', 'No IdP connector configured');
  const conn = await findSyncConnection(deps.db, tenantId, connectionId, { notPaused: true });
  const target = { tenantId, connectionId: conn.id };
  const started = deps.clock();
  await deps.db
    .insertInto('directory_syncs')
    .values({ tenant_id: tenantId, connection_id: conn.id, last_started_at: started, updated_at: started })
    .onConflict((oc) => oc.column('connection_id').doUpdateSet({ last_started_at: started, updated_at: started }))
    .execute();
  const counts: Record<string, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  let failure: { code: string; message: string } | null = null;
  let missingGroups: string[] = [];
  try {
    const groups = roleGroupsOf(await selectSyncRow(deps.db, tenantId, conn.id), conn.primaryDomain);
    const client = deps.idpClientFor(await loadConnectionConfig(deps, tenantId, conn.id));
    const read = await readDirectory(client, groups, opts.signal);
    missingGroups = read.missingGroups;
    counts.users = read.users.length;
    // Google always lists at least the admin the service account acts as: an empty listing is a fault,
    // and taking it at its word would deactivate every member the sync manages.
    if (!read.users.length) throw new DomainError('CONFLICT', 'Google listed no users: nothing was changed');
    const hints = new Map(
      (
        await deps.db
          .selectFrom('members')
          .select([
            'google_sub',
            'email',
            'user_name',
            'given_name',
            'family_name',
            'display_name',
            'role',
            'active',
            'directory_connection_id',
          ])
          .where('tenant_id', '=', tenantId)
          .where('google_sub', 'is not', null)
          .execute()
      ).map((m) => [m.google_sub!, m]),
    );
    for (const user of read.users) {
      opts.signal?.throwIfAborted();
      const role = read.roles.get(user.googleId) ?? null;
      const outcome = surelyUnchanged(user, role, hints.get(user.googleId), conn.id)
        ? 'unchanged'
        : await syncDirectoryUser(deps, target, user, role);
      counts[outcome]! += 1;
    }
    const listed = new Set(read.users.map((u) => u.googleId));
    const managed = await deps.db
      .selectFrom('members')
      .select(['id', 'google_sub'])
      .where('tenant_id', '=', tenantId)
      .where('directory_connection_id', '=', conn.id)
      .where('active', '=', true)
      .execute();
    for (const m of managed) {
      if (m.google_sub && listed.has(m.google_sub)) continue;
      opts.signal?.throwIfAborted();
      counts[await deactivateRemovedMember(deps, target, m.id)]! += 1;
    }
  } catch (e) {
    failure = { code: errorCode(e), message: ((e as Error)?.message ?? String(e)).slice(0, 500) };
    deps.log.warn({ err: failure, connectionId: conn.id }, 'directory sync failed');
    // Google refused the credential: the connection needs attention (and alerts), as a backup marks it.
    if (isCredentialRejection(e) && deps.jobs)
      await markNeedsAttention({ ...deps, jobs: deps.jobs }, { ...target, reason: failure.message }).catch((err) =>
        deps.log.error({ err, ...target }, 'could not mark the connection as needing attention'),
      );
  }
  const finished = deps.clock();
  const changed = counts.created! + counts.updated! + counts.reactivated! + counts.deactivated!;
  await inTransaction(deps.db, async (trx) => {
    if (!failure) await clearNeedsAttention({ ...deps, db: trx }, { ...target, via: 'directory_sync' });
    await trx
      .updateTable('directory_syncs')
      .set({
        last_finished_at: finished,
        last_counts: JSON.stringify(counts),
        last_error_code: failure?.code ?? null,
        last_error_message: failure?.message ?? null,
        // Unknown when the read failed: the last known list is kept.
        ...(failure ? {} : { last_missing_groups: missingGroups }),
        ...(failure ? {} : { last_success_at: finished }),
        updated_at: finished,
      })
      .where('tenant_id', '=', tenantId)
      .where('connection_id', '=', conn.id)
      .execute();
    // Each member change has its own entries; the run is audited when it changed something or failed.
    if (failure || changed)
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'directory_sync.run',
          outcome: failure ? 'failure' : 'success',
          target: { type: 'connection', id: conn.id },
          data: { trigger: opts.trigger ?? 'manual', counts, missingGroups, ...(failure ? { error: failure } : {}) },
        },
      );
  });
  return {
    ok: !failure,
    counts,
    missingGroups,
    status: await directorySyncStatus(deps.db, finished, tenantId, conn.id),
  };
}
