// Tables under construction: columns attached with what they imply (unique constraints, indexes,
// checks, foreign keys still to resolve), `__table_args__` items, and `Table("name", metadata, ...)`
// objects.

import type { SourceLocation, Table } from '../../ir';
import { exact, makeTable, qualifiedName } from '../../build';
import { locationAt } from '../../source';
import { isTrue, kwarg, lastName, stringValue, type Expr } from './expr';
import type { PyFile } from './outline';
import type { Registry } from './registry';
import {
  addColumnCall,
  buildColumn,
  checkConstraint,
  columnRef,
  fkDraft,
  columnCall,
  newBag,
  reportSplat,
  type CallExpr,
  type ColumnDraft,
  type ColumnRef,
  type FkDraft,
} from './columns';
import type { EnumUse } from './types';

/** A table being built, with what can only be settled once every table is known. */
export interface TableDraft {
  table: Table;
  fks: FkDraft[];
  /** A `PrimaryKeyConstraint(...)`, which overrides column-level `primary_key=True`. */
  pkConstraint: { columns: string[]; location: SourceLocation } | null;
  /**
   * Per column of `table.columns` (same index): `autoincrement=` as given, and whether its type is
   * copied from the referenced column. Two flat lists rather than a map to an object per column:
   * they live as long as the read, so every object in them would be copied by each scavenge.
   */
  autoincrementKw: (boolean | null)[];
  typeFromFk: boolean[];
  enumUses: EnumUse[];
}

/** Trims the lists of a table whose class has been mapped (see `exact` in build.ts). */
export function compactDraft(draft: TableDraft): void {
  const t = draft.table;
  t.columns = exact(t.columns);
  t.checks = exact(t.checks);
  t.uniqueConstraints = exact(t.uniqueConstraints);
  t.indexes = exact(t.indexes);
  draft.fks = exact(draft.fks);
  draft.autoincrementKw = exact(draft.autoincrementKw);
  draft.typeFromFk = exact(draft.typeFromFk);
}

/** Resolves a column named in a constraint (`"email"`, `email`, `User.email`) to its DB name. */
export type LocalResolver = (x: Expr, file: PyFile) => string | null;

export function newTableDraft(name: string, schema: string | null, model: string | null, location: SourceLocation): TableDraft {
  return {
    table: makeTable({ name: qualifiedName(schema, name), schema, model, location }),
    fks: [],
    pkConstraint: null,
    autoincrementKw: [],
    typeFromFk: [],
    enumUses: [],
  };
}

/** SQLAlchemy's default index name for `index=True`: `ix_<schema>_<table>_<column>`. */
function indexName(table: Table, column: string): string {
  return `ix_${table.name.replace(/\./g, '_')}_${column}`;
}

/**
 * Adds a column and what its keywords imply: `unique=True` is a unique constraint, `index=True` an
 * index (a unique index with both, which also counts as a unique constraint). Returns false when
 * the table already has a column of that name.
 */
export function attachColumn(draft: TableDraft, cd: ColumnDraft): boolean {
  const t = draft.table;
  const c = cd.column;
  if (t.columns.some((o) => o.name === c.name)) return false;
  t.columns.push(c);
  draft.fks.push(...cd.fks);
  t.checks.push(...cd.checks);
  if (cd.index) t.indexes.push({ name: indexName(t, c.name), columns: [c.name], unique: cd.unique, location: c.location });
  if (cd.unique) t.uniqueConstraints.push({ name: null, columns: [c.name], location: c.location });
  draft.autoincrementKw.push(cd.autoincrementKw);
  draft.typeFromFk.push(cd.typeFromFk);
  if (cd.enumUse) draft.enumUses.push(cd.enumUse);
  return true;
}

/** Splits `__table_args__` into constraint items and the trailing options dict. */
export function splitTableArgs(x: Expr): { items: Expr[]; options: Extract<Expr, { k: 'dict' }> | null } | null {
  if (x.k === 'dict') return { items: [], options: x };
  if (x.k !== 'tuple' && x.k !== 'list') return null;
  const last = x.items[x.items.length - 1];
  if (last?.k === 'dict') return { items: x.items.slice(0, -1), options: last };
  return { items: x.items, options: null };
}

/** The value of a string key in a `{"schema": "auth"}` options dict. */
export function optionString(options: Extract<Expr, { k: 'dict' }> | null, key: string): string | null {
  for (const e of options?.entries ?? []) if (stringValue(e.key) === key) return stringValue(e.value) ?? null;
  return null;
}

/**
 * Applies one table-level item: `UniqueConstraint`, `CheckConstraint`, `ForeignKeyConstraint`,
 * `PrimaryKeyConstraint` or `Index`. Anything else is reported.
 */
export function applyTableItem(draft: TableDraft, x: Expr, file: PyFile, local: LocalResolver, reg: Registry): void {
  const t = draft.table;
  const n = x.k === 'call' ? lastName(x.fn) : null;
  if (x.k !== 'call' || n === null) {
    reg.report(file, x.s, 'warning', `table argument ${reg.raw(x, file)} is not a constraint or index this reader understands; it was ignored`, 'python/table-args');
    return;
  }
  reportSplat(x, file, reg);
  const at = locationAt(file.file, x.s);
  const name = stringValue(kwarg(x, 'name')) ?? null;
  switch (n) {
    case 'UniqueConstraint':
      t.uniqueConstraints.push({ name, columns: localColumns(x.args, file, local), location: at });
      break;
    case 'CheckConstraint':
      t.checks.push(checkConstraint(x, file, reg));
      break;
    case 'PrimaryKeyConstraint':
      draft.pkConstraint = { columns: localColumns(x.args, file, local), location: at };
      if (name !== null) t.primaryKeyName = name;
      break;
    case 'Index': {
      const unique = isTrue(kwarg(x, 'unique'));
      const columns = localColumns(x.args.slice(1), file, local);
      t.indexes.push({ name: stringValue(x.args[0]) ?? null, columns, unique, location: at });
      if (unique) t.uniqueConstraints.push({ name: stringValue(x.args[0]) ?? null, columns, location: at });
      break;
    }
    case 'ForeignKeyConstraint':
      foreignKeyConstraint(draft, x, file, local, reg, at);
      break;
    default:
      reg.report(file, x.s, 'warning', `table argument ${n}(...) is not a constraint or index this reader understands; it was ignored`, 'python/table-args');
  }
}

/** The DB names of the columns a constraint lists. */
function localColumns(items: Expr[], file: PyFile, local: LocalResolver): string[] {
  const out: string[] = [];
  for (const i of items) {
    const c = local(i, file);
    if (c !== null) out.push(c);
  }
  return out;
}

/** The items of a list/tuple argument, or the argument itself. */
function listOf(x: Expr | undefined): Expr[] {
  if (!x) return [];
  return x.k === 'list' || x.k === 'tuple' ? x.items : [x];
}

/** `ForeignKeyConstraint(["a", "b"], ["t.a", "t.b"], ...)`, targets also as `Model.col`. */
function foreignKeyConstraint(draft: TableDraft, call: CallExpr, file: PyFile, local: LocalResolver, reg: Registry, at: SourceLocation): void {
  const columns = listOf(call.args[0] ?? kwarg(call, 'columns')).map((i) => local(i, file));
  const refs = listOf(call.args[1] ?? kwarg(call, 'refcolumns')).map((i) => columnRef(i, file, reg));
  if (columns.some((c) => c === null) || refs.some((r) => r === null)) return;
  draft.fks.push(fkDraft(call, columns as string[], refs as ColumnRef[], at));
}

/** Reads a column named in a `Table(...)` constraint: a string, or `text(...)` for an expression. */
export function stringColumn(x: Expr, file: PyFile): string | null {
  const s = stringValue(x);
  if (s !== undefined) return s;
  if (x.k === 'call' && lastName(x.fn) === 'text') return stringValue(x.args[0]) ?? null;
  return file.text.slice(x.s, x.e);
}

/**
 * A `Table("name", metadata, Column(...), ..., schema=...)` object (association tables). Its
 * location is the statement that defines it. Returns null when the name is not a string.
 */
export function readTableObject(call: CallExpr, file: PyFile, start: number, reg: Registry): TableDraft | null {
  const name = stringValue(call.args[0]);
  if (name === undefined) {
    reg.report(file, call.s, 'warning', 'Table(...) without a literal table name cannot be read statically; it was ignored', 'python/not-static');
    return null;
  }
  const schema = stringValue(kwarg(call, 'schema')) ?? reg.metadataSchema(call.args[1]);
  const draft = newTableDraft(name, schema, null, locationAt(file.file, start));
  draft.table.comment = stringValue(kwarg(call, 'comment')) ?? null;
  reportSplat(call, file, reg);
  for (const a of call.args.slice(1)) {
    const column = columnCall(a);
    if (column) {
      const bag = newBag(null, file, a.s, { nullability: 'column' });
      addColumnCall(bag, column, file, reg);
      if (bag.name === null) {
        reg.report(file, a.s, 'warning', 'a Column inside Table(...) needs its name as the first argument; it was ignored', 'python/not-static');
        continue;
      }
      attachColumn(draft, buildColumn(bag, reg, null));
    } else if (a.k === 'call' && lastName(a.fn) !== 'MetaData' && a !== call.args[1]) {
      applyTableItem(draft, a, file, stringColumn, reg);
    }
  }
  return draft;
}
