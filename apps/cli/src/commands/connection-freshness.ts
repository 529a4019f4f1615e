import type { Command } from 'commander';
import { webEnv } from '@butterfly/config';
import { getConnection } from '@butterfly/domain/connections';
import { rotateEventHookSecret, setFreshness } from '@butterfly/domain/freshness';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit, UsageError } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { resolveConnection } from './connection-resolve.ts';

/** "40 s ago", "3 min ago", "2 h ago". */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/**
 * `connection freshness <tenant> <connection> [on|off]` and `connection event-hook <tenant> <connection>`
 * (decision 048): event-driven freshness, and what to paste into Okta for the event hook.
 */
export function registerConnectionFreshness(connection: Command) {
  connection
    .command('freshness')
    .description(
      "turn event-driven freshness on or off (the System Log is polled and each change snapshotted within a minute), or show the connection's recovery point",
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<connection>', 'connection id or name')
    .argument('[state]', 'on or off; leave out to show the state')
    .option('--json', 'print one JSON document')
    .action((slug: string, idOrName: string, state: string | undefined, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        if (state !== undefined && state !== 'on' && state !== 'off') throw new UsageError('give on or off');
        const tenant = await getTenantBySlug(deps, slug);
        const c = await resolveConnection(deps, tenant.id, idOrName);
        if (state !== undefined) {
          // The job queue loads only for this (decision 035: start-up stays light).
          const { jobQueue } = await import('@butterfly/jobs');
          await setFreshness({ ...deps, jobs: jobQueue }, tenant.id, { connectionId: c.id, enabled: state === 'on' });
        }
        const f = (await getConnection(deps, tenant.id, { connectionId: c.id })).freshness;
        emit({ json: !!opts.json }, f, () => [
          `${c.name}: event-driven freshness ${f.enabled ? 'on' : 'off'}`,
          `protected up to ${ago(f.recoveryPoint)}${f.recoveryPoint ? ` (${f.recoveryPoint}, from the ${f.recoveryPointFrom === 'system_log' ? 'System Log' : 'last backup'})` : ''}`,
          ...(f.lastError ? [`last poll failed: ${f.lastError}`] : []),
          ...(f.enabled && !f.hookConfigured
            ? [
                `for changes within seconds, set up the Okta event hook: butterfly connection event-hook ${slug} ${c.id}`,
              ]
            : []),
        ]);
      }),
    );

  connection
    .command('event-hook')
    .description(
      "make a new secret for the connection's Okta event hook and print the URL, header and secret to paste into Okta (the secret is shown this once; the old one stops working)",
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<connection>', 'connection id or name')
    .option('--json', 'print one JSON document')
    .action((slug: string, idOrName: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const c = await resolveConnection(deps, tenant.id, idOrName);
        const hook = await rotateEventHookSecret(deps, tenant.id, { connectionId: c.id });
        const url = `${webEnv().APP_URL}${hook.path}`;
        emit({ json: !!opts.json }, { ...hook, url }, () => [
          `Okta event hook for ${c.name}:`,
          `  URL:          ${url}`,
          `  header name:  ${hook.header}`,
          `  header value: ${hook.secret}`,
          'In Okta: Workflow → Event Hooks → Create Event Hook, paste these, subscribe to the events to watch,',
          'save, then Verify. The secret is shown this once (docs/guide/backups.md, "Minutes behind").',
        ]);
      }),
    );
}
