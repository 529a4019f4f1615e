import { randomBytes } from 'node:crypto';
import { createLogger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { createKeyring } from '../crypto/keyring.ts';
import type { Actor, Deps } from '../deps.ts';
import { addMember } from '../members/add-member.ts';
import type { Role } from '../permissions/matrix.ts';
import { type TSetSsoSettingsInput, setSsoSettings } from '../sso/set-sso-settings.ts';
import { verifyDomain } from '../sso/verify-domain.ts';
import { createTenant } from '../tenants/create-tenant.ts';

/** Real deps over a real test database; one master key per test file. */
export function testDeps(
  db: Kysely<DB>,
  actor: Actor = { kind: 'operator', label: 'test' },
  masterKey = randomBytes(32),
): Deps {
  return { db, actor, log: createLogger('test', 'silent'), clock: () => new Date(), keyring: createKeyring(masterKey) };
}

let n = 0;

export async function seedTenant(deps: Deps, slug = `t${Date.now().toString(36)}${n++}`, domains: string[] = []) {
  return createTenant(
    { ...deps, actor: { kind: 'operator', label: 'seed' } },
    { slug, name: slug.toUpperCase(), domains },
  );
}

/** A tenant that signs in through `sso`, with each of `domains` verified (the first is its primary). */
export async function seedSsoTenant(deps: Deps, sso: TSetSsoSettingsInput, domains: string[]) {
  const t = await seedTenant(deps, undefined, domains);
  await setSsoSettings(deps, t.id, sso);
  for (const domain of domains) await verifyDomain(deps, t.id, { domain, method: 'operator' });
  return { ...t, domain: domains[0]! };
}

export async function seedMember(deps: Deps, tenantId: string, role: Role, email = `m${n++}@example.test`) {
  return addMember({ ...deps, actor: { kind: 'operator', label: 'seed' } }, tenantId, { email, role });
}

export const memberActor = (tenantId: string, m: { id: string; role: Role; email: string }): Actor => ({
  kind: 'member',
  tenantId,
  memberId: m.id,
  role: m.role,
  label: m.email,
  via: 'test',
});

/** A connection row for tests that need one (the connections use-cases have their own tests). */
export async function seedConnection(deps: Deps, tenantId: string, name = `conn-${n++}`) {
  const row = await deps.db
    .insertInto('connections')
    .values({
      tenant_id: tenantId,
      name,
      provider: 'okta',
      org_url: 'http://127.0.0.1:4000/acme',
      auth_kind: 'ssws',
      credentials_sealed: Buffer.from('test'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The in-memory IdP, for tests outside the domain that need a snapshot (a backup through it). */
export { fakeIdp } from './fake-idp.ts';
export { PERIOD, seedAuditPeriod } from './period-fixture.ts';
