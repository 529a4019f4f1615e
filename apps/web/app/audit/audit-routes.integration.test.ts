import { useTestDatabase } from '@butterfly/db/testing';
import type { Role } from '@butterfly/domain/permissions';
import { createSession } from '@butterfly/domain/sessions';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { sql } from '@butterfly/db';
import { describe, expect, it } from 'vitest';
import { TEST_APP_URL, testContext, testServices } from '../../server/testing/web-context.ts';
import * as csvRoute from '../routes/audit[.]csv.ts';
import * as pageRoute from '../routes/audit.tsx';
import { authCookies } from '../auth/cookies.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const services = testServices();
/** One load context per request, as in the server (the session principal is memoised per context). */
const context = () => testContext(db, deps.keyring, services);

/** A signed-in member of a new tenant (whose log holds the tenant's creation and the member's addition). */
async function signedIn(role: Role) {
  const t = await seedTenant(deps);
  const m = await seedMember(deps, t.id, role);
  const s = await db
    .transaction()
    .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
  const cookie = (await authCookies(services).session.serialize(s.raw)).split(';')[0]!;
  const get = (path: string) => new Request(`${TEST_APP_URL}${path}`, { headers: { cookie } });
  return { t, m, get };
}

const page = (request: Request) => pageRoute.loader({ request, context: context(), params: {} });
const csv = (request: Request) => csvRoute.loader({ request, context: context(), params: {} }) as Promise<Response>;
const statusOf = (e: unknown) => (e as { init?: { status?: number } }).init?.status ?? (e as Response).status;

describe('/audit', () => {
  it('lists, filters and verifies; a tampered entry shows as the first broken link', async () => {
    const { t, m, get } = await signedIn('auditor');
    const all = await page(get('/audit'));
    expect(all.page.items.map((i) => i.action)).toContain('member.added');
    const filtered = await page(get(`/audit?action=member.added&actor=${encodeURIComponent('seed')}`));
    expect(filtered.page.items.map((i) => i.target?.id)).toEqual([m.id]);
    expect(filtered.filters).toEqual({ actor: 'seed', action: 'member.added', from: '', to: '' });

    expect((await page(get('/audit?verify=1'))).verification).toMatchObject({ ok: true, problems: [] });
    await sql`update audit_events set action = 'member.removed' where tenant_id = ${t.id} and action = 'member.added'`.execute(
      db,
    );
    const broken = await page(get('/audit?verify=1'));
    expect(broken.verification?.ok).toBe(false);
    expect(broken.verification?.problems[0]).toMatchObject({ kind: 'changed' });
  });

  it('names bad dates instead of failing', async () => {
    const { get } = await signedIn('admin');
    const res = await page(get('/audit?from=2026-13-01&to=2999-01-01'));
    expect(res.errors).toEqual({ from: expect.any(String) });
    expect(res.page.items.length).toBeGreaterThan(0);
  });

  it.each(['backup_operator', 'read_only'] as const)(
    'refuses %s (no audit.read), page and export alike',
    async (role) => {
      const { get } = await signedIn(role);
      expect(statusOf(await page(get('/audit')).catch((e: unknown) => e))).toBe(403);
      expect(statusOf(await csv(get('/audit.csv')).catch((e: unknown) => e))).toBe(403);
    },
  );
});

describe('/audit.csv', () => {
  it('downloads the filtered entries as an attachment that is never cached', async () => {
    const { m, get } = await signedIn('super_admin');
    const res = await csv(get('/audit.csv?action=member.added'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="butterfly-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,member.added,success,member,${m.id},`);
  });

  it('answers 400 with the problem for bad filters', async () => {
    const { get } = await signedIn('auditor');
    const res = await csv(get('/audit.csv?from=soon'));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^from: Enter a date/);
  });
});
