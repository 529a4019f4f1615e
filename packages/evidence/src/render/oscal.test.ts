import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { OSCAL_VERSION, oscalControlId, renderOscal } from './oscal.ts';

// OSCAL's UUIDDatatype admits version 4 and 5 UUIDs only; ours are version 5 (derived, not random).
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
const DATETIME_TZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

/** Every array in the document is non-empty: OSCAL's JSON schema gives each one minItems 1. */
function emptyArrays(v: unknown, path = '$'): string[] {
  if (Array.isArray(v)) return v.length === 0 ? [path] : v.flatMap((x, i) => emptyArrays(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => emptyArrays(x, `${path}.${k}`));
  return [];
}

// A structure test, not schema validation: NIST's JSON schema is not in the repository (see
// packages/evidence/schemas/README.md). The required members below are the schema's `required` lists.
describe('oscal-assessment-results.json (OSCAL 1.1 assessment-results)', () => {
  it('has the required members of assessment-results, metadata, import-ap and result', async () => {
    const record = await sampleRecord();
    const doc = JSON.parse(renderOscal(record));
    expect(Object.keys(doc)).toEqual(['assessment-results']);
    const ar = doc['assessment-results'];
    expect(Object.keys(ar).sort()).toEqual(['back-matter', 'import-ap', 'metadata', 'results', 'uuid']);
    expect(ar.uuid).toMatch(UUID);
    expect(ar.metadata).toMatchObject({ 'oscal-version': OSCAL_VERSION, version: record.rulesetVersion, 'last-modified': record.scannedAt });
    expect(ar.metadata['last-modified']).toMatch(DATETIME_TZ);
    expect(ar.metadata.title).toContain('acme.okta.com');
    expect(ar['import-ap'].href).toBe(`#${ar['back-matter'].resources[0].uuid}`);
    expect(ar.results).toHaveLength(1);
    const [result] = ar.results;
    for (const k of ['uuid', 'title', 'description', 'start', 'reviewed-controls']) expect(result, k).toHaveProperty(k);
    expect(result.start).toMatch(DATETIME_TZ);
    expect(result['reviewed-controls']['control-selections'][0]['include-controls']).toContainEqual({ 'control-id': 'ac-11' });
    expect(emptyArrays(doc)).toEqual([]);
  });

  it('keeps prop values to one line (StringDatatype), whatever the org names hold', async () => {
    const record = await sampleRecord();
    const doc = JSON.parse(renderOscal({ ...record, connection: { ...record.connection, name: ' Prod\n  EU ' } }));
    expect(doc['assessment-results'].metadata.props.find((p: { name: string }) => p.name === 'connection').value).toBe(`Prod EU (${record.connection.id})`);
  });

  it('has an observation per rule and a finding per judged rule, satisfied or not, linked by uuid', async () => {
    const record = await sampleRecord();
    const result = JSON.parse(renderOscal(record))['assessment-results'].results[0];
    expect(result.observations).toHaveLength(record.results.length);
    for (const o of result.observations) {
      for (const k of ['uuid', 'description', 'methods', 'collected']) expect(o, k).toHaveProperty(k);
      expect(o.methods).toEqual(['TEST']);
      expect(o.collected).toBe(record.snapshotTakenAt);
      for (const p of o.props) {
        expect(p.name).toMatch(TOKEN);
        expect(p.value).toMatch(/^\S(.*\S)?$/u); // StringDatatype
      }
    }
    const judged = record.results.filter((r) => r.result === 'PASS' || r.result === 'FAIL');
    expect(result.findings).toHaveLength(judged.length);
    const observationIds = new Set(result.observations.map((o: { uuid: string }) => o.uuid));
    for (const f of result.findings) {
      for (const k of ['uuid', 'title', 'description', 'target']) expect(f, k).toHaveProperty(k);
      const r = judged.find((x) => x.ruleId === f.target['target-id'])!;
      expect(f.target).toMatchObject({ type: 'objective-id', status: { state: r.result === 'PASS' ? 'satisfied' : 'not-satisfied' } });
      expect(f.target['target-id']).toMatch(TOKEN);
      expect(observationIds.has(f['related-observations'][0]['observation-uuid'])).toBe(true);
    }
    const uuids = [...result.observations, ...result.findings].map((x: { uuid: string }) => x.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const u of uuids) expect(u).toMatch(UUID);
    // A failing rule's evidence, with the values the org holds, is there for the assessor.
    const pw = result.observations.find((o: { title: string }) => o.title.startsWith('OKTA-APP-000650'));
    expect(pw['relevant-evidence'].map((e: { description: string }) => e.description).join('\n')).toContain('complexity.minLength = 8');
  });

  it('maps NIST ids to OSCAL control ids and is byte-identical when rendered again', async () => {
    expect(oscalControlId('IA-2(1)')).toBe('ia-2.1');
    expect(oscalControlId('AU-4(1)')).toBe('au-4.1');
    const record = await sampleRecord();
    expect(renderOscal(record)).toBe(renderOscal(await sampleRecord()));
  });
});
