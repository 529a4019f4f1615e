import { type DB, type Kysely, sql } from '@butterfly/db';

/**
 * Where any of `needles` is readable in the database: every text, varchar, json, jsonb and bytea
 * column of every table in every schema (the product's and graphile-worker's), searched raw, as
 * someone with a copy of the database would. Returns `schema.table.column: needle` for each hit.
 */
export async function findInDatabase(db: Kysely<DB>, needles: string[]): Promise<string[]> {
  const columns = await sql<{ schema: string; table: string; column: string; type: string }>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')`.execute(db);
  const hits: string[] = [];
  for (const c of columns.rows) {
    const ref = sql`${sql.id(c.schema, c.table, c.column)}`;
    // bytea is searched as bytes (escape-decoded text would hide nothing, but be slower); the rest as text.
    const asText = c.type === 'bytea' ? sql`encode(${ref}, 'escape')` : sql`${ref}::text`;
    const found = await sql<{ needle: string }>`
      select n.needle from unnest(${needles}::text[]) as n(needle)
      where exists (select 1 from ${sql.id(c.schema, c.table)} where position(n.needle in ${asText}) > 0)`.execute(db);
    for (const r of found.rows) hits.push(`${c.schema}.${c.table}.${c.column}: ${r.needle}`);
  }
  return hits;
}

/** Distinctive pieces of a PEM private key (base64 lines), enough to find it even if re-wrapped. */
export const pemPieces = (pem: string) =>
  pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .slice(1, 4)
    .map((l) => l.slice(0, 40));
