/**
 * The demo tenant of `pnpm start`: on a database with no tenant at all, `acme` (domain acme.test,
 * verified) signing in through okta-sim's `acme` org, with ann@acme.test as its super_admin, so a
 * fresh checkout shows the whole sign-in at once; and, when outbound calls may reach loopback
 * addresses (BUTTERFLY_ALLOW_PRIVATE_URLS, on for a localhost APP_URL), a connection `acme-okta` to
 * that org with a daily backup schedule, whose first backup (and so its compliance scan) is queued
 * once the worker is up (queueDemoBackup), so every page has data at the first sign-in.
 * A database with any tenant is never touched.
 */
import type { Interface } from 'node:readline';
import type { Logger } from '@butterfly/config';
import { type DB, type Kysely, sql } from '@butterfly/db';
import { addConnection } from '@butterfly/domain/connections';
import type { Deps, JobQueue } from '@butterfly/domain/core';
import type { Keyring } from '@butterfly/domain/crypto';
import { addMember } from '@butterfly/domain/members';
import { setBackupSchedule } from '@butterfly/domain/schedules';
import { requestBackup } from '@butterfly/domain/snapshots';
import { loadSsoClient, setSsoSettings, verifyDomain } from '@butterfly/domain/sso';
import { createTenant } from '@butterfly/domain/tenants';

export const DEMO = {
  slug: 'acme',
  name: 'Acme',
  domain: 'acme.test',
  admin: 'ann@acme.test',
  clientId: 'butterfly',
  connection: 'acme-okta',
} as const;

/** okta-sim's acme org as the Management API sees it: its URL and admin SSWS token (`/_sim/orgs/acme`). */
export interface TDemoOrg {
  url: string;
  apiToken: string;
}

type TBase = { db: Kysely<DB>; keyring: Keyring; log: Logger };
const seedDeps = (base: TBase, db: Deps['db']): Deps => ({
  ...base,
  db,
  clock: () => new Date(),
  actor: { kind: 'operator', label: 'pnpm start (demo seed)' },
});

export interface TDemoIdp {
  issuer: string;
  clientSecret: string;
}

/**
 * okta-sim's arguments: its demo orgs (`--seed 1`: the same users, passwords and client secret on
 * every start) and the `butterfly` app integration of org acme, registered for this APP_URL.
 */
export function demoSimArgs(appUrl: string, stateFile?: string): string[] {
  const client = {
    org: DEMO.slug,
    client_id: DEMO.clientId,
    client_name: 'Butterfly (demo)',
    redirect_uris: [`${appUrl}/sso/${DEMO.slug}/callback`],
    post_logout_redirect_uris: [`${appUrl}/signed-out`],
  };
  return ['--seed', '1', '--client', JSON.stringify(client), ...(stateFile ? ['--state', stateFile] : [])];
}

/** The acme issuer, the demo client's secret and ann's password, from okta-sim's start-up banner. */
export function readDemoBanner(lines: Pick<Interface, 'on'>): Promise<TDemoIdp & { password: string }> {
  const found: Partial<TDemoIdp & { password: string }> = {};
  const patterns = {
    issuer: new RegExp(`^\\s*issuer:\\s+(\\S+/${DEMO.slug})$`),
    clientSecret: new RegExp(`^\\s*client:\\s+${DEMO.clientId}\\s+secret:\\s+(\\S+)`),
    password: new RegExp(`^\\s*user:\\s+${DEMO.admin.replace('.', '\\.')}\\s+password:\\s+(\\S+)`),
  };
  return new Promise((done) => {
    lines.on('line', (line: string) => {
      for (const [key, re] of Object.entries(patterns) as [keyof typeof patterns, RegExp][])
        found[key] ??= re.exec(line)?.[1];
      if (found.issuer && found.clientSecret && found.password) done(found as TDemoIdp & { password: string });
    });
  });
}

/** The org of the demo connection, from okta-sim's control API. */
export async function fetchDemoOrg(simUrl: string): Promise<TDemoOrg> {
  const res = await fetch(`${simUrl}/_sim/orgs/${DEMO.slug}`);
  if (!res.ok) throw new Error(`okta-sim: GET /_sim/orgs/${DEMO.slug} answered ${res.status}`);
  const { url, apiToken } = (await res.json()) as TDemoOrg;
  return { url, apiToken };
}

export type TSeedOutcome =
  | { outcome: 'seeded'; tenantId: string; connectionId?: string }
  | { outcome: 'ready'; tenantId: string }
  | { outcome: 'absent' };

/**
 * 'seeded' now (with the demo connection when `org` is given); 'ready' (seeded before and wired to
 * this okta-sim issuer: its client secret is brought up to date, since okta-sim derives it from its
 * seed and code; nothing else is added, so a restart duplicates nothing); or 'absent' (other data).
 */
export async function seedDemo(base: TBase, idp: TDemoIdp, org?: TDemoOrg): Promise<TSeedOutcome> {
  return base.db.transaction().execute(async (trx) => {
    const deps = seedDeps(base, trx);
    // Serialises two starts on one database: the second waits, then sees the first one's tenant.
    await sql`SELECT pg_advisory_xact_lock(hashtext('butterfly demo seed'))`.execute(trx);
    const existing = await trx
      .selectFrom('tenants as t')
      .leftJoin('tenant_sso as s', 's.tenant_id', 't.id')
      .select(['t.id', 't.slug', 's.issuer'])
      .execute();
    const demo = existing.find((t) => t.slug === DEMO.slug && t.issuer === idp.issuer);
    if (demo) {
      const client = await loadSsoClient(deps, demo.id);
      if (client?.clientSecret !== idp.clientSecret)
        await setSsoSettings(deps, demo.id, {
          issuer: idp.issuer,
          clientId: DEMO.clientId,
          clientSecret: idp.clientSecret,
        });
      return { outcome: 'ready', tenantId: demo.id };
    }
    if (existing.length) return { outcome: 'absent' };
    const tenant = await createTenant(deps, { slug: DEMO.slug, name: DEMO.name, domains: [DEMO.domain] });
    await verifyDomain(deps, tenant.id, { domain: DEMO.domain, method: 'operator' });
    await setSsoSettings(deps, tenant.id, {
      issuer: idp.issuer,
      clientId: DEMO.clientId,
      clientSecret: idp.clientSecret,
    });
    await addMember(deps, tenant.id, {
      email: DEMO.admin,
      role: 'super_admin',
      givenName: 'Ann',
      familyName: 'Archer',
    });
    if (!org) return { outcome: 'seeded', tenantId: tenant.id };
    const connection = await addConnection(deps, tenant.id, {
      name: DEMO.connection,
      orgUrl: org.url,
      credentials: { kind: 'ssws', token: org.apiToken },
    });
    await setBackupSchedule(deps, tenant.id, { connectionId: connection.id, frequency: 'daily' });
    return { outcome: 'seeded', tenantId: tenant.id, connectionId: connection.id };
  });
}

/**
 * The demo connection's first backup, queued for the worker (its scan follows the backup). Needs
 * graphile-worker's schema, which the worker installs at start: called once the worker is ready.
 * A backup already queued or running is not queued twice (requestBackup).
 */
export async function queueDemoBackup(base: TBase & { jobs: JobQueue }, tenantId: string, connectionId: string) {
  return requestBackup({ ...seedDeps(base, base.db), jobs: base.jobs }, tenantId, { connectionId });
}
