// The catalog: a schema built by replaying ordered, dialect-neutral operations through one
// `apply(op)` switch, the way a database applies DDL. Readers translate what they parse (SQL
// statements, Alembic `op.*` calls) into `CatalogOp`s and never build tables themselves, so a late
// `ALTER TABLE ... ADD CONSTRAINT`, a rename or a drop means the same thing in every format.
//
// Invariants: `apply` never throws; an operation on something missing becomes a diagnostic at the
// operation's location and changes nothing. Facts that follow from others (a column's
// `primaryKey`/`unique` flags, a foreign key's omitted target columns, enum values of a column
// typed by `CREATE TYPE`) are derived once, in `build()`, so no operation has to keep them in step.

import type {
  CheckConstraint,
  Column,
  ColumnDefault,
  ColumnType,
  Diagnostic,
  EnumType,
  ForeignKey,
  Index,
  Schema,
  SchemaFormat,
  Severity,
  SourceLocation,
  SqlDialect,
  Table,
  UniqueConstraint,
} from './ir';
import { emptySchema, exact, makeTable, qualifiedName } from './build';

/** A table or type name as written; `schema` null means the default schema. */
export interface ObjectRef {
  schema: string | null;
  name: string;
}

/** A column type as a reader understood it. */
export interface TypeSpec {
  type: ColumnType;
  /** The type as written: `varchar(120)`, `order_status`, `int(10) unsigned`. */
  rawType: string;
  maxLength: number | null;
  precision: number | null;
  scale: number | null;
  itemType: ColumnType | null;
  timezone: boolean;
  /** Enum members known from the type itself (MySQL `ENUM('a','b')`). */
  enumValues: string[] | null;
  /**
   * A user-defined type (a `createEnum` enum or a `createDomain` domain) resolved in `build()`.
   * For arrays it names the element type. When nothing by that name exists, `type` stands.
   */
  named: ObjectRef | null;
  /** The type itself makes the database generate values (`serial`, `bigserial`). */
  serial: boolean;
}

/** A column definition, as in CREATE TABLE or ADD COLUMN. */
export interface ColumnSpec {
  name: string;
  type: TypeSpec;
  /** NOT NULL was stated (a primary key makes a column NOT NULL without it). */
  notNull: boolean;
  default: ColumnDefault | null;
  /** Identity, AUTO_INCREMENT, AUTOINCREMENT or a rowid alias: the database generates values. */
  autoincrement: boolean;
  /** `GENERATED ALWAYS AS (...)`: computed from other columns, never written. */
  computed: boolean;
  comment: string | null;
  location: SourceLocation;
}

export type ConstraintKind = 'primaryKey' | 'unique' | 'foreignKey' | 'check';

export type ConstraintSpec =
  | { kind: 'primaryKey'; name: string | null; columns: string[]; location: SourceLocation }
  | { kind: 'unique'; name: string | null; columns: string[]; location: SourceLocation }
  | {
      kind: 'foreignKey';
      name: string | null;
      columns: string[];
      refTable: ObjectRef;
      /** Empty: the referenced table's primary key, resolved in `build()`. */
      refColumns: string[];
      onDelete: string | null;
      onUpdate: string | null;
      deferrable: boolean;
      initiallyDeferred: boolean;
      /** Parsed but not enforced by the database (MySQL inline `REFERENCES`). */
      logical: boolean;
      location: SourceLocation;
    }
  | {
      kind: 'check';
      name: string | null;
      /** The boolean expression as written, without `CHECK ( ... )`. */
      expression: string;
      location: SourceLocation;
    };

/** Changes to one column; absent fields stay as they are. */
export interface ColumnChange {
  type?: TypeSpec;
  notNull?: boolean;
  default?: ColumnDefault | null;
  autoincrement?: boolean;
  computed?: boolean;
  comment?: string | null;
  rename?: string;
}

/**
 * The operation vocabulary. Names are as written (readers fold case where their dialect does);
 * `location` is where the operation was written, for its diagnostics and for what it creates.
 */
export type CatalogOp =
  | {
      op: 'createTable';
      table: ObjectRef;
      columns: ColumnSpec[];
      /** Table-level constraints and column-level ones, which name their one column. */
      constraints: ConstraintSpec[];
      ifNotExists: boolean;
      location: SourceLocation;
    }
  | { op: 'dropTable'; table: ObjectRef; ifExists: boolean; location: SourceLocation }
  | { op: 'renameTable'; table: ObjectRef; newName: string; location: SourceLocation }
  | {
      op: 'addColumn';
      table: ObjectRef;
      column: ColumnSpec;
      constraints: ConstraintSpec[];
      ifNotExists: boolean;
      location: SourceLocation;
    }
  | { op: 'dropColumn'; table: ObjectRef; column: string; ifExists: boolean; location: SourceLocation }
  | { op: 'alterColumn'; table: ObjectRef; column: string; change: ColumnChange; location: SourceLocation }
  | { op: 'addConstraint'; table: ObjectRef; constraint: ConstraintSpec; location: SourceLocation }
  | {
      op: 'dropConstraint';
      table: ObjectRef;
      /** Null with `kind: 'primaryKey'` (MySQL `DROP PRIMARY KEY`). */
      name: string | null;
      /** Narrows the match (MySQL `DROP FOREIGN KEY fk`, Alembic `type_=`); null matches any kind. */
      kind: ConstraintKind | null;
      ifExists: boolean;
      location: SourceLocation;
    }
  | { op: 'renameConstraint'; table: ObjectRef; name: string; newName: string; location: SourceLocation }
  | {
      op: 'createIndex';
      table: ObjectRef;
      name: string | null;
      /** Column names; an expression element is kept as its text, e.g. `lower(email)`. */
      columns: string[];
      /** Which entries of `columns` are expressions rather than column names. */
      expressions: boolean[];
      unique: boolean;
      ifNotExists: boolean;
      location: SourceLocation;
    }
  | {
      op: 'dropIndex';
      /** Index names are per schema in PostgreSQL (`table` null) and per table in MySQL. */
      table: ObjectRef | null;
      index: ObjectRef;
      ifExists: boolean;
      location: SourceLocation;
    }
  | { op: 'createEnum'; type: ObjectRef; values: string[]; location: SourceLocation }
  | {
      op: 'alterEnum';
      type: ObjectRef;
      /** `ADD VALUE v [BEFORE b | AFTER a]` or `RENAME VALUE from TO to`. */
      change:
        | { add: string; before: string | null; after: string | null; ifNotExists: boolean }
        | { rename: string; to: string };
      location: SourceLocation;
    }
  | {
      op: 'createDomain';
      type: ObjectRef;
      base: TypeSpec;
      notNull: boolean;
      default: ColumnDefault | null;
      /** CHECK expressions over `VALUE`; applied to each column of the domain with its name. */
      checks: string[];
      location: SourceLocation;
    }
  | { op: 'dropType'; type: ObjectRef; ifExists: boolean; location: SourceLocation }
  | { op: 'comment'; table: ObjectRef; column: string | null; text: string | null; location: SourceLocation };

export interface CatalogOptions {
  format: SchemaFormat;
  dialect: SqlDialect | null;
  /** The schema unqualified names live in (`public`); a name qualified with it is stored bare. */
  defaultSchema: string | null;
  /** Table and type names match regardless of case (SQLite). */
  tableNamesIgnoreCase: boolean;
  /** Column and constraint names match regardless of case (MySQL, SQLite). */
  columnNamesIgnoreCase: boolean;
  /**
   * The name the database gives an unnamed constraint (PostgreSQL `users_email_key`), so a later
   * `DROP CONSTRAINT` by that name finds it. The IR keeps such constraints unnamed.
   */
  implicitConstraintName?: (table: string, constraint: ConstraintSpec) => string | null;
}

interface ConstraintState {
  spec: ConstraintSpec;
  /**
   * For an unnamed constraint, the table name and spec it was added with: its implicit name
   * (see `implicitName`) is made from them only when a statement looks a constraint up by name,
   * which most schemas never do. Null for a named constraint.
   */
  unnamed: { table: string; spec: ConstraintSpec } | null;
}

interface IndexState {
  name: string | null;
  columns: string[];
  expressions: boolean[];
  unique: boolean;
  location: SourceLocation;
}

interface TableState {
  schema: string | null;
  name: string;
  columns: ColumnSpec[];
  constraints: ConstraintState[];
  indexes: IndexState[];
  comment: string | null;
  location: SourceLocation;
}

interface EnumState {
  schema: string | null;
  name: string;
  values: string[];
  location: SourceLocation;
}

interface DomainState {
  schema: string | null;
  name: string;
  base: TypeSpec;
  notNull: boolean;
  default: ColumnDefault | null;
  checks: string[];
  location: SourceLocation;
}

/** A schema under construction. Apply operations in order, then `build()` once. */
export class Catalog {
  private readonly tables: TableState[] = [];
  /**
   * The same tables by schema (`''` for the default one), then name, for constant-time lookups in
   * large schemas. Two levels rather than one key string, so a lookup builds no string (except
   * lower-cased names where names ignore case).
   */
  private readonly tablesByKey = new Map<string, Map<string, TableState[]>>();
  private readonly enums: EnumState[] = [];
  private readonly domains: DomainState[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly options: CatalogOptions) {}

  /** Applies one operation; problems become diagnostics and leave the catalog unchanged. */
  apply(op: CatalogOp): void {
    switch (op.op) {
      case 'createTable':
        return this.createTable(op);
      case 'dropTable':
        return this.dropTable(op);
      case 'renameTable':
        return this.renameTable(op);
      case 'addColumn':
        return this.addColumn(op);
      case 'dropColumn':
        return this.dropColumn(op);
      case 'alterColumn':
        return this.alterColumn(op);
      case 'addConstraint':
        return this.withTable(op.table, op.location, (t) => this.addConstraint(t, op.constraint));
      case 'dropConstraint':
        return this.dropConstraint(op);
      case 'renameConstraint':
        return this.renameConstraint(op);
      case 'createIndex':
        return this.createIndex(op);
      case 'dropIndex':
        return this.dropIndex(op);
      case 'createEnum':
        return this.createEnum(op);
      case 'alterEnum':
        return this.alterEnum(op);
      case 'createDomain':
        return this.createDomain(op);
      case 'dropType':
        return this.dropType(op);
      case 'comment':
        return this.comment(op);
    }
  }

  /** Whether a table of that name exists now (for `ALTER TABLE IF EXISTS`). */
  hasTable(ref: ObjectRef): boolean {
    return this.findTable(this.normalize(ref)) !== null;
  }

  // ---- tables ----

  private createTable(op: Extract<CatalogOp, { op: 'createTable' }>): void {
    const ref = this.normalize(op.table);
    // A second definition is kept as its own entry, without constraints: validation reports the
    // duplicate, and later operations still reach the first definition, as in a database that
    // rejected the second CREATE.
    const duplicate = this.findTable(ref) !== null;
    if (duplicate && op.ifNotExists) return;
    const table: TableState = {
      schema: ref.schema,
      name: ref.name,
      columns: [],
      constraints: [],
      indexes: [],
      comment: null,
      location: op.location,
    };
    for (const spec of op.columns) {
      if (this.findColumn(table, spec.name)) {
        this.report('error', spec.location, `column "${spec.name}" is defined twice in table "${tableKey(table)}"; remove or rename one`, 'schema/duplicate-column');
        continue;
      }
      table.columns.push(spec);
    }
    this.tables.push(table);
    this.register(table);
    if (!duplicate) for (const c of op.constraints) this.addConstraint(table, c);
  }

  private dropTable(op: Extract<CatalogOp, { op: 'dropTable' }>): void {
    const table = this.requireTable(op.table, op.location, op.ifExists);
    if (table) {
      this.tables.splice(this.tables.indexOf(table), 1);
      this.unregister(table);
    }
  }

  private renameTable(op: Extract<CatalogOp, { op: 'renameTable' }>): void {
    this.withTable(op.table, op.location, (table) => {
      const before = { schema: table.schema, name: table.name };
      this.unregister(table);
      table.name = op.newName;
      this.register(table);
      // Foreign keys follow the table they point to, as they do in a database.
      for (const t of this.tables) {
        for (const c of t.constraints) {
          if (c.spec.kind === 'foreignKey' && this.sameTable(this.normalize(c.spec.refTable), before)) {
            c.spec = { ...c.spec, refTable: { schema: table.schema, name: op.newName } };
          }
        }
      }
    });
  }

  // ---- columns ----

  private addColumn(op: Extract<CatalogOp, { op: 'addColumn' }>): void {
    this.withTable(op.table, op.location, (table) => {
      if (this.findColumn(table, op.column.name)) {
        if (!op.ifNotExists) {
          this.report('error', op.location, `column "${op.column.name}" already exists in table "${tableKey(table)}"; this ADD COLUMN is ignored`, 'schema/duplicate-column');
        }
        return;
      }
      table.columns.push(op.column);
      for (const c of op.constraints) this.addConstraint(table, c);
    });
  }

  private dropColumn(op: Extract<CatalogOp, { op: 'dropColumn' }>): void {
    this.withTable(op.table, op.location, (table) => {
      const column = this.findColumn(table, op.column);
      if (!column) {
        if (!op.ifExists) this.missingColumn(table, op.column, op.location);
        return;
      }
      table.columns.splice(table.columns.indexOf(column), 1);
      // Constraints and indexes over the column go with it.
      const name = column.name;
      table.constraints = table.constraints.filter((c) => !('columns' in c.spec) || !this.includesColumn(c.spec.columns, name));
      table.indexes = table.indexes.filter((i) => !this.includesColumn(i.columns, name));
    });
  }

  private alterColumn(op: Extract<CatalogOp, { op: 'alterColumn' }>): void {
    this.withTable(op.table, op.location, (table) => {
      const column = this.findColumn(table, op.column);
      if (!column) return this.missingColumn(table, op.column, op.location);
      const { change } = op;
      const spec = { ...column };
      if (change.type !== undefined) spec.type = change.type;
      if (change.notNull !== undefined) spec.notNull = change.notNull;
      if (change.default !== undefined) spec.default = change.default;
      if (change.autoincrement !== undefined) spec.autoincrement = change.autoincrement;
      if (change.computed !== undefined) spec.computed = change.computed;
      if (change.comment !== undefined) spec.comment = change.comment;
      if (change.rename !== undefined && change.rename !== spec.name) {
        if (this.findColumn(table, change.rename)) {
          this.report('error', op.location, `cannot rename column "${spec.name}" to "${change.rename}": table "${tableKey(table)}" already has one`, 'schema/duplicate-column');
          return;
        }
        this.renameColumn(table, spec.name, change.rename);
        spec.name = change.rename;
      }
      table.columns[table.columns.indexOf(column)] = spec;
    });
  }

  /** Renames a column everywhere it is referenced: own constraints and indexes, incoming FKs. */
  private renameColumn(table: TableState, from: string, to: string): void {
    const rename = (names: string[]) => names.map((n) => (this.sameColumn(n, from) ? to : n));
    for (const c of table.constraints) {
      if ('columns' in c.spec) c.spec = { ...c.spec, columns: rename(c.spec.columns) };
    }
    for (const i of table.indexes) i.columns = rename(i.columns);
    for (const t of this.tables) {
      for (const c of t.constraints) {
        if (c.spec.kind === 'foreignKey' && this.sameTable(this.normalize(c.spec.refTable), table)) {
          c.spec = { ...c.spec, refColumns: rename(c.spec.refColumns) };
        }
      }
    }
  }

  // ---- constraints and indexes ----

  private addConstraint(table: TableState, spec: ConstraintSpec): void {
    if ('columns' in spec) {
      const missing = this.missingColumnOf(table, spec.columns);
      if (missing !== undefined) {
        const what = spec.kind === 'primaryKey' ? 'primary key' : spec.kind === 'unique' ? 'unique constraint' : 'foreign key';
        this.report('error', spec.location, `${what} on "${tableKey(table)}" names column "${missing}", which "${tableKey(table)}" does not have; fix the column list`, 'schema/unknown-column');
        return;
      }
    }
    if (spec.kind === 'primaryKey' && primaryKeyOf(table) !== undefined) {
      this.report('error', spec.location, `table "${tableKey(table)}" already has a primary key; a table can have only one`, 'schema/duplicate-primary-key');
      return;
    }
    // The implicit name is the one the table and columns had now, whatever renames come later.
    table.constraints.push({ spec, unnamed: spec.name === null && this.options.implicitConstraintName ? { table: table.name, spec } : null });
  }

  /** The first of `names` the table has no column for, if any. */
  private missingColumnOf(table: TableState, names: string[]): string | undefined {
    for (const name of names) if (!this.findColumn(table, name)) return name;
    return undefined;
  }

  /** The name the database gave an unnamed constraint when it was added, if the dialect has one. */
  private implicitName(c: ConstraintState): string | null {
    return c.unnamed ? (this.options.implicitConstraintName?.(c.unnamed.table, c.unnamed.spec) ?? null) : null;
  }

  private dropConstraint(op: Extract<CatalogOp, { op: 'dropConstraint' }>): void {
    this.withTable(op.table, op.location, (table) => {
      const found = table.constraints.find(
        (c) =>
          (op.kind === null || c.spec.kind === op.kind) &&
          (op.name === null ? op.kind === 'primaryKey' : this.constraintNamed(c, op.name)),
      );
      if (found) table.constraints.splice(table.constraints.indexOf(found), 1);
      else if (!op.ifExists) {
        const what = op.name === null ? 'primary key' : `constraint named "${op.name}"`;
        this.report('warning', op.location, `table "${tableKey(table)}" has no ${what}; nothing was dropped (check the name)`, 'schema/unknown-constraint');
      }
    });
  }

  private renameConstraint(op: Extract<CatalogOp, { op: 'renameConstraint' }>): void {
    this.withTable(op.table, op.location, (table) => {
      const found = table.constraints.find((c) => this.constraintNamed(c, op.name));
      if (found) found.spec = { ...found.spec, name: op.newName };
      else this.report('warning', op.location, `table "${tableKey(table)}" has no constraint named "${op.name}"; nothing was renamed`, 'schema/unknown-constraint');
    });
  }

  private createIndex(op: Extract<CatalogOp, { op: 'createIndex' }>): void {
    const { name } = op;
    this.withTable(op.table, op.location, (table) => {
      if (name !== null && table.indexes.some((i) => i.name !== null && this.sameColumn(i.name, name))) {
        if (!op.ifNotExists) {
          this.report('error', op.location, `index "${op.name}" already exists on "${tableKey(table)}"; this one is ignored`, 'schema/duplicate-index');
        }
        return;
      }
      const missing = op.columns.filter((c, i) => !op.expressions[i] && !this.findColumn(table, c));
      if (missing.length > 0) {
        this.report('error', op.location, `index on "${tableKey(table)}" names column "${missing[0]}", which "${tableKey(table)}" does not have; fix the column list`, 'schema/unknown-column');
        return;
      }
      table.indexes.push({ name: op.name, columns: op.columns, expressions: op.expressions, unique: op.unique, location: op.location });
    });
  }

  private dropIndex(op: Extract<CatalogOp, { op: 'dropIndex' }>): void {
    const index = this.normalize(op.index);
    const candidates = op.table ? [this.findTable(this.normalize(op.table))].filter((t) => t !== null) : this.tables;
    for (const t of candidates) {
      if (op.table === null && t.schema !== index.schema) continue;
      const at = t.indexes.findIndex((i) => i.name !== null && this.sameColumn(i.name, index.name));
      if (at !== -1) {
        t.indexes.splice(at, 1);
        return;
      }
      // A unique constraint is backed by an index of the same name.
      const c = t.constraints.findIndex((x) => x.spec.kind === 'unique' && this.constraintNamed(x, index.name));
      if (c !== -1) {
        t.constraints.splice(c, 1);
        return;
      }
    }
    if (!op.ifExists) {
      this.report('warning', op.location, `no index named "${qualifiedName(index.schema, index.name)}" exists; nothing was dropped (check the name)`, 'schema/unknown-index');
    }
  }

  // ---- types ----

  private createEnum(op: Extract<CatalogOp, { op: 'createEnum' }>): void {
    const ref = this.normalize(op.type);
    if (this.findType(ref)) return this.duplicateType(ref, op.location);
    this.enums.push({ ...ref, values: [...op.values], location: op.location });
  }

  private alterEnum(op: Extract<CatalogOp, { op: 'alterEnum' }>): void {
    const ref = this.normalize(op.type);
    const e = this.enums.find((x) => this.sameTable(x, ref));
    if (!e) {
      this.report('error', op.location, `enum type "${qualifiedName(ref.schema, ref.name)}" does not exist (at this point); create it first or fix the name`, 'schema/unknown-type');
      return;
    }
    const { change } = op;
    if ('rename' in change) {
      const at = e.values.indexOf(change.rename);
      if (at === -1) this.report('error', op.location, `enum type "${e.name}" has no value "${change.rename}" to rename`, 'schema/unknown-enum-value');
      else e.values[at] = change.to;
      return;
    }
    if (e.values.includes(change.add)) {
      if (!change.ifNotExists) this.report('error', op.location, `enum type "${e.name}" already has the value "${change.add}"; use ADD VALUE IF NOT EXISTS`, 'schema/duplicate-enum-value');
      return;
    }
    const neighbour = change.before ?? change.after;
    const at = neighbour === null ? -1 : e.values.indexOf(neighbour);
    if (neighbour !== null && at === -1) {
      this.report('error', op.location, `enum type "${e.name}" has no value "${neighbour}" to place "${change.add}" next to`, 'schema/unknown-enum-value');
      return;
    }
    if (at === -1) e.values.push(change.add);
    else e.values.splice(change.before !== null ? at : at + 1, 0, change.add);
  }

  private createDomain(op: Extract<CatalogOp, { op: 'createDomain' }>): void {
    const ref = this.normalize(op.type);
    if (this.findType(ref)) return this.duplicateType(ref, op.location);
    this.domains.push({ ...ref, base: op.base, notNull: op.notNull, default: op.default, checks: op.checks, location: op.location });
  }

  private dropType(op: Extract<CatalogOp, { op: 'dropType' }>): void {
    const ref = this.normalize(op.type);
    const e = this.enums.findIndex((x) => this.sameTable(x, ref));
    if (e !== -1) this.enums.splice(e, 1);
    const d = this.domains.findIndex((x) => this.sameTable(x, ref));
    if (d !== -1) this.domains.splice(d, 1);
    if (e === -1 && d === -1 && !op.ifExists) {
      this.report('warning', op.location, `type "${qualifiedName(ref.schema, ref.name)}" does not exist; nothing was dropped`, 'schema/unknown-type');
    }
  }

  private comment(op: Extract<CatalogOp, { op: 'comment' }>): void {
    this.withTable(op.table, op.location, (table) => {
      if (op.column === null) {
        table.comment = op.text;
        return;
      }
      const column = this.findColumn(table, op.column);
      if (column) table.columns[table.columns.indexOf(column)] = { ...column, comment: op.text };
      else this.missingColumn(table, op.column, op.location);
    });
  }

  // ---- building the IR ----

  /** The schema as the operations left it, with every derived fact filled in. */
  build(): Schema {
    const schema = emptySchema(this.options.format, this.options.dialect);
    schema.tables = this.tables.map((t) => this.buildTable(t));
    schema.enums = this.enums.map(
      (e): EnumType => ({ name: qualifiedName(e.schema, e.name), className: null, values: [...e.values], members: null, location: e.location }),
    );
    return schema;
  }

  // `buildTable` and what it calls run once per table of the schema: they loop rather than pass
  // callbacks, and make no lookup structures a small table does not need.

  private buildTable(t: TableState): Table {
    const name = qualifiedName(t.schema, t.name);
    const pk = primaryKeyOf(t);
    const primaryKey = pk ? this.canonicalColumns(t, pk.columns) : [];
    const checks: CheckConstraint[] = [];
    // Lists are made at their size (see `exact`): the IR is what every later scavenge copies.
    const columns: Column[] = new Array(t.columns.length);
    for (let i = 0; i < t.columns.length; i++) columns[i] = this.buildColumn(t.columns[i], primaryKey, checks);
    for (const c of t.constraints) {
      if (c.spec.kind === 'check') checks.push({ name: c.spec.name, expression: c.spec.expression, location: c.spec.location });
    }
    const uniqueConstraints = this.uniqueConstraints(t);
    const enums = enumsFromChecks(checks);
    for (const col of columns) {
      col.unique = isUniqueColumn(uniqueConstraints, col.name);
      const values = enums === null ? undefined : enums.get(col.name.toLowerCase());
      if (values && (col.type === 'string' || col.type === 'text' || col.type === 'unknown')) {
        col.type = 'enum';
        col.enumValues = values;
      }
    }
    const foreignKeys: ForeignKey[] = [];
    for (const c of t.constraints) if (c.spec.kind === 'foreignKey') foreignKeys.push(this.buildForeignKey(t, c.spec));
    const indexes: Index[] = [];
    for (const i of t.indexes) {
      const names: string[] = [];
      for (let k = 0; k < i.columns.length; k++) names.push(i.expressions[k] ? i.columns[k] : (this.findColumn(t, i.columns[k])?.name ?? i.columns[k]));
      indexes.push({ name: i.name, columns: names, unique: i.unique, location: i.location });
    }
    const table = makeTable({
      schema: t.schema,
      columns,
      primaryKey,
      uniqueConstraints: exact(uniqueConstraints),
      foreignKeys: exact(foreignKeys),
      checks: exact(checks),
      indexes: exact(indexes),
      comment: t.comment,
      name,
      location: t.location,
    });
    // MySQL names every primary key PRIMARY whatever the DDL says; elsewhere the name is kept.
    if (pk?.name && this.options.dialect !== 'mysql') table.primaryKeyName = pk.name;
    return table;
  }

  /** Unique constraints, then unique indexes over plain columns, each column set once. */
  private uniqueConstraints(t: TableState): UniqueConstraint[] {
    const out: UniqueConstraint[] = [];
    // The column set of each entry of `out`, as `uniqueKey` writes it.
    const keys: string[] = [];
    for (const c of t.constraints) if (c.spec.kind === 'unique') this.addUnique(t, out, keys, c.spec.name, c.spec.columns, c.spec.location);
    for (const i of t.indexes) if (i.unique && !i.expressions.includes(true)) this.addUnique(t, out, keys, i.name, i.columns, i.location);
    return out;
  }

  private addUnique(t: TableState, out: UniqueConstraint[], keys: string[], name: string | null, columns: string[], location: SourceLocation): void {
    const canonical = this.canonicalColumns(t, columns);
    const key = canonical.length === 1 ? canonical[0] : [...canonical].sort().join('\u0000');
    // A table has a handful of unique constraints: a linear search beats making a set per table.
    if (keys.includes(key)) return;
    keys.push(key);
    out.push({ name, columns: canonical, location });
  }

  private buildColumn(spec: ColumnSpec, primaryKey: string[], checks: CheckConstraint[]): Column {
    // Most types name no user-defined type: they need no resolving.
    const resolved = spec.type.named ? this.resolveType(spec.type) : null;
    const inPk = primaryKey.includes(spec.name);
    const domain = resolved?.domain ?? null;
    if (domain) {
      for (const check of domain.checks) {
        checks.push({ name: null, expression: replaceValueKeyword(check, spec.name), location: spec.location });
      }
    }
    const dflt = spec.default ?? domain?.default ?? null;
    const type = resolved?.spec ?? spec.type;
    const autoincrement = spec.autoincrement || type.serial;
    // The fields in `makeColumn`'s order (its defaults, then `name` and `location`), written out:
    // this runs for every column of the schema.
    return {
      attribute: null,
      type: type.type,
      rawType: spec.type.rawType,
      nullable: !(spec.notNull || inPk || (domain?.notNull ?? false)),
      primaryKey: inPk,
      unique: false,
      maxLength: type.maxLength,
      precision: type.precision,
      scale: type.scale,
      enumName: resolved?.enumName ?? null,
      enumValues: resolved ? resolved.enumValues : type.enumValues,
      itemType: type.itemType,
      timezone: type.timezone,
      hasDefault: dflt !== null || autoincrement || spec.computed,
      default: coerceDefault(dflt, type.type),
      autoincrement,
      computed: spec.computed,
      comment: spec.comment,
      name: spec.name,
      location: spec.location,
    };
  }

  /**
   * Follows a named type to its enum or domain (domains over domains included). The result keeps
   * the reader's own mapping when no such type exists (an extension type such as `citext`).
   */
  private resolveType(spec: TypeSpec): { spec: TypeSpec; enumName: string | null; enumValues: string[] | null; domain: DomainState | null } {
    let current = spec;
    let domain: DomainState | null = null;
    for (let depth = 0; depth < 8 && current.named; depth++) {
      const ref = this.normalize(current.named);
      const isArray = current.type === 'array';
      const e = this.enums.find((x) => this.sameTable(x, ref));
      if (e) {
        const enumName = qualifiedName(e.schema, e.name);
        const type: TypeSpec = isArray ? { ...current, itemType: 'enum', named: null } : { ...current, type: 'enum', named: null };
        return { spec: type, enumName, enumValues: [...e.values], domain };
      }
      const d = this.domains.find((x) => this.sameTable(x, ref));
      if (!d) break;
      domain ??= d;
      current = isArray ? { ...current, itemType: d.base.type, named: d.base.named } : { ...d.base, rawType: current.rawType };
    }
    return { spec: current, enumName: null, enumValues: current.enumValues, domain };
  }

  private buildForeignKey(t: TableState, spec: Extract<ConstraintSpec, { kind: 'foreignKey' }>): ForeignKey {
    const ref = this.normalize(spec.refTable);
    const target = this.findTable(ref);
    let refColumns = spec.refColumns;
    if (target) {
      if (refColumns.length === 0) {
        refColumns = primaryKeyOf(target)?.columns ?? [];
        if (refColumns.length === 0) {
          this.report('error', spec.location, `foreign key on "${tableKey(t)}" references "${tableKey(target)}" without naming columns, and "${tableKey(target)}" has no primary key; name the referenced columns`, 'fk/no-target-columns');
        }
      }
      refColumns = this.canonicalColumns(target, refColumns);
    }
    // `makeForeignKey`'s field order (its defaults, then the fields it has none for), written out.
    return {
      name: spec.name,
      onDelete: spec.onDelete,
      onUpdate: spec.onUpdate,
      deferrable: spec.deferrable,
      initiallyDeferred: spec.initiallyDeferred,
      useAlter: false,
      logical: spec.logical,
      columns: this.canonicalColumns(t, spec.columns),
      refTable: target ? tableKey(target) : qualifiedName(ref.schema, ref.name),
      refColumns,
      location: spec.location,
    };
  }

  // ---- names ----

  /** Drops the default schema from a reference. */
  private normalize(ref: ObjectRef): ObjectRef {
    const { defaultSchema } = this.options;
    if (ref.schema !== null && defaultSchema !== null && this.sameName(ref.schema, defaultSchema, this.options.tableNamesIgnoreCase)) {
      return { schema: null, name: ref.name };
    }
    return ref;
  }

  private sameName(a: string, b: string, ignoreCase: boolean): boolean {
    return a === b || (ignoreCase && a.toLowerCase() === b.toLowerCase());
  }

  private sameTable(a: ObjectRef, b: ObjectRef): boolean {
    const ic = this.options.tableNamesIgnoreCase;
    return this.sameName(a.name, b.name, ic) && (a.schema === b.schema || (a.schema !== null && b.schema !== null && this.sameName(a.schema, b.schema, ic)));
  }

  private sameColumn(a: string, b: string): boolean {
    return this.sameName(a, b, this.options.columnNamesIgnoreCase);
  }

  private includesColumn(names: string[], name: string): boolean {
    return names.some((n) => this.sameColumn(n, name));
  }

  private constraintNamed(c: ConstraintState, name: string): boolean {
    if (c.spec.name !== null && this.sameColumn(c.spec.name, name)) return true;
    const implicit = this.implicitName(c);
    return implicit !== null && this.sameColumn(implicit, name);
  }

  /** The first live table by that name (a duplicate definition never shadows the first). */
  private findTable(ref: ObjectRef): TableState | null {
    return this.tablesByKey.get(this.lookupKey(ref.schema ?? ''))?.get(this.lookupKey(ref.name))?.[0] ?? null;
  }

  private lookupKey(name: string): string {
    return this.options.tableNamesIgnoreCase ? name.toLowerCase() : name;
  }

  private register(table: TableState): void {
    const schema = this.lookupKey(table.schema ?? '');
    const name = this.lookupKey(table.name);
    let byName = this.tablesByKey.get(schema);
    if (!byName) this.tablesByKey.set(schema, (byName = new Map()));
    const list = byName.get(name);
    if (list) list.push(table);
    else byName.set(name, [table]);
  }

  private unregister(table: TableState): void {
    const schema = this.lookupKey(table.schema ?? '');
    const name = this.lookupKey(table.name);
    const byName = this.tablesByKey.get(schema);
    const list = (byName?.get(name) ?? []).filter((t) => t !== table);
    if (list.length > 0) byName?.set(name, list);
    else byName?.delete(name);
  }

  private findColumn(table: TableState, name: string): ColumnSpec | null {
    const { columns } = table;
    for (let i = 0; i < columns.length; i++) if (this.sameColumn(columns[i].name, name)) return columns[i];
    return null;
  }

  private findType(ref: ObjectRef): EnumState | DomainState | null {
    return this.enums.find((x) => this.sameTable(x, ref)) ?? this.domains.find((x) => this.sameTable(x, ref)) ?? null;
  }

  /** Column names spelled as the table spells them (they may be written in another case). */
  private canonicalColumns(table: TableState, names: string[]): string[] {
    // A copy rewritten in place: exactly as long as `names`, where pushing onto an empty array
    // would reserve room for many more names than most lists have.
    const out = names.slice();
    for (let i = 0; i < out.length; i++) out[i] = this.findColumn(table, out[i])?.name ?? out[i];
    return out;
  }

  // ---- diagnostics ----

  private withTable(ref: ObjectRef, location: SourceLocation, then: (t: TableState) => void): void {
    const table = this.requireTable(ref, location, false);
    if (table) then(table);
  }

  private requireTable(ref: ObjectRef, location: SourceLocation, ifExists: boolean): TableState | null {
    const n = this.normalize(ref);
    const table = this.findTable(n);
    if (!table && !ifExists) {
      this.report('error', location, `table "${qualifiedName(n.schema, n.name)}" does not exist at this point; create it before altering it, or fix the name`, 'schema/unknown-table');
    }
    return table;
  }

  private missingColumn(table: TableState, column: string, location: SourceLocation): void {
    this.report('error', location, `table "${tableKey(table)}" has no column "${column}" at this point; fix the name`, 'schema/unknown-column');
  }

  private duplicateType(ref: ObjectRef, location: SourceLocation): void {
    this.report('error', location, `type "${qualifiedName(ref.schema, ref.name)}" already exists; this definition is ignored`, 'schema/duplicate-type');
  }

  private report(severity: Severity, at: SourceLocation, message: string, code: string): void {
    this.diagnostics.push({ severity, message, file: at.file, line: at.line, column: at.column, code });
  }
}

function tableKey(t: { schema: string | null; name: string }): string {
  return qualifiedName(t.schema, t.name);
}

/** A table's primary key constraint, if it has one. */
function primaryKeyOf(t: TableState): Extract<ConstraintSpec, { kind: 'primaryKey' }> | undefined {
  for (const c of t.constraints) if (c.spec.kind === 'primaryKey') return c.spec;
  return undefined;
}

/** Whether a single-column unique constraint covers exactly the column `name`. */
function isUniqueColumn(uniques: UniqueConstraint[], name: string): boolean {
  for (const u of uniques) if (u.columns.length === 1 && u.columns[0] === name) return true;
  return false;
}

/**
 * Enum members implied by checks `col IN ('a', 'b')` (what non-native enums compile to), by
 * lower-cased column name; the first such check on a column wins. Null when there are none, as in
 * most tables, which then cost no map.
 */
function enumsFromChecks(checks: CheckConstraint[]): Map<string, string[]> | null {
  let out: Map<string, string[]> | null = null;
  for (const c of checks) {
    const found = inListValues(c.expression);
    if (!found) continue;
    out ??= new Map();
    if (!out.has(found.column)) out.set(found.column, found.values);
  }
  return out;
}

const IN_LIST = /^\(?\s*(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*))\s*(?:::\s*\w+(?:\s+varying)?\s*)?\s+in\s*\(([\s\S]*)\)\s*\)?$/i;
const STRING_ITEM = /^\s*'((?:[^']|'')*)'(?:\s*::\s*[\w ]+)?\s*$/;

/** The column (lower case) and string members of `column IN ('a', 'b', ...)`, else null. */
function inListValues(expression: string): { column: string; values: string[] } | null {
  const m = IN_LIST.exec(expression.trim());
  if (!m) return null;
  const column = (m[1] ?? m[2] ?? m[3] ?? m[4]).toLowerCase();
  const values: string[] = [];
  for (const item of splitTopLevel(m[5])) {
    const s = STRING_ITEM.exec(item);
    if (!s) return null;
    values.push(s[1].replace(/''/g, "'"));
  }
  return values.length > 0 ? { column, values } : null;
}

/** Splits a list on commas outside quotes. */
function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "'") quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(list.slice(from, i));
      from = i + 1;
    }
  }
  out.push(list.slice(from));
  return out;
}

/** Writes a domain CHECK over `VALUE` as a check on a column. */
function replaceValueKeyword(check: string, column: string): string {
  const name = /^[a-z_][a-z0-9_$]*$/.test(column) ? column : `"${column.replace(/"/g, '""')}"`;
  return check.replace(/('(?:[^']|'')*'|"(?:[^"]|"")*")|\bVALUE\b/gi, (_match, quoted: string | undefined) => quoted ?? name);
}

const NUMERIC_TYPES = new Set<ColumnType>(['integer', 'smallint', 'bigint', 'numeric', 'float']);

/**
 * Reads a literal default as the column's type: MySQL dumps quote numbers (`DEFAULT '0.00'`) and
 * booleans are often written as 0/1.
 */
function coerceDefault(d: ColumnDefault | null, type: ColumnType): ColumnDefault | null {
  if (d === null || d.kind !== 'literal') return d;
  const v = d.value;
  if (NUMERIC_TYPES.has(type) && typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(v)) {
    return { kind: 'literal', value: Number(v) };
  }
  if (type === 'boolean') {
    const s = String(v).toLowerCase();
    if (['1', 't', 'true', 'y', 'yes', 'on'].includes(s)) return { kind: 'literal', value: true };
    if (['0', 'f', 'false', 'n', 'no', 'off'].includes(s)) return { kind: 'literal', value: false };
  }
  return d;
}
