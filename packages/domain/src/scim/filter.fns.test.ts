import type { DB } from '@butterfly/db';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { GROUP_FILTER_ATTRS, USER_FILTER_ATTRS } from './filter-attrs.ts';
import { filterToSql, parseScimFilter } from './filter.fns.ts';
import type { ScimFilter } from './types.ts';

// Compiles without a database: what matters is the SQL text and that values are bound parameters.
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const users = (f: ScimFilter) => {
  const q = db
    .selectFrom('members')
    .select('id')
    .where('members.tenant_id', '=', 't')
    .where(filterToSql(f, USER_FILTER_ATTRS))
    .compile();
  return { sql: q.sql.replace(/^.*where "members"."tenant_id" = \$1 and /, ''), params: q.parameters.slice(1) };
};
const groups = (f: ScimFilter) =>
  db.selectFrom('scim_groups').select('id').where(filterToSql(f, GROUP_FILTER_ATTRS)).compile();
const eq = (attrPath: string, compValue: string | boolean | null): ScimFilter => ({ op: 'eq', attrPath, compValue });

describe('SCIM filter to SQL', () => {
  it('matches userName case-insensitively through the lower(user_name) index expression', () => {
    expect(users(eq('userName', 'ALICE@x.com'))).toEqual({
      sql: 'lower("members"."user_name") = lower($2)',
      params: ['ALICE@x.com'],
    });
    expect(users(eq('urn:ietf:params:scim:schemas:core:2.0:User:UserName', 'a')).sql).toBe(
      'lower("members"."user_name") = lower($2)',
    );
  });

  it('keeps externalId case-exact and binds every value, quotes and all', () => {
    const evil = `x" or 1=1; drop table members; --`;
    expect(users(eq('externalId', evil))).toEqual({ sql: '"members"."external_id" = $2', params: [evil] });
  });

  it('translates and/or/not, emails value paths, active and presence', () => {
    const f: ScimFilter = {
      op: 'and',
      filters: [
        {
          op: '[]',
          attrPath: 'emails',
          valFilter: { op: 'and', filters: [eq('type', 'work'), eq('value', 'a@x.com')] },
        },
        { op: 'or', filters: [eq('active', 'False'), { op: 'not', filter: { op: 'pr', attrPath: 'displayName' } }] },
      ],
    };
    const r = users(f);
    expect(r.sql).toBe(
      '((true and lower("members"."email") = lower($2)) and ("members"."active" = $3 or not coalesce(("members"."display_name" is not null and "members"."display_name" <> \'\'), false)))',
    );
    expect(r.params).toEqual(['a@x.com', false]);
    expect(users({ op: '[]', attrPath: 'emails', valFilter: eq('type', 'home') }).sql).toBe('false');
  });

  it('escapes LIKE wildcards in co/sw/ew', () => {
    expect(users({ op: 'sw', attrPath: 'userName', compValue: '50%_a\\' })).toEqual({
      sql: 'lower("members"."user_name") like lower($2)',
      params: ['50\\%\\_a\\\\%'],
    });
  });

  it('answers a malformed id as no match instead of reaching the uuid column', () => {
    expect(users(eq('id', 'not-a-uuid')).sql).toBe('false');
    expect(users(eq('id', '8c6f7b3e-1d2a-4c5b-9e8f-0a1b2c3d4e5f')).params).toEqual([
      '8c6f7b3e-1d2a-4c5b-9e8f-0a1b2c3d4e5f',
    ]);
  });

  it('compares meta dates at millisecond precision', () => {
    const r = users({ op: 'gt', attrPath: 'meta.lastModified', compValue: '2026-01-01T00:00:00Z' });
    expect(r.sql).toBe(`date_trunc('milliseconds', "members"."updated_at") > $2`);
    expect(r.params).toEqual([new Date('2026-01-01T00:00:00Z')]);
  });

  it('finds groups by displayName and by member through a bound subquery', () => {
    const q = groups({
      op: 'and',
      filters: [
        eq('displayName', 'Admins'),
        { op: '[]', attrPath: 'members', valFilter: eq('value', '8c6f7b3e-1d2a-4c5b-9e8f-0a1b2c3d4e5f') },
      ],
    });
    expect(q.sql).toContain('lower("scim_groups"."display_name") = lower($1)');
    expect(q.sql).toContain('gm.member_id = $2');
  });

  it('refuses what it cannot answer with invalidFilter', () => {
    const refused: ScimFilter[] = [
      eq('nickName', 'x'),
      eq('name.formatted', 'x'),
      { op: 'gt', attrPath: 'active', compValue: true },
      { op: 'co', attrPath: 'id', compValue: 'x' },
      { op: 'eq', attrPath: 'userName', compValue: 5 },
      { op: 'gt', attrPath: 'meta.created', compValue: 'yesterday' },
      { op: 'xx' as 'eq', attrPath: 'userName', compValue: 'x' },
      { op: '[]', attrPath: 'emails', valFilter: { op: '[]', attrPath: 'x', valFilter: eq('y', 'z') } },
      { op: 'or', filters: Array.from({ length: 33 }, () => eq('userName', 'x')) },
    ];
    for (const f of refused)
      expect(() => users(f), JSON.stringify(f)).toThrow(
        expect.objectContaining({ code: 'VALIDATION', scimType: 'invalidFilter' }),
      );
  });
});

describe('parseScimFilter', () => {
  const parseFilter = (t: string): ScimFilter => {
    if (t === 'boom') throw new Error('parser says no');
    return eq('userName', t);
  };
  it('turns parser failures, control characters and oversized filters into invalidFilter', () => {
    expect(parseScimFilter({ parseFilter }, '  ')).toBeUndefined();
    expect(parseScimFilter({ parseFilter }, 'ok')).toEqual(eq('userName', 'ok'));
    for (const t of ['boom', 'userName eq "\n\n"', 'x'.repeat(2049)]) {
      expect(() => parseScimFilter({ parseFilter }, t)).toThrow(expect.objectContaining({ scimType: 'invalidFilter' }));
    }
  });
});
