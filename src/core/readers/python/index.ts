// The SQLAlchemy / SQLModel reader. Every given file is read as one schema, statically (nothing
// is imported or executed):
//   1. `outline.ts` parses each file with tree-sitter into statements (recovering from syntax
//      errors statement by statement); `expr.ts` reads each statement's expressions. A large
//      input is instead split from its text while a worker thread parses it to confirm the split
//      (`syntax-check.ts`); the reader starts over from the tree when it does not;
//   2. `registry.ts` indexes classes and module names across files and classifies classes
//      (declarative base, mapped, abstract, mixin, enum, column type) with their MRO;
//   3. `models.ts` maps classes to tables in source order (a mapped parent first), `tables.ts`
//      reads `Table(...)` objects and constraints, `columns.ts` each column;
//   4. then foreign keys are resolved (by table name, `Model.attr` or `table.c.col`), SQLAlchemy's
//      table-level rules applied (primary key, autoincrement, FK-typed columns, uniques), and
//      `relationships.ts` infers relationship kinds; enums are collected last.
// Anything that cannot be read statically becomes a warning saying what was assumed.

import type { Column, Diagnostic, EnumType, ReadResult, SchemaFormat, SourceLocation, SqlDialect, Table } from '../../ir';
import { emptySchema } from '../../build';
import { locationAt, type DecodedFile } from '../../source';
import { callName, lastName, type Expr } from './expr';
import { outlineFile, pythonParser, textOutline, type PyFile } from './outline';
import { syntaxWorker } from './syntax-check';
import { Registry } from './registry';
import { ModelMapper, type MappedInfo } from './models';
import { exact } from '../../build';
import { applyTableItem, readTableObject, stringColumn, type TableDraft } from './tables';
import { isIntegerType, type ColumnRef, type FkDraft } from './columns';
import { buildRelationships } from './relationships';
import { enumMembers, type EnumUse } from './types';

type PythonFormat = Extract<SchemaFormat, 'sqlalchemy' | 'sqlmodel'>;

/**
 * Where the reader parses: `auto` on a worker thread for inputs of `PARALLEL_MIN_CHARS` or more,
 * `always` on the worker whatever the size (tests), `never` only on the reader's own thread.
 */
export type ParseThread = 'auto' | 'always' | 'never';

/** Below this many characters (~300 model classes) a parse takes under ~40 ms: one thread is enough. */
const PARALLEL_MIN_CHARS = 128 * 1024;

/**
 * How many reads in this process were split from the text and confirmed by the worker's parse
 * (`parallel`), and how many tried that and read from the tree after all (`fromTree`). For
 * tests and the benchmark, which must know which way they measured.
 */
export const parallelReads = { parallel: 0, fromTree: 0 };

/** Reads SQLAlchemy (1.x and 2.0 styles) and SQLModel model files as one schema. */
export async function readPython(
  files: DecodedFile[],
  options: { format: PythonFormat; parseThread?: ParseThread },
): Promise<ReadResult> {
  const mode = options.parseThread ?? 'auto';
  if (mode === 'always' || (mode === 'auto' && files.reduce((n, f) => n + f.text.length, 0) >= PARALLEL_MIN_CHARS)) {
    const result = await readInParallel(files, options.format);
    if (result) {
      parallelReads.parallel++;
      return result;
    }
    parallelReads.fromTree++;
  }
  const parser = await pythonParser();
  return readOutlines(files, files.map((f) => outlineFile(parser, f)), options.format);
}

/**
 * Reads `files` split from their text while the worker parses them (a file the text split leaves
 * to the tree is parsed here, as usual). Null — the caller then reads every file from the tree —
 * when no file could be split, a split file has a syntax error or the parse disagrees with the
 * split, or the worker cannot answer.
 */
async function readInParallel(files: DecodedFile[], format: PythonFormat): Promise<ReadResult | null> {
  const worker = syntaxWorker();
  if (!worker.available) return null;
  const checks = files.map((f) => worker.check(f.text));
  const split = files.map((f) => textOutline(f));
  if (!split.some((s) => s !== null)) return null;
  const outlines: PyFile[] = [];
  for (let i = 0; i < files.length; i++) {
    outlines.push(split[i]?.outline ?? outlineFile(await pythonParser(), files[i]));
  }
  const result = readOutlines(files, outlines, format);
  const verdicts = await Promise.all(checks);
  for (let i = 0; i < files.length; i++) {
    const s = split[i];
    const v = verdicts[i];
    if (s && (!v || v.hasError || !sameStarts(v.starts, s.starts))) return null;
  }
  return result;
}

function sameStarts(a: Int32Array, b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Maps the outlined files to one schema. */
function readOutlines(files: DecodedFile[], outlines: PyFile[], format: PythonFormat): ReadResult {
  const schema = emptySchema(format, detectDialect(files));
  const diagnostics: Diagnostic[] = [];
  const reg = new Registry(outlines);
  const builder = new SchemaBuilder(reg);
  builder.run();
  schema.tables = builder.mapper.tables;
  schema.models = [...builder.mapper.mapped.values()].map((m) => m.model);
  schema.enums = builder.enums();
  const first = [...builder.mapper.mapped.values()][0];
  const base = first?.base ?? reg.anyBase();
  schema.meta = {
    sqlalchemyStyle: reg.modern || format === 'sqlmodel' ? '2.0' : '1.x',
    declarativeBase: base ? { name: base.name, file: base.file } : null,
    files: files.map((f) => f.path),
  };
  if (schema.tables.length === 0 && files.length > 0) diagnostics.push(noModels(files, format));
  for (const o of outlines) diagnostics.push(...o.diagnostics);
  diagnostics.push(...reg.diagnostics, ...builder.diagnostics);
  return { schema, diagnostics };
}

/** The one warning for input without any mapped class or table. */
function noModels(files: DecodedFile[], format: SchemaFormat): Diagnostic {
  const what =
    format === 'sqlmodel'
      ? 'no SQLModel table classes found: expected classes like `class Hero(SQLModel, table=True)`'
      : 'no SQLAlchemy models found: expected classes deriving from a declarative base (`class Base(DeclarativeBase)`, `Base = declarative_base()`) or Table(...) definitions';
  return {
    severity: 'warning',
    message: `${what} in ${files.length} file${files.length === 1 ? '' : 's'}; point fixture-scaffold at the models module or package`,
    file: files[0].path,
    line: 1,
    column: 1,
    code: 'python/no-models',
  };
}

/** PostgreSQL unless the models import MySQL or SQLite dialect types. */
function detectDialect(files: DecodedFile[]): SqlDialect {
  for (const f of files) {
    const m = /dialects(?:\.|\s+import\s+)(mysql|sqlite|postgresql)\b/.exec(f.text);
    if (m) return m[1] as SqlDialect;
  }
  return 'postgresql';
}

/** Runs the mapping passes over the registry and settles what needs every table. */
class SchemaBuilder {
  readonly mapper: ModelMapper;
  /** Problems found once tables are complete (constraints naming missing columns). */
  readonly diagnostics: Diagnostic[] = [];
  private readonly tableVars = new Map<string, Table>();
  private readonly byName = new Map<string, Table>();

  constructor(private readonly reg: Registry) {
    this.mapper = new ModelMapper(reg);
  }

  run(): void {
    for (const file of this.reg.files) this.sweep(file);
    for (const d of this.mapper.drafts) if (!this.byName.has(d.table.name)) this.byName.set(d.table.name, d.table);
    this.moduleIndexes();
    for (const d of this.mapper.drafts) this.resolveForeignKeys(d);
    this.inferFkTypes();
    for (const d of this.mapper.drafts) this.diagnostics.push(...finishTable(d));
    buildRelationships(this.mapper, this.reg, this.byName, this.tableVars);
  }

  /** Maps classes and reads `Table(...)` objects in source order. */
  private sweep(file: PyFile): void {
    for (const st of file.body) {
      if (st.kind === 'class') {
        if (this.reg.roleOf(st.cls).kind === 'mapped') this.mapper.map(st.cls);
      } else if (st.kind === 'assign' || st.kind === 'expr') {
        const value = st.kind === 'assign' ? st.read().value : st.value;
        if (value?.k === 'call' && callName(value) === 'type' && value.args.length === 3) {
          this.reg.report(file, value.s, 'warning', 'a class built with type(...) cannot be read statically; if it is a model, declare it with a class statement', 'python/not-static');
        }
        if (value?.k !== 'call' || callName(value) !== 'Table') continue;
        const draft = readTableObject(value, file, st.start, this.reg);
        if (!draft) continue;
        this.mapper.drafts.push(draft);
        if (st.kind === 'assign') this.tableVars.set(st.target, draft.table);
      }
    }
  }

  /** Module-level `Index("ix", Model.col, ...)` statements, applied to the model's table. */
  private moduleIndexes(): void {
    for (const st of this.reg.moduleExprs) {
      if (callName(st.value) === 'Index' && st.value.k === 'call') this.moduleIndex(st.value, st.file);
    }
    for (const v of this.reg.moduleValues) {
      if (callName(v.value) === 'Index' && v.value.k === 'call') this.moduleIndex(v.value, v.file);
    }
  }

  private moduleIndex(call: Extract<Expr, { k: 'call' }>, file: PyFile): void {
    const owner = call.args.map((a) => this.ownerOf(a)).find((o) => o !== null);
    if (!owner) return;
    const draft = this.mapper.drafts.find((d) => d.table === owner.table);
    if (!draft) return;
    const local = (x: Expr, f: PyFile) => (x.k === 'attr' ? this.mapper.columnOf(owner.info, x.name) ?? x.name : stringColumn(x, f));
    applyTableItem(draft, call, file, local, this.reg);
  }

  /** The mapped class a `Model.attr` expression belongs to. */
  private ownerOf(x: Expr): { info: MappedInfo; table: Table } | null {
    if (x.k !== 'attr') return null;
    const cls = this.reg.classNamed(lastName(x.obj));
    if (!cls || this.reg.roleOf(cls).kind !== 'mapped') return null;
    const info = this.mapper.map(cls);
    return { info, table: info.draft.table };
  }

  /** Turns FK drafts into foreign keys once every table is known. */
  private resolveForeignKeys(draft: TableDraft): void {
    for (const fk of draft.fks) {
      let refTable: string | null = null;
      const refColumns: string[] = new Array(fk.refs.length);
      let resolved = 0;
      for (const r of fk.refs) {
        const target = this.resolveRef(r, fk, draft.table);
        if (!target) break;
        refTable ??= target.table;
        refColumns[resolved++] = target.column;
      }
      if (refTable === null || resolved !== fk.refs.length) continue;
      draft.table.foreignKeys.push({
        name: fk.name,
        columns: fk.columns,
        refTable,
        refColumns,
        onDelete: fk.onDelete,
        onUpdate: fk.onUpdate,
        deferrable: fk.deferrable,
        initiallyDeferred: fk.initiallyDeferred,
        useAlter: fk.useAlter,
        logical: false,
        location: fk.location,
      });
    }
    draft.table.foreignKeys = exact(draft.table.foreignKeys);
    draft.fks = [];
  }

  /**
   * A FK target → table and column. An unqualified `"users.id"` from a table in a schema also
   * matches `schema.users` (SQLAlchemy resolves it in the metadata's default schema).
   */
  private resolveRef(ref: ColumnRef, fk: FkDraft, from: Table): { table: string; column: string } | null {
    if (ref.kind === 'table') {
      if (!this.byName.has(ref.table) && from.schema && this.byName.has(`${from.schema}.${ref.table}`)) {
        return { table: `${from.schema}.${ref.table}`, column: ref.column };
      }
      return { table: ref.table, column: ref.column };
    }
    if (ref.kind === 'tablevar') {
      const t = this.tableVars.get(ref.variable);
      if (t) return { table: t.name, column: ref.column };
      this.warnRef(fk, `"${ref.variable}" is not a Table(...) defined in the given files`);
      return null;
    }
    const cls = this.reg.classNamed(ref.model);
    if (!cls || this.reg.roleOf(cls).kind !== 'mapped') {
      this.warnRef(fk, `${ref.model} is not a mapped class in the given files`);
      return null;
    }
    for (let m: MappedInfo | null = this.mapper.map(cls); m; m = m.parent) {
      const c = m.attrs.get(ref.attr);
      if (c !== undefined) return { table: m.draft.table.name, column: c };
    }
    return { table: this.mapper.map(cls).draft.table.name, column: ref.attr };
  }

  private warnRef(fk: FkDraft, why: string): void {
    const file = this.reg.files.find((f) => f.file.path === fk.location.file);
    if (!file) return;
    const offset = file.file.lines.lineStart(fk.location.line) + fk.location.column - 1;
    this.reg.report(file, offset, 'warning', `foreign key target: ${why}; the foreign key was ignored — pass the file that defines it`, 'python/fk-target');
  }

  /**
   * Columns declared without a type take the type of the column their FK references (repeated
   * for chains of such columns, a few levels deep).
   */
  private inferFkTypes(): void {
    const untyped = new Map<Column, Table>();
    for (const d of this.mapper.drafts) {
      const columns = d.table.columns;
      for (let i = 0; i < columns.length; i++) if (d.typeFromFk[i]) untyped.set(columns[i], d.table);
    }
    for (let round = 0; round < 4 && untyped.size > 0; round++) {
      for (const [column, table] of untyped) {
        const source = this.referenced(table, column);
        if (source && !untyped.has(source)) {
          copyType(column, source);
          untyped.delete(column);
        }
      }
    }
  }

  private referenced(table: Table, column: Column): Column | null {
    for (const fk of table.foreignKeys) {
      const i = fk.columns.indexOf(column.name);
      if (i < 0) continue;
      const target = this.byName.get(fk.refTable);
      return target?.columns.find((c) => c.name === fk.refColumns[i]) ?? null;
    }
    return null;
  }

  /** Enum types: every named enum a column uses, plus enum classes no column uses, in source order. */
  enums(): EnumType[] {
    const uses: EnumUse[] = [];
    for (const d of this.mapper.drafts) uses.push(...d.enumUses);
    for (const cls of this.reg.classes) {
      const role = this.reg.roleOf(cls);
      if (role.kind !== 'enum' || uses.some((u) => u.className === cls.name)) continue;
      const members = enumMembers(cls, role.flavor, this.reg);
      if (members.length === 0) continue;
      uses.push({ className: cls.name, name: cls.name.toLowerCase(), labels: members.map((m) => m.name), members, file: cls.file, offset: cls.start });
    }
    const fileIndex = new Map(this.reg.files.map((f, i) => [f, i]));
    uses.sort((a, b) => (fileIndex.get(a.file) ?? 0) - (fileIndex.get(b.file) ?? 0) || a.offset - b.offset);
    const out: EnumType[] = [];
    for (const u of uses) {
      if (u.name === null || out.some((e) => e.name === u.name)) continue;
      out.push({ name: u.name, className: u.className, values: u.labels ?? [], members: u.members, location: locationAt(u.file.file, u.offset) });
    }
    return out;
  }
}

/** Copies the type of the referenced column onto an untyped FK column. */
function copyType(column: Column, source: Column): void {
  column.type = source.type;
  column.rawType = source.rawType;
  column.maxLength = source.maxLength;
  column.precision = source.precision;
  column.scale = source.scale;
  column.enumName = source.enumName;
  column.enumValues = source.enumValues;
  column.itemType = source.itemType;
  column.timezone = source.timezone;
}

/**
 * Table-level rules: the primary key (a `PrimaryKeyConstraint` wins over column flags, and its
 * columns are NOT NULL), SQLAlchemy's autoincrement rule (a single-column integer primary key that
 * is not a foreign key, unless `autoincrement=False`; or `autoincrement=True` on an integer
 * column), and `unique` on columns a single-column unique constraint covers.
 */
function finishTable(d: TableDraft): Diagnostic[] {
  const t = d.table;
  const pk = d.pkConstraint?.columns;
  if (pk) {
    for (const c of t.columns) {
      if (pk.includes(c.name)) {
        c.primaryKey = true;
        c.nullable = false;
      }
    }
    t.primaryKey = pk.filter((n) => t.columns.some((c) => c.name === n));
  } else {
    const names: string[] = [];
    for (const c of t.columns) if (c.primaryKey) names.push(c.name);
    t.primaryKey = exact(names);
  }
  if (t.primaryKey.length === 1) autoincrementSinglePk(d, t.primaryKey[0]);
  for (let i = 0; i < t.columns.length; i++) {
    const c = t.columns[i];
    if (d.autoincrementKw[i] === true && c.primaryKey && isIntegerType(c) && !c.computed) markAutoincrement(c);
  }
  for (const u of t.uniqueConstraints) {
    if (u.columns.length !== 1) continue;
    const c = t.columns.find((o) => o.name === u.columns[0]);
    if (c) c.unique = true;
  }
  return missingColumns(d);
}

/** SQLAlchemy's rule: a single-column integer primary key that is no FK, unless `autoincrement=False`. */
function autoincrementSinglePk(d: TableDraft, name: string): void {
  const i = d.table.columns.findIndex((o) => o.name === name);
  const c = d.table.columns[i];
  if (!c || !isIntegerType(c) || c.computed || d.autoincrementKw[i] === false) return;
  for (const fk of d.table.foreignKeys) if (fk.columns.includes(name)) return;
  markAutoincrement(c);
}

function markAutoincrement(c: Column): void {
  c.autoincrement = true;
  c.hasDefault = true;
}

/**
 * Constraints and indexes that name a column the table does not have (SQLAlchemy refuses them
 * when the table is built). Expressions such as `lower(email)` are not column names and pass.
 */
function missingColumns(d: TableDraft): Diagnostic[] {
  const t = d.table;
  const out: Diagnostic[] = [];
  for (const u of t.uniqueConstraints) checkColumns(t, 'unique constraint', u.columns, u.location, out);
  for (const i of t.indexes) if (!i.unique) checkColumns(t, 'index', i.columns, i.location, out);
  if (d.pkConstraint) checkColumns(t, 'primary key constraint', d.pkConstraint.columns, d.pkConstraint.location, out);
  return out;
}

function checkColumns(t: Table, what: string, columns: string[], at: SourceLocation, out: Diagnostic[]): void {
  for (const c of columns) {
    if (!/^[\w$]+$/.test(c) || t.columns.some((o) => o.name === c)) continue;
    out.push({
      severity: 'error',
      message: `${what} on "${t.name}" names column "${c}", which the table does not have; use the column's database name`,
      file: at.file,
      line: at.line,
      column: at.column,
      code: 'python/unknown-column',
    });
  }
}
