import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { DB, Kysely } from '@butterfly/db';
import type { Deps } from '@butterfly/domain/core';
import type { IdpObjectTypeInfo } from '@butterfly/domain/idp';
import { liveIdOf, rewriteBody } from '@butterfly/domain/restores';
import { readSnapshot, withoutVolatile } from '@butterfly/domain/snapshots';

/**
 * Volatile fields the comparison after a restore ignores, on top of each type's own list from the
 * connector (users' last sign-in, a group's last membership change, …) and `created`,
 * `lastUpdated`, `_links`:
 * - `id` of an object the restore re-created (Okta gives it a new one): such objects are paired
 *   through the plan's id map instead, and their references are compared after rewriting;
 * - `status` of a user re-created without a password (Okta makes it PROVISIONED until the user
 *   activates): the plan's caveat says so.
 */
const root = resolve(import.meta.dirname, '../../..');

export const RECREATED_VOLATILE = ['id'];

export interface Pairing {
  types: ReadonlyMap<string, IdpObjectTypeInfo>;
  idMap: ReadonlyMap<string, string>;
}

/** Differences between a snapshot and a later one, the earlier one seen through the plan's id map. */
export async function restoredDiff(
  deps: Deps,
  tenantId: string,
  before: string,
  after: string,
  p: Pairing & { types: ReadonlyMap<string, IdpObjectTypeInfo>; only?: (type: string) => boolean },
) {
  const want = new Map<string, unknown>();
  for await (const o of readSnapshot(deps, tenantId, before)) {
    if (p.only && !p.only(o.type)) continue;
    const info = p.types.get(o.type);
    // Inventories (app secrets' and keys' metadata) are never restored: a re-created app has new ones.
    if (info?.restore?.inventoryOnly) continue;
    const id = liveIdOf(p.types, o.type, o.id, p.idMap);
    const body = info ? rewriteBody(info, o.body, p.idMap) : o.body;
    want.set(`${o.type} ${id}`, normal(info, body, id !== o.id));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for await (const o of readSnapshot(deps, tenantId, after)) {
    if (p.only && !p.only(o.type)) continue;
    if (p.types.get(o.type)?.restore?.inventoryOnly) continue;
    const key = `${o.type} ${o.id}`;
    seen.add(key);
    if (!want.has(key)) {
      problems.push(`added: ${key}`);
      continue;
    }
    const recreated =
      [...p.idMap.values()].includes(o.id) || [...p.idMap.values()].some((v) => o.id.startsWith(`${v}/`));
    const got = JSON.stringify(normal(p.types.get(o.type), o.body, recreated));
    if (got !== JSON.stringify(want.get(key)))
      problems.push(`changed: ${key}\n  want ${JSON.stringify(want.get(key))}\n  got  ${got}`);
  }
  for (const key of want.keys()) if (!seen.has(key)) problems.push(`missing: ${key}`);
  return problems;
}

function normal(info: IdpObjectTypeInfo | undefined, body: unknown, recreated: boolean) {
  const b = withoutVolatile(info, body) as Record<string, unknown>;
  if (recreated && b && typeof b === 'object') for (const k of RECREATED_VOLATILE) delete b[k];
  return canonical(b);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
  );
}

/** The plan's id map as the domain keys it. */
export async function idMapOf(db: Kysely<DB>, planId: string) {
  const rows = await db
    .selectFrom('restore_id_map')
    .select(['type', 'old_id', 'new_id'])
    .where('plan_id', '=', planId)
    .where('new_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [`${r.type}\u0000${r.old_id}`, r.new_id!]));
}

/**
 * `butterfly <args>` in its own process, bounded. Asynchronous: okta-sim runs in the test's own
 * process, and a synchronous spawn would stop it from answering the CLI it waits for.
 */
export function cliWithin(
  env: NodeJS.ProcessEnv,
  ms: number,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'apps/cli/src/main.ts'), ...args], {
      env: { ...env, LOG_LEVEL: 'warn' },
      cwd: resolve(root, 'apps/cli'),
      timeout: ms,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Every id a restore gave a re-created object on this connection, across plans (the last one wins). */
export async function connectionIdMapOf(db: Kysely<DB>, connectionId: string) {
  const rows = await db
    .selectFrom('restore_id_map')
    .innerJoin('restore_plans', 'restore_plans.id', 'restore_id_map.plan_id')
    .select(['restore_id_map.type', 'restore_id_map.old_id', 'restore_id_map.new_id'])
    .where('restore_plans.connection_id', '=', connectionId)
    .where('restore_id_map.new_id', 'is not', null)
    .orderBy('restore_plans.apply_started_at')
    .execute();
  return new Map(rows.map((r) => [`${r.type}\u0000${r.old_id}`, r.new_id!]));
}
