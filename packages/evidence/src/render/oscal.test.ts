import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  COMPLIANCE_RULES,
  type ExceptionAnnotation,
  RULESET_VERSION,
  type ScanRecord,
  type ScanResult,
  countResults,
  createMemorySnapshot,
  runScan,
} from '@butterfly/domain/compliance';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { OSCAL_VERSION, oscalControlId, renderOscal } from './oscal.ts';

/**
 * NIST's JSON schema for OSCAL assessment results, kept in the repository with its source and digest
 * (packages/evidence/schemas/README.md). The digest is checked so that nobody "fixes" a failure by
 * editing the schema.
 */
const SCHEMA_FILE = new URL('../../schemas/oscal_assessment-results_schema.json', import.meta.url);
const SCHEMA_SHA256 = 'd033da70154cf6625ae46a746199e88e58f2928b1387dfac051d381b92f41b0d';
const schemaBytes = readFileSync(SCHEMA_FILE);
const schema = JSON.parse(schemaBytes.toString('utf8'));
// strict: false because NIST's schema uses keywords Ajv's strict mode rejects (contentEncoding, draft-07
// `$id` anchors next to `$ref`); Unicode regexps stay on, the token pattern needs \p{L}.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Ajv's verdict with its errors as readable lines, so a failing test says what is wrong where. */
function schemaErrors(doc: unknown): string[] {
  return validate(doc)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

const EXCEPTION_WHOLE: ExceptionAnnotation = {
  id: '6c1f2a9e-0000-4000-8000-0000000000e1',
  scope: null,
  rationale: 'Compensated by the SIEM; fixed with the Q1 migration',
  expiresAt: '2027-01-31T00:00:00.000Z',
  requestedBy: 'member:alice@acme.example',
  approvedBy: 'member:bob@acme.example',
  approvedAt: '2026-11-19T10:00:00.000Z',
};

/**
 * A scan of the real rule set over a small org with two declared break-glass accounts (one in the org,
 * signed in a week before the snapshot; one missing from it), failing rules, and approved exceptions:
 * one accepting a failing rule as a whole, one covering a single object of another (not accepted).
 */
async function realScan(): Promise<ScanRecord> {
  const base = await sampleRecord();
  const snapshot = createMemorySnapshot(
    {
      'policy.PASSWORD': [
        {
          id: '00p1pw',
          body: {
            id: '00p1pw',
            name: 'Contractors',
            status: 'ACTIVE',
            priority: 1,
            settings: {
              password: {
                complexity: { minLength: 8 },
                age: { maxAgeDays: 0, historyCount: 4 },
                lockout: { maxAttempts: 10 },
              },
            },
          },
        },
      ],
      user: [
        {
          id: '00u1bg',
          body: {
            id: '00u1bg',
            status: 'ACTIVE',
            lastLogin: '2026-11-13T12:00:00.000Z',
            profile: { login: 'breakglass@acme.example' },
          },
        },
        {
          id: '00u1alice',
          body: {
            id: '00u1alice',
            status: 'ACTIVE',
            lastLogin: '2026-11-19T08:00:00.000Z',
            profile: { login: 'alice@acme.example' },
          },
        },
      ],
      group: [{ id: '00g1eng', body: { id: '00g1eng', type: 'OKTA_GROUP', profile: { name: 'Engineering' } } }],
      'group.member': [{ id: '00g1eng/00u1bg', body: { id: '00u1bg' } }],
      api_token: [
        {
          id: '00T1',
          body: { id: '00T1', name: 'CI token', userId: '00u1alice', network: { connection: 'ANYWHERE' } },
        },
      ],
      network_zone: [],
    },
    { takenAt: new Date(base.snapshotTakenAt) },
  );
  const scanned = await runScan(
    COMPLIANCE_RULES,
    snapshot,
    {
      connections: [
        {
          id: 'c1',
          name: 'Production',
          schedule: { intervalMinutes: 60 },
          lastBackupAt: new Date('2026-11-20T11:30:00.000Z'),
        },
      ],
      lastRestorePreviewAt: null,
    },
    { userIds: ['00u1bg', '00u1gone'] },
  );
  const failing = scanned.filter(
    (r) => r.result === 'FAIL' && r.evidence.some((e) => e.id !== '*' && e.type !== 'readiness'),
  );
  const [whole, partial] = failing;
  if (!whole || !partial) throw new Error('the fixture needs two failing rules that name objects');
  const objectEvidence = partial.evidence.find((e) => e.id !== '*' && e.type !== 'readiness')!;
  const results: ScanResult[] = scanned.map((r) => {
    if (r === whole) return { ...r, exceptions: [EXCEPTION_WHOLE], accepted: true };
    if (r === partial) {
      const scoped = {
        ...EXCEPTION_WHOLE,
        id: '6c1f2a9e-0000-4000-8000-0000000000e2',
        scope: { objectType: objectEvidence.type, objectId: objectEvidence.id },
      };
      // Two objects named, one excepted: carried, not accepted (decision 038).
      return {
        ...r,
        evidence: [...r.evidence, { ...objectEvidence, id: `${objectEvidence.id}-other` }],
        exceptions: [scoped],
      };
    }
    return r;
  });
  return { ...base, rulesetVersion: RULESET_VERSION, results, counts: countResults(results) };
}

describe("oscal-assessment-results.json against NIST's OSCAL 1.1.2 assessment-results JSON schema", () => {
  it('the schema file is the published one (digest) and declares the version our document does', () => {
    expect(createHash('sha256').update(schemaBytes).digest('hex')).toBe(SCHEMA_SHA256);
    expect(schema.$id).toBe(`http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-ar-schema.json`);
  });

  it('a real scan with failing rules, exceptions and break-glass accounts renders a valid document', async () => {
    const record = await realScan();
    const judged = (id: string) => record.results.find((r) => r.ruleId === id)?.result;
    // The scan is what the test claims it is.
    expect(record.counts.FAIL).toBeGreaterThan(2);
    expect(record.counts.accepted).toBe(1);
    expect(record.results.filter((r) => r.exceptions?.length)).toHaveLength(2);
    expect(judged('OKTA-BREAKGLASS-EXISTS')).toBe('FAIL');
    expect(judged('OKTA-BREAKGLASS-SIGN-IN')).toBe('FAIL');
    const doc = JSON.parse(renderOscal(record));
    expect(schemaErrors(doc)).toEqual([]);
    const result = doc['assessment-results'].results[0];
    const notSatisfied = result.findings.filter(
      (f: { target: { status: { state: string } } }) => f.target.status.state === 'not-satisfied',
    );
    expect(notSatisfied).toHaveLength(record.counts.FAIL);
    expect(
      result.findings.filter((f: { remarks?: string }) => f.remarks?.includes(EXCEPTION_WHOLE.rationale)),
    ).toHaveLength(2);
  });

  it('the sample record (markup, quotes, formulas, non-ASCII, newlines in names) is valid too', async () => {
    const record = await sampleRecord();
    expect(schemaErrors(JSON.parse(renderOscal(record)))).toEqual([]);
    expect(
      schemaErrors(JSON.parse(renderOscal({ ...record, connection: { ...record.connection, name: ' Prod\n  EU ' } }))),
    ).toEqual([]);
  });

  it('the validator rejects a document with a required member removed, an empty array or a bad UUID', async () => {
    const doc = JSON.parse(renderOscal(await realScan()));
    const without = structuredClone(doc);
    delete without['assessment-results'].results[0]['reviewed-controls'];
    expect(schemaErrors(without)).toContainEqual(
      expect.stringMatching(/^\/assessment-results\/results\/0 must have required property 'reviewed-controls'/),
    );
    const noVersion = structuredClone(doc);
    delete noVersion['assessment-results'].metadata['oscal-version'];
    expect(schemaErrors(noVersion)).toContainEqual(
      expect.stringMatching(/must have required property 'oscal-version'/),
    );
    const empty = structuredClone(doc);
    empty['assessment-results'].results[0].findings = [];
    expect(schemaErrors(empty)).toContainEqual(
      expect.stringMatching(/^\/assessment-results\/results\/0\/findings must NOT have fewer than 1 items/),
    );
    const badUuid = structuredClone(doc);
    badUuid['assessment-results'].uuid = 'not-a-uuid';
    expect(schemaErrors(badUuid)).toContainEqual(
      expect.stringMatching(/^\/assessment-results\/uuid must match pattern/),
    );
  });
});

describe('oscal-assessment-results.json content', () => {
  it('names the org, points import-ap at the rule set resource and reviews the mapped NIST controls', async () => {
    const record = await sampleRecord();
    const ar = JSON.parse(renderOscal(record))['assessment-results'];
    expect(ar.metadata).toMatchObject({
      'oscal-version': OSCAL_VERSION,
      version: record.rulesetVersion,
      'last-modified': record.scannedAt,
    });
    expect(ar.metadata.title).toContain('acme.okta.com');
    expect(ar['import-ap'].href).toBe(`#${ar['back-matter'].resources[0].uuid}`);
    expect(ar.results).toHaveLength(1);
    expect(ar.results[0]['reviewed-controls']['control-selections'][0]['include-controls']).toContainEqual({
      'control-id': 'ac-11',
    });
  });

  it('keeps prop values to one line (StringDatatype), whatever the org names hold', async () => {
    const record = await sampleRecord();
    const doc = JSON.parse(renderOscal({ ...record, connection: { ...record.connection, name: ' Prod\n  EU ' } }));
    expect(doc['assessment-results'].metadata.props.find((p: { name: string }) => p.name === 'connection').value).toBe(
      `Prod EU (${record.connection.id})`,
    );
  });

  it('has an observation per rule and a finding per judged rule, satisfied or not, linked by uuid', async () => {
    const record = await sampleRecord();
    const result = JSON.parse(renderOscal(record))['assessment-results'].results[0];
    expect(result.observations).toHaveLength(record.results.length);
    for (const o of result.observations) {
      expect(o.methods).toEqual(['TEST']);
      expect(o.collected).toBe(record.snapshotTakenAt);
    }
    const judged = record.results.filter((r) => r.result === 'PASS' || r.result === 'FAIL');
    expect(result.findings).toHaveLength(judged.length);
    const observationIds = new Set(result.observations.map((o: { uuid: string }) => o.uuid));
    for (const f of result.findings) {
      const r = judged.find((x) => x.ruleId === f.target['target-id'])!;
      expect(f.target).toMatchObject({
        type: 'objective-id',
        status: { state: r.result === 'PASS' ? 'satisfied' : 'not-satisfied' },
      });
      expect(observationIds.has(f['related-observations'][0]['observation-uuid'])).toBe(true);
    }
    const uuids = [...result.observations, ...result.findings].map((x: { uuid: string }) => x.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    // A failing rule's evidence, with the values the org holds, is there for the assessor.
    const pw = result.observations.find((o: { title: string }) => o.title.startsWith('OKTA-APP-000650'));
    expect(pw['relevant-evidence'].map((e: { description: string }) => e.description).join('\n')).toContain(
      'complexity.minLength = 8',
    );
  });

  it('maps NIST ids to OSCAL control ids and is byte-identical when rendered again', async () => {
    expect(oscalControlId('IA-2(1)')).toBe('ia-2.1');
    expect(oscalControlId('AU-4(1)')).toBe('au-4.1');
    const record = await sampleRecord();
    expect(renderOscal(record)).toBe(renderOscal(await sampleRecord()));
  });
});
