import { createCipheriv, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { at } from '../compliance/compliance.fns.ts';
import { bodyBinding, openBody, sealBody } from './object-codec.fns.ts';
import { openBatch, openBatchTexts, project, projectText } from './open-batch.fns.ts';

const dataKey = { version: 1, key: randomBytes(32) };
const tenantId = '7f0c3a52-0000-4000-8000-000000000001';

/** Bodies of every size the codec treats differently: plain (< 200 bytes), small window, default window, non-ASCII. */
function bodies(): unknown[] {
  return [
    { id: '00u1' },
    {
      id: '00u2',
      status: 'ACTIVE',
      lastLogin: null,
      profile: { login: 'zoë@acme.test', title: 'Ingénieure '.repeat(30) },
    },
    { id: '00u3', notes: 'abcdefgh'.repeat(900), emoji: '🦋'.repeat(50) },
    { id: '00u4', status: 'SUSPENDED', created: '2025-01-01T00:00:00.000Z', n: -0.5, deep: { a: [1, { b: 2 }] } },
    'a bare string',
    [1, 2, 3],
    { id: '00u5', big: 'x'.repeat(300_000) },
  ];
}

function sealed(list = bodies()) {
  const addresses = list.map(() => randomBytes(32));
  const blobs = list.map((b, i) => sealBody(dataKey, tenantId, addresses[i]!, JSON.stringify(b)));
  return { key: dataKey.key, tenantId, addresses, blobs };
}

describe('opening sealed bodies in batches (decision 051)', () => {
  it('gives each body the same text as opening it on its own, gzipped or not', () => {
    const batch = sealed();
    const one = batch.blobs.map((b, i) => openBody(dataKey.key, tenantId, batch.addresses[i]!, b));
    expect(openBatchTexts(batch)).toEqual(one);
    expect(JSON.parse((openBatch(batch) as { texts: string }).texts)).toEqual(bodies());
  });

  it('still splits right when a body was gzipped as one of several members (old bodies, concatenated gzip)', () => {
    // A body sealed from two gzip members: its trailer counts only the last, so the total does not add up.
    const address = randomBytes(32);
    const c = createCipheriv('aes-256-gcm', dataKey.key, Buffer.alloc(12, 1));
    c.setAAD(bodyBinding(tenantId, address));
    const ct = Buffer.concat([c.update(Buffer.concat([gzipSync('{"id":'), gzipSync('"00u9"}')])), c.final()]);
    const v = Buffer.alloc(4);
    v.writeUInt32BE(1);
    const odd = Buffer.concat([v, Buffer.alloc(12, 1), c.getAuthTag(), ct]);
    const batch = sealed();
    batch.addresses.splice(2, 0, address);
    batch.blobs.splice(2, 0, odd);
    const texts = openBatchTexts(batch);
    expect(texts[2]).toBe('{"id":"00u9"}');
    expect(texts.filter((_, i) => i !== 2)).toEqual(bodies().map((b) => JSON.stringify(b)));
  });

  it('refuses a body whose seal does not match its address', () => {
    const batch = sealed();
    batch.addresses[1] = randomBytes(32);
    expect(() => openBatchTexts(batch)).toThrow(/authenticate/);
  });

  it('projects the paths asked: at() reads the same value, and nothing else is kept', () => {
    const paths = ['status', 'lastLogin', 'created', 'profile.login', 'deep.a.1.b', 'type.id', 'missing.path'];
    for (const body of bodies()) {
      const p = project(body, paths);
      for (const path of paths) expect(at(p, path)).toEqual(at(body, path));
    }
    expect(
      project({ id: 'x', status: 'ACTIVE', profile: { login: 'a', email: 'b' } }, ['status', 'profile.login']),
    ).toEqual({
      status: 'ACTIVE',
      profile: { login: 'a' },
    });
    expect(project({ status: 'ACTIVE' }, ['lastLogin'])).toEqual({});
    expect(project({ lastLogin: null }, ['lastLogin'])).toEqual({ lastLogin: null });
  });

  it('projects from the text exactly as from the parsed body, whatever the JSON holds', () => {
    const paths = ['status', 'lastLogin', 'created', 'profile.login', 'type.id', 'a"b', 'x\\y', 'é', 'n'];
    const tricky = [
      { status: 'ACTIVE', lastLogin: null, created: '2025-01-01T00:00:00.000Z', type: { id: 'oty1' } },
      { profile: { login: 'a}b]c{"d', status: 'nested, not top' }, status: 'S "quoted" \\', n: -1.5e-7 },
      { 'a"b': [1, '"]}', { c: '\\"' }], 'x\\y': true, é: 'ü', lastLogin: 1_700_000_000_000, n: 0 },
      { emails: [{ status: 'VERIFIED' }], status: false, created: [], lastLogin: {} },
      { status: 'first', other: { status: 'no' }, created: '\u2028 line\nbreak\t"' },
      {},
      [{ status: 'in an array' }],
      'status',
      42,
      null,
    ];
    const texts = [...tricky.map((b) => JSON.stringify(b)), ...tricky.map((b) => JSON.stringify(b, null, 2))];
    texts.push('{"status":"first","status":"last"}', ' { "status" : "spaced" , "n" : 1 } ');
    for (let i = 0; i < 300; i++) texts.push(JSON.stringify(randomValue(3)));
    for (const t of texts) expect(projectText(t, paths), t).toEqual(project(JSON.parse(t), paths));
    expect(projectText('{"status":"ACTIVE","profile":{"login":"a","email":"b"},"z":1}', ['profile.login'])).toEqual({
      profile: { login: 'a' },
    });
  });
});

/** A random JSON value: objects whose keys collide with the projected paths, strings full of JSON's own punctuation. */
function randomValue(depth: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const str = () =>
    Array.from({ length: Math.floor(Math.random() * 8) }, () =>
      pick(['a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'é', '\n']),
    ).join('');
  const kind = depth > 0 ? Math.floor(Math.random() * 7) : Math.floor(Math.random() * 5);
  if (kind === 0) return null;
  if (kind === 1) return Math.random() < 0.5;
  if (kind === 2) return (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 10);
  if (kind === 3 || kind === 4) return str();
  if (kind === 5) return Array.from({ length: Math.floor(Math.random() * 4) }, () => randomValue(depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(Math.random() * 6); i > 0; i--)
    out[pick(['status', 'lastLogin', 'created', 'profile', 'login', 'type', 'id', 'a"b', 'x\\y', str()])] = randomValue(
      depth - 1,
    );
  return out;
}
