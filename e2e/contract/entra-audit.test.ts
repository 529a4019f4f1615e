import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import type { EntraSim } from '@butterfly/entra-sim';
import { diffSnapshots } from '@butterfly/domain/diff';
import { getObjectHistory, readSnapshot } from '@butterfly/domain/snapshots';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeSnapshots,
  demoEntraConnection,
  ENTRA_BACKUP_APP,
  ENTRA_DIRECTORY,
  entraAppToken,
  startEntraSim,
} from './support/entra-sim.ts';
import { readExport } from './support/export.ts';
import { product } from './support/product.ts';
import { objectKey } from './support/raw-walk.ts';

/**
 * Issue 21: who changed what in Entra. An app of its own (a known principal) edits a conditional
 * access policy in entra-sim between two backups; the diff names that app from the directory audit
 * log the second backup kept. Then `snapshot export` of an Entra snapshot.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const PAYROLL_SECRET = `Pq8~${randomUUID()}`;
const EDITOR = { clientId: 'c4a1e9d0-7b2f-4e3a-8c5d-6f1e2d3c4b5a', secret: `editor-${Date.now()}-secret` };

let sim: EntraSim | undefined;
let simUrl = '';
let contoso: { tenantId: string; connectionId: string };
const graph = async (token: string, method: string, path: string, body?: unknown) => {
  const r = await fetch(`${simUrl}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

beforeAll(async () => {
  sim = await startEntraSim();
  simUrl = sim.url;
  await app.migrateJobs();
  // The principal that will make the change: an app with the CA write permission, registered before the first backup.
  const registered = await fetch(`${simUrl}/_sim/tenants/${ENTRA_DIRECTORY}/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: EDITOR.clientId,
      displayName: 'Policy editor',
      secret: EDITOR.secret,
      roles: ['Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All'],
    }),
  });
  expect(registered.status, await registered.clone().text()).toBe(201);
  // An application whose password credential carries its secretText, as Graph answers addPassword once.
  await graph(await entraAppToken(simUrl, ENTRA_BACKUP_APP), 'POST', '/applications', {
    displayName: 'Payroll export',
    passwordCredentials: [{ keyId: randomUUID(), displayName: 'export', hint: 'Pq8', secretText: PAYROLL_SECRET }],
  });
  contoso = await demoEntraConnection(app.deps, simUrl);
}, 60_000);
afterAll(async () => {
  await sim?.close();
  await app.close();
});

const complete = () => completeSnapshots(db, contoso.connectionId);

describe('Entra change attribution from directory audits', () => {
  let policyId = '';

  it('the diff of two backups names the app that edited a CA policy, from the audit log', async () => {
    await app.backupThroughJobs(contoso);
    const editor = await entraAppToken(simUrl, EDITOR);
    const policies = (await graph(editor, 'GET', '/identity/conditionalAccess/policies')).value as {
      id: string;
      displayName: string;
    }[];
    policyId = policies[0]!.id;
    await graph(editor, 'PATCH', `/identity/conditionalAccess/policies/${policyId}`, {
      displayName: `${policies[0]!.displayName} (edited)`,
    });
    await app.backupThroughJobs(contoso);
    const [first, second] = await complete();
    expect(second).toBeDefined();
    // The window's audit events were read and the one about the changed policy kept.
    const log = (second!.stats as { logEvents?: Record<string, unknown> }).logEvents;
    expect(log).toMatchObject({ kept: 1 });
    expect(log).not.toHaveProperty('unavailable');

    const changes = [];
    for await (const ch of diffSnapshots(app.deps, contoso.tenantId, { from: first!.id, to: second!.id }))
      changes.push(ch);
    const edited = changes.find((ch) => ch.type === 'conditionalAccessPolicy' && ch.id === policyId);
    expect(edited?.paths.map((p) => p.path)).toContain('$.displayName');
    expect(edited!.actors).toEqual([
      { actor: EDITOR.clientId, at: expect.any(String), eventType: 'Update conditional access policy' },
    ]);

    // The object's history names the same app for the version it made.
    const history = await getObjectHistory(app.deps, contoso.tenantId, {
      connectionId: contoso.connectionId,
      type: 'conditionalAccessPolicy',
      id: policyId,
    });
    expect(history.versions.map((v) => v.actors.map((a) => a.actor))).toEqual([[EDITOR.clientId], []]);

    // The CLI's diff prints it the same way, from the stored events: the simulator is gone.
    await sim?.close();
    sim = undefined;
    const out = await app.cli('snapshot', 'diff', first!.id, second!.id);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`~ conditionalAccessPolicy ${policyId}`);
    expect(out.stdout).toMatch(new RegExp(`by ${EDITOR.clientId} at \\S+ \\(Update conditional access policy\\)`));
  }, 180_000);

  it('`snapshot export` writes an Entra snapshot as it does an Okta one, secrets redacted', async () => {
    const [, second] = await complete();
    const dir = mkdtempSync(join(tmpdir(), 'entra-export-'));
    try {
      const out = await app.cli('snapshot', 'export', second!.id, '--out', dir);
      expect(out.code, out.stderr).toBe(0);
      const stored = new Map<string, unknown>();
      for await (const o of readSnapshot(app.deps, contoso.tenantId, second!.id))
        stored.set(objectKey(o.type, o.id), o.body);
      expect(out.stdout.trim()).toBe(`exported ${stored.size} objects to ${dir}`);
      const exported = readExport(dir);
      expect([...exported.keys()].sort()).toEqual([...stored.keys()].sort());
      for (const [k, v] of exported) expect(v.body, k).toEqual(stored.get(k));
      // Layout: <type>/<id>.json, a child's id path %-escaped (a group's members: `<groupId>` under group.members).
      expect(readdirSync(dir)).toContain('conditionalAccessPolicy');
      const policy = JSON.parse(readFileSync(join(dir, 'conditionalAccessPolicy', `${policyId}.json`), 'utf8'));
      expect(policy.displayName).toMatch(/\(edited\)$/);
      // No secret value of the simulator in any file; password credentials carry the redaction mark.
      const all = [...exported.values()].map((v) => JSON.stringify(v.body)).join('\n');
      for (const s of [PAYROLL_SECRET, ENTRA_BACKUP_APP.secret, EDITOR.secret, 'entra-sim-readonly-secret'])
        expect(all).not.toContain(s);
      const texts = [...exported.entries()]
        .filter(([k]) => k.startsWith('application '))
        .flatMap(([, v]) => (v.body as { passwordCredentials?: { secretText?: unknown }[] }).passwordCredentials ?? [])
        .map((p) => p.secretText)
        .filter((t) => t !== undefined && t !== null);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.filter((t) => !String(t).startsWith('[redacted by Butterfly'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
