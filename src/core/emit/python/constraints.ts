// test_constraints.py: boundary-value tests generated from the schema's constraints. Each case
// writes one value into a valid row (made by the table's factory) inside a SAVEPOINT
// (`db_session.begin_nested()`), and the database must accept it or reject it with the driver's
// IntegrityError / DataError exactly as the schema promises. The cases come from
// `verify/boundaries.ts`, the same model `verify` checks in an embedded PostgreSQL, so the two agree.
//
// Values go in through `sa.text()` parameters, not the ORM, so SQLAlchemy's own type checks (an
// Enum refusing an unknown member before the database sees it) never stand in for the database's.

import type { Analysis } from '../../analysis/graph';
import type { Schema } from '../../ir';
import { boundaryCases, SQLSTATE, type BoundaryValue, type TableBoundaries } from '../../verify/boundaries';
import { quoteIdent } from '../pg-expression';
import { planPostgres } from '../pg-plan';
import { PYTHON, stampChecksum, userSection } from '../regions';
import { Imports } from './code';
import { firstPartyPackages, header, joinTopLevel } from './factories';
import { atom, call, kw, layout, list, pyString, str, tuple, type Py } from './layout';
import type { PythonEmitOptions } from './options';
import type { ModelView, PythonView } from './view';

/** A table the tests write into: its constant's name, the factory and the SQL names. */
interface TableRef {
  constant: string;
  factory: string;
  sqlName: string;
  keyColumns: string[];
}

/**
 * The file, or null when no table has a case. The async target gets coroutines over the
 * AsyncSession, and typed values (Decimal, date), which asyncpg requires for its parameters.
 */
export function emitConstraintTests(schema: Schema, analysis: Analysis, view: PythonView, options: PythonEmitOptions): string | null {
  const tables = boundaryCases(schema, { database: options.db }, planPostgres(schema, analysis));
  const refs = new Map<string, TableRef>();
  const taken = new Set<string>();
  const usable: TableBoundaries[] = [];
  for (const t of tables) {
    const model = factoryFor(view, t.table.name);
    if (!model || t.table.primaryKey.length === 0) continue;
    let constant = t.table.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'TABLE';
    if (/^[0-9]/.test(constant)) constant = `T_${constant}`;
    while (taken.has(constant)) constant = `${constant}_`;
    taken.add(constant);
    refs.set(t.table.name, { constant, factory: model.factory, sqlName: sqlName(t.table.name), keyColumns: t.table.primaryKey.map(quoteIdent) });
    usable.push(t);
  }
  const valueCases: Py[] = [];
  const uniqueCases: Py[] = [];
  const fkCases: Py[] = [];
  const typed = options.async;
  const ids = new Set<string>();
  const id = (text: string) => {
    let out = text;
    for (let n = 2; ids.has(out); n++) out = `${text}-${n}`;
    ids.add(out);
    return out;
  };
  for (const t of usable) {
    const ref = refs.get(t.table.name)!;
    const bare = t.table.name;
    for (const c of t.values) {
      const verdict = c.sqlstate === null ? 'accepted' : 'rejected';
      valueCases.push(
        call('pytest.param', atom(ref.constant), str(quoteIdent(c.column)), pyValue(c.value, typed), atom(errorClass(c.sqlstate, options.async)), kw('id', str(id(`${bare}.${c.column}-${caseLabel(c.kind, c.value)}-${verdict}`)))),
      );
    }
    for (const u of t.uniques) {
      uniqueCases.push(call('pytest.param', atom(ref.constant), tuple(u.columns.map((c) => str(quoteIdent(c)))), kw('id', str(id(`${bare}.${u.columns.join('+')}-duplicate`)))));
    }
    for (const f of t.foreignKeys) {
      const sets = f.columns.map((c, k) => {
        const missing = f.missing[k] === 'nil-uuid' ? `'00000000-0000-0000-0000-000000000000'` : `(SELECT COALESCE(MAX(${quoteIdent(f.refColumns[k])}), 0) + 1 FROM ${sqlName(f.refTable)})`;
        return `${quoteIdent(c)} = ${missing}`;
      });
      fkCases.push(call('pytest.param', atom(ref.constant), str(sets.join(', ')), kw('id', str(id(`${bare}.${f.columns.join('+')}-missing-parent`)))));
    }
  }
  if (valueCases.length + uniqueCases.length + fkCases.length === 0) return null;

  const imports = new Imports(firstPartyPackages(options));
  imports.fromImport('__future__', 'annotations');
  if (typed && usable.some((t) => t.values.some((c) => c.value.kind === 'date'))) imports.import('datetime');
  if (typed && usable.some((t) => t.values.some((c) => c.value.kind === 'decimal'))) imports.fromImport('decimal', 'Decimal');
  imports.import('pytest');
  imports.import('sqlalchemy as sa');
  if (options.localPrefix === '.') imports.fromImport('.', 'factories');
  else imports.import('factories');

  const parts: string[] = [];
  parts.push(header(options, 'boundary-value tests from the constraints'));
  parts.push(
    [
      '"""The database accepts and rejects exactly what the schema promises.',
      '',
      'Each case writes into a valid row made by the table\'s factory, inside a SAVEPOINT',
      '(`db_session.begin_nested()`) that is always rolled back, so a rejected write leaves the',
      "test's transaction usable. Values go in as SQL parameters, so the database, not SQLAlchemy,",
      'is what accepts or rejects them.',
      '"""',
    ].join('\n'),
  );
  parts.push(imports.render());
  const tableLines = ['# Per table: the factory that makes a valid row, the table and its key columns, as SQL.'];
  for (const t of usable) {
    const ref = refs.get(t.table.name)!;
    tableLines.push(...layout(`${ref.constant} = `, tuple([atom(`factories.${ref.factory}`), str(ref.sqlName), tuple(ref.keyColumns.map(str))]), '', 0));
  }
  parts.push(tableLines.join('\n'));
  if (options.async) {
    parts.push('pytestmark = pytest.mark.asyncio');
    parts.push(`async def _row(db_session, table):
    """A new valid row of the table: its key, column by column."""
    factory_class, _, key_columns = table
    instance = await factories.create(factory_class)
    await db_session.flush()
    return dict(zip(key_columns, sa.inspect(instance).identity))`);
    parts.push(`async def _write(db_session, table, assignments, params, key, error):
    """UPDATE one row in a SAVEPOINT: it must succeed when \`error\` is None, else raise \`error\`."""
    _, name, _ = table
    where = " AND ".join(f"{column} = :key_{i}" for i, column in enumerate(key))
    statement = sa.text(f"UPDATE {name} SET {assignments} WHERE {where}")
    params = {**params, **{f"key_{i}": value for i, value in enumerate(key.values())}}
    savepoint = await db_session.begin_nested()
    try:
        if error is None:
            assert (await db_session.execute(statement, params)).rowcount == 1
        else:
            with pytest.raises(error):
                await db_session.execute(statement, params)
    finally:
        await savepoint.rollback()`);
  } else {
  parts.push(`def _row(db_session, table):
    """A new valid row of the table: its key, column by column."""
    factory_class, _, key_columns = table
    instance = factory_class()
    db_session.flush()
    return dict(zip(key_columns, sa.inspect(instance).identity))`);
  parts.push(`def _write(db_session, table, assignments, params, key, error):
    """UPDATE one row in a SAVEPOINT: it must succeed when \`error\` is None, else raise \`error\`."""
    _, name, _ = table
    where = " AND ".join(f"{column} = :key_{i}" for i, column in enumerate(key))
    statement = sa.text(f"UPDATE {name} SET {assignments} WHERE {where}")
    params = {**params, **{f"key_{i}": value for i, value in enumerate(key.values())}}
    savepoint = db_session.begin_nested()
    try:
        if error is None:
            assert db_session.execute(statement, params).rowcount == 1
        else:
            with pytest.raises(error):
                db_session.execute(statement, params)
    finally:
        savepoint.rollback()`);
  }
  const A = options.async ? 'async ' : '';
  const W = options.async ? 'await ' : '';
  if (valueCases.length > 0) {
    parts.push(layout('VALUE_CASES = ', list(valueCases), '', 0).join('\n'));
    parts.push(`@pytest.mark.parametrize(("table", "column", "value", "error"), VALUE_CASES)
${A}def test_value_is_accepted_or_rejected(db_session, table, column, value, error):
    key = ${W}_row(db_session, table)
    ${W}_write(db_session, table, f"{column} = :value", {"value": value}, key, error)`);
  }
  if (uniqueCases.length > 0) {
    parts.push(layout('UNIQUE_CASES = ', list(uniqueCases), '', 0).join('\n'));
    parts.push(`@pytest.mark.parametrize(("table", "columns"), UNIQUE_CASES)
${A}def test_unique_rejects_a_duplicate(db_session, table, columns):
    first = ${W}_row(db_session, table)
    second = ${W}_row(db_session, table)
    _, name, _ = table
    where = " AND ".join(f"{column} = :key_{i}" for i, column in enumerate(first))
    select = sa.text(f"SELECT {', '.join(columns)} FROM {name} WHERE {where}")
    keys = {f"key_{i}": v for i, v in enumerate(first.values())}
    values = ${options.async ? '(await db_session.execute(select, keys))' : 'db_session.execute(select, keys)'}.one()
    assignments = ", ".join(f"{column} = :copy_{i}" for i, column in enumerate(columns))
    copies = {f"copy_{i}": value for i, value in enumerate(values)}
    ${W}_write(db_session, table, assignments, copies, second, sa.exc.IntegrityError)`);
  }
  if (fkCases.length > 0) {
    parts.push(layout('FOREIGN_KEY_CASES = ', list(fkCases), '', 0).join('\n'));
    parts.push(`@pytest.mark.parametrize(("table", "assignments"), FOREIGN_KEY_CASES)
${A}def test_foreign_key_rejects_a_missing_parent(db_session, table, assignments):
    key = ${W}_row(db_session, table)
    ${W}_write(db_session, table, assignments, {}, key, sa.exc.IntegrityError)`);
  }
  parts.push(userSection(PYTHON, 'tests', 'Your own tests.'));
  return stampChecksum(joinTopLevel(parts));
}

/** The factory that makes rows of a table: its root class's (the first mapped to it). */
function factoryFor(view: PythonView, table: string): ModelView | undefined {
  return view.models.find((m) => m.table.name === table && m.isRoot) ?? view.models.find((m) => m.table.name === table);
}

/** A table name as SQL: `"inventory"."items"` for a schema-qualified one. */
function sqlName(table: string): string {
  return table.split('.').map(quoteIdent).join('.');
}

/**
 * The SQLAlchemy exception a SQLSTATE surfaces as (class 23: integrity, class 22: data). Under
 * asyncpg SQLAlchemy raises a data error as the base DBAPIError, so the async target expects that.
 */
function errorClass(sqlstate: string | null, async: boolean): string {
  if (sqlstate === null) return 'None';
  if (sqlstate === SQLSTATE.tooLong || sqlstate === SQLSTATE.invalidText) return async ? 'sa.exc.DBAPIError' : 'sa.exc.DataError';
  return 'sa.exc.IntegrityError';
}

/** A short label of a case for its test id: `max-length-81`, `check-min-0`, `not-null`. */
function caseLabel(kind: string, value: BoundaryValue): string {
  switch (value.kind) {
    case 'null':
      return kind;
    case 'text':
      return value.repeat > 1 || kind.endsWith('length') ? `${kind}-${value.text.length * value.repeat}` : kind;
    case 'integer':
    case 'float':
      return `${kind}-${value.value}`;
    case 'decimal':
      return `${kind}-${value.text}`;
    case 'date':
      return `${kind}-${value.iso}`;
    case 'enum':
      return kind;
  }
}

/**
 * A case value as Python: strings for text, dates, decimals and labels (the database converts);
 * `typed` (asyncpg, which checks parameter types itself): `Decimal` and `datetime.date`.
 */
function pyValue(v: BoundaryValue, typed: boolean): Py {
  if (typed && v.kind === 'decimal') return call('Decimal', str(v.text));
  if (typed && v.kind === 'date') return atom(`datetime.date(${v.iso.split('-').map(Number).join(', ')})`);
  switch (v.kind) {
    case 'null':
      return atom('None');
    case 'text':
      return atom(v.repeat > 1 ? `${pyString(v.text)} * ${v.repeat}` : pyString(v.text));
    case 'integer':
      return atom(String(v.value));
    case 'float':
      return atom(Number.isInteger(v.value) ? `${v.value}.0` : String(v.value));
    case 'decimal':
      return str(v.text);
    case 'date':
      return str(v.iso);
    case 'enum':
      return str(v.label);
  }
}
