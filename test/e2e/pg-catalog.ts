// A PostgreSQL catalog summary for comparing two databases that should hold the same schema:
// one line per column (type, length, precision, nullability, identity, default), per constraint
// (kind and definition, optionally its name) and per enum type (labels in order).
import type { PgCluster } from '../support/postgres';

/** The summary query; `now()` and `CURRENT_TIMESTAMP` defaults count as the same. */
function catalogSql(withNames: boolean): string {
  return `
SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || udt_schema || '.' || udt_name || ' '
       || coalesce(character_maximum_length::text, '') || ' ' || coalesce(numeric_precision::text, '') || ','
       || coalesce(numeric_scale::text, '') || ' ' || is_nullable || ' ' || is_identity || ' '
       || coalesce(regexp_replace(column_default, '^now\\(\\)$', 'CURRENT_TIMESTAMP'), '-')
  FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.contype::text || ' '
       || ${withNames ? "c.conname || ' '" : "''"} || pg_get_constraintdef(c.oid)
  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.conrelid <> 0
UNION ALL
SELECT 'enum ' || t.typnamespace::regnamespace::text || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.oid;
`;
}

/** The sorted summary lines of a database. */
export async function catalog(pg: PgCluster, db: string, options: { withNames?: boolean } = {}): Promise<string[]> {
  const out = await pg.psql(catalogSql(options.withNames ?? false), db);
  return out.split('\n').filter((l) => l.length > 0).sort();
}
