import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { diffSnapshots } from '@butterfly/domain/diff';
import {
  type SnapshotView,
  findSnapshotTenant,
  getEffectiveSettings,
  listSnapshots,
  readSnapshot,
} from '@butterfly/domain/snapshots';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { type RemoteOptions, remoteOptions, remoteTarget, withRemote } from '../remote.ts';
import { withRuntime } from '../runtime.ts';

/** File names are made from object ids: keep them safe on every file system. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function registerSnapshot(snapshot: Command) {
  remoteOptions(
    snapshot
      .command('list')
      .description("a tenant's snapshots, newest first")
      .argument('<tenant>', 'tenant slug')
      .option('--json', 'print one JSON document'),
  ).action((slug: string, opts: { json?: boolean } & RemoteOptions) => {
    const print = (list: SnapshotView[]) =>
      emit({ json: !!opts.json }, list, () =>
        list.map(
          (s) =>
            `${s.id}  ${s.status.padEnd(8)} ${s.startedAt}  ${String(s.objectCount).padStart(7)} objects  +${s.changes.added ?? 0} ~${s.changes.changed ?? 0} -${s.changes.removed ?? 0}`,
        ),
      );
    const remote = remoteTarget(opts);
    if (remote) return withRemote(remote, slug, async (client) => print(await client.snapshots.list.query({})));
    return withRuntime(async ({ deps }) => {
      const tenant = await getTenantBySlug(deps, slug);
      print(await listSnapshots(deps, tenant.id));
    });
  });

  snapshot
    .command('export')
    .description('write every object as stored, one JSON file per object: <dir>/<type>/<id>.json')
    .argument('<snapshot-id>', 'snapshot id')
    .requiredOption('--out <dir>', 'output folder (created)')
    .action((id: string, opts: { out: string }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findSnapshotTenant(deps, id);
        let n = 0;
        for await (const o of readSnapshot(deps, tenantId, id)) {
          const dir = join(opts.out, safe(o.type));
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, `${safe(o.id)}.json`), `${JSON.stringify(o.body, null, 2)}\n`);
          n++;
        }
        process.stdout.write(`exported ${n} objects to ${opts.out}\n`);
      }),
    );

  snapshot
    .command('diff')
    .description(
      'what changed between two snapshots of one connection (JSON paths, before → after, and who changed it)',
    )
    .argument('<a>', 'older snapshot id')
    .argument('<b>', 'newer snapshot id')
    .option('--json', 'print one JSON document')
    .action((a: string, b: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findSnapshotTenant(deps, a);
        const changes = [];
        for await (const c of diffSnapshots(deps, tenantId, { from: a, to: b })) {
          if (opts.json) changes.push(c);
          else {
            process.stdout.write(
              `${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'} ${c.type} ${c.id}\n`,
            );
            for (const p of c.paths)
              process.stdout.write(`    ${p.path}: ${JSON.stringify(p.before)} → ${JSON.stringify(p.after)}\n`);
            // Who, from the IdP's audit log as the backups kept it.
            for (const a of c.actors) process.stdout.write(`    by ${a.actor} at ${a.at} (${a.eventType})\n`);
          }
        }
        if (opts.json) emit({ json: true }, changes, () => []);
      }),
    );

  remoteOptions(
    snapshot
      .command('effective-settings')
      .description(
        "a Google Workspace snapshot's effective settings per org unit and group (sortOrder and inheritance, as the GWS checks judge them)",
      )
      .argument('<tenant>', 'tenant slug')
      .argument('<snapshot-id>', 'snapshot id')
      .option('--org-unit <path>', 'only this org unit (e.g. /Engineering)')
      .option('--group <email>', 'only this group (its own policies)')
      .option('--json', 'print one JSON document'),
  ).action(
    (slug: string, snapshotId: string, opts: { orgUnit?: string; group?: string; json?: boolean } & RemoteOptions) => {
      const input = { snapshotId, orgUnit: opts.orgUnit, group: opts.group };
      const print = (r: { orgUnits: Entity[]; groups: Entity[] }) =>
        emit({ json: !!opts.json }, r, () => [...r.orgUnits, ...r.groups].flatMap(effectiveLines));
      const remote = remoteTarget(opts);
      if (remote)
        return withRemote(remote, slug, async (client) => print(await client.snapshots.effectiveSettings.query(input)));
      return withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        print(await getEffectiveSettings(deps, tenant.id, input));
      });
    },
  );
}

/** An org unit's or group's effective settings, as the domain and (JSON-typed) the API answer them. */
interface Entity {
  kind: string;
  name: string;
  settings: { type: string; value?: unknown; from: string; inherited: boolean; policyIds: string[] }[];
}

/** One org unit or group: a heading, then `type  value  (from where)` per setting. */
function effectiveLines(e: Entity): string[] {
  const head = e.kind === 'orgUnit' ? `org unit ${e.name}` : `group ${e.name}`;
  if (!e.settings.length) return [head, '  (no settings of its own)'];
  return [
    head,
    ...e.settings.map(
      (s) =>
        `  ${s.type}  ${JSON.stringify(s.value)}  (${s.inherited ? `inherited from ${s.from}` : `set on ${s.from}`}, policy ${s.policyIds.join(', ')})`,
    ),
  ];
}
