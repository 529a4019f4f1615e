import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createLogger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { addGoogleConnection } from '../connections/add-google-connection.ts';
import { createKeyring } from '../crypto/keyring.ts';
import type { Actor, Deps, JobQueue } from '../deps.ts';
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

/** A Google service account's JSON key file, as Google's console downloads it, with a fresh RSA key. */
export function googleServiceAccountKey(o: Record<string, unknown> = {}) {
  const pem =
    'private_key' in o
      ? undefined
      : generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString();
  return JSON.stringify({
    type: 'service_account',
    project_id: 'initech-backup',
    private_key_id: '3f1d9c0e7a2b4c5d6e7f8091a2b3c4d5e6f70812',
    private_key: pem,
    client_email: 'butterfly-backup@initech-backup.iam.gserviceaccount.com',
    client_id: '104328771052812345678',
    token_uri: 'https://oauth2.googleapis.com/token',
    ...o,
  });
}

/** A job queue that records what it is given instead of queueing it (jobs are run elsewhere). */
export function recordingJobQueue() {
  const queued: { task: string; payload: unknown; key?: string }[] = [];
  const jobs: JobQueue = {
    enqueue: async (_db, task, payload, opts) => {
      queued.push({ task, payload, key: opts?.jobKey });
      return { jobId: String(queued.length) };
    },
  };
  return { jobs, queued };
}

/** A Google Workspace connection of the tenant on `domain` (its key file made fresh). */
export function seedGoogleConnection(deps: Deps, tenantId: string, domain = 'initech.example') {
  return addGoogleConnection({ ...deps, actor: { kind: 'operator', label: 'seed' } }, tenantId, {
    name: 'workspace',
    primaryDomain: domain,
    adminEmail: `admin@${domain}`,
    serviceAccountKey: googleServiceAccountKey(),
  });
}
