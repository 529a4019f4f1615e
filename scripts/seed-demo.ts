/**
 * The demo tenant of `pnpm start`: on a database with no tenant at all, `acme` (domain acme.test,
 * verified) signing in through okta-sim's `acme` org, with ann@acme.test as its super_admin, so a
 * fresh checkout shows the whole sign-in at once. A database with any tenant is never touched.
 */
import type { Interface } from 'node:readline';
import type { Logger } from '@butterfly/config';
import { type DB, type Kysely, sql } from '@butterfly/db';
import { type Deps, type Keyring, addMember, createTenant, loadSsoClient, setSsoSettings, verifyDomain } from '@butterfly/domain';

export const DEMO = { slug: 'acme', name: 'Acme', domain: 'acme.test', admin: 'ann@acme.test', clientId: 'butterfly' } as const;

export interface TDemoIdp {
  issuer: string;
  clientSecret: string;
}

/**
 * okta-sim's arguments: its demo orgs (`--seed 1`: the same users, passwords and client secret on
 * every start) and the `butterfly` app integration of org acme, registered for this APP_URL.
 */
export function demoSimArgs(appUrl: string): string[] {
  const client = {
    org: DEMO.slug,
    client_id: DEMO.clientId,
    client_name: 'Butterfly (demo)',
    redirect_uris: [`${appUrl}/sso/${DEMO.slug}/callback`],
    post_logout_redirect_uris: [`${appUrl}/signed-out`],
  };
  return ['--seed', '1', '--client', JSON.stringify(client)];
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
      for (const [key, re] of Object.entries(patterns) as [keyof typeof patterns, RegExp][]) found[key] ??= re.exec(line)?.[1];
      if (found.issuer && found.clientSecret && found.password) done(found as TDemoIdp & { password: string });
    });
  });
}

/**
 * 'seeded' now; 'ready' (seeded before and wired to this okta-sim issuer: its client secret is
 * brought up to date, since okta-sim derives it from its seed and code); or 'absent' (other data).
 */
export async function seedDemo(base: { db: Kysely<DB>; keyring: Keyring; log: Logger }, idp: TDemoIdp): Promise<'seeded' | 'ready' | 'absent'> {
  return base.db.transaction().execute(async (trx) => {
    const deps: Deps = { ...base, db: trx, clock: () => new Date(), actor: { kind: 'operator', label: 'pnpm start (demo seed)' } };
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
      if (client?.clientSecret !== idp.clientSecret) await setSsoSettings(deps, demo.id, { issuer: idp.issuer, clientId: DEMO.clientId, clientSecret: idp.clientSecret });
      return 'ready';
    }
    if (existing.length) return 'absent';
    const tenant = await createTenant(deps, { slug: DEMO.slug, name: DEMO.name, domains: [DEMO.domain] });
    await verifyDomain(deps, tenant.id, { domain: DEMO.domain, method: 'operator' });
    await setSsoSettings(deps, tenant.id, { issuer: idp.issuer, clientId: DEMO.clientId, clientSecret: idp.clientSecret });
    await addMember(deps, tenant.id, { email: DEMO.admin, role: 'super_admin', givenName: 'Ann', familyName: 'Archer' });
    return 'seeded';
  });
}
