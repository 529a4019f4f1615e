import { useTestDatabase } from '@butterfly/db/testing';
import { appendAuditEvent } from '@butterfly/domain/audit';
import type { Actor, Deps } from '@butterfly/domain/core';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { auditCsvStream } from './export.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

/** The CSV as text; it starts with a UTF-8 byte-order mark, for spreadsheets (text() would drop it silently). */
async function read(stream: ReadableStream<Uint8Array>) {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes);
}

async function append(tenantId: string, actor: Actor, action: string, target?: { type: string; id: string }) {
  await db.transaction().execute((trx) => appendAuditEvent({ ...deps, db: trx, actor }, { tenantId, action, target }));
}

describe('auditCsvStream', () => {
  it('streams every matching entry across pages, escaped, formula cells defused, only of this tenant', async () => {
    const t = await seedTenant(deps);
    const other = await seedTenant(deps);
    const auditor = await seedMember(deps, t.id, 'auditor');
    await db.updateTable('members').set({ display_name: 'Ada, "the auditor"' }).where('id', '=', auditor.id).execute();
    const asAuditor: Deps['actor'] = {
      kind: 'member',
      tenantId: t.id,
      memberId: auditor.id,
      role: 'auditor',
      label: auditor.email,
      via: 'test',
    };
    // A label someone else chose (a SCIM token's name) that a spreadsheet would run as a formula.
    await append(
      t.id,
      {
        kind: 'scim',
        tenantId: t.id,
        tokenId: '00000000-0000-4000-8000-000000000002',
        label: '=HYPERLINK("http://evil.test","x")',
      },
      'member.deactivated',
    );
    for (let i = 0; i < 205; i++) await append(t.id, asAuditor, 'evidence.exported', { type: 'scan', id: `s${i}` });
    await append(other.id, { kind: 'system', label: 'elsewhere' }, 'evidence.exported');

    const csv = await read(await auditCsvStream({ ...deps, actor: asAuditor }, t.id, { action: 'evidence.' }));
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('time,actor,actor_label,actor_type,action,outcome,target_type,target_id,request_id,seq,data');
    expect(lines).toHaveLength(1 + 205);
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT[^,]+Z,"Ada, ""the auditor""",${auditor.email},member,evidence.exported,success,scan,s204,,\\d+,\\{\\}$`,
      ),
    );
    expect(lines.at(-1)).toContain(',s0,');
    expect(csv).not.toContain('elsewhere');

    const scim = await read(
      await auditCsvStream({ ...deps, actor: asAuditor }, t.id, { action: 'member.deactivated' }),
    );
    expect(scim).toContain(`,"'=HYPERLINK(""http://evil.test"",""x"")",`);
    expect(scim).not.toMatch(/,"?=HYPERLINK/);
  });

  it('is refused before any byte to a role without audit.read', async () => {
    const t = await seedTenant(deps);
    const backup = await seedMember(deps, t.id, 'backup_operator');
    const actor: Deps['actor'] = {
      kind: 'member',
      tenantId: t.id,
      memberId: backup.id,
      role: 'backup_operator',
      label: backup.email,
      via: 'test',
    };
    await expect(auditCsvStream({ ...deps, actor }, t.id, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
