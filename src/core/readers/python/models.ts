// Mapped classes → tables and models. For each mapped class: which ancestors contribute columns
// (mixins, abstract bases, the declarative base — never a mapped parent, whose columns live in
// its own table), the table it maps to (own, or the parent's for single-table inheritance),
// its columns, `__table_args__`, `__mapper_args__` and raw relationships.
//
// Column order: inherited columns first, in method resolution order (for
// `class User(IdMixin, TimestampMixin, Base)` that is IdMixin's, then TimestampMixin's), then the
// class's own, in declaration order. An attribute redefined closer in the MRO keeps its first
// position but takes the closer definition, as Python attribute lookup would. (SQLAlchemy itself
// puts the class's own columns first; this order follows how the source reads.)

import type { Model, Table } from '../../ir';
import { exact, makeModel } from '../../build';
import { locationAt } from '../../source';
import { callName, kwarg, lastName, literal, stringValue, type Expr, type Keyword } from './expr';
import type { AssignParts, PyAssign, PyClass, PyFile, PyFunction } from './outline';
import type { BaseInfo, Registry } from './registry';
import { addColumnCall, addItem, buildColumn, columnCall, newBag, type CallExpr, type ColumnBag, type ColumnDraft } from './columns';
import { applyTableItem, attachColumn, compactDraft, newTableDraft, optionString, readTableObject, splitTableArgs, stringColumn, type TableDraft } from './tables';
import { reparse, unwrapAnnotation } from './types';

/**
 * A relationship as declared, resolved once every model and foreign key is known. Its expressions
 * are read again then (`relationshipParts`) rather than kept alive through the mapping of every
 * other class.
 */
export interface RawRelationship {
  owner: MappedInfo;
  name: string;
  /** The attribute definition whose value is the `relationship(...)`/`Relationship(...)` call. */
  def: AttrDef;
  file: PyFile;
  start: number;
}

/**
 * The relationship's call and the attribute's annotation (`Mapped[List["Order"]]`, SQLModel
 * `Optional["Team"]`; a string annotation is left for the caller to re-read).
 */
export function relationshipParts(raw: RawRelationship): { call: CallExpr; annotation: Expr | null } {
  const parts = read(raw.def);
  return { call: parts.value as CallExpr, annotation: parts.annotation };
}

/** A mapped class and what it maps to. */
export interface MappedInfo {
  cls: PyClass;
  base: BaseInfo;
  parent: MappedInfo | null;
  /** The table this class's columns go to (the parent's for single-table inheritance). */
  draft: TableDraft;
  model: Model;
  /** Attribute → DB column name, for the columns this class contributes. */
  attrs: Map<string, string>;
  relationships: RawRelationship[];
}

/**
 * One attribute definition found in a class body: the assignment itself (its expressions are read
 * on demand), or a `@declared_attr` function.
 */
type AttrDef = (PyAssign & { readonly cls: PyClass }) | DeclaredAttr;

interface DeclaredAttr {
  readonly kind: 'function';
  name: string;
  cls: PyClass;
  start: number;
  fn: PyFunction;
}

/**
 * A definition's annotation and value (for a function: its return annotation and value), read
 * afresh each time: the expression trees die with the caller instead of living in the definition.
 */
function read(def: AttrDef): AssignParts {
  return def.kind === 'function' ? { annotation: def.fn.returnAnnotation, value: def.fn.returns } : def.read();
}

const MAPPED_HEADS = new Set(['Mapped', 'WriteOnlyMapped', 'DynamicMapped']);
const RELATIONSHIP_CALLS = new Set(['relationship', 'Relationship', 'relation', 'dynamic_loader']);
const COLUMN_WRAPPERS = new Set(['deferred', 'column_property', 'undefer']);
const NOT_COLUMNS = new Set([
  'synonym', 'column_property', 'composite', 'association_proxy', 'hybrid_property', 'query_expression',
  'deferred', 'object_session', 'comparable_property', 'with_expression', 'aliased', 'property',
]);
const SPECIAL = new Set(['__tablename__', '__table_args__', '__mapper_args__', '__table__', '__abstract__']);

/** Maps classes to tables; tables are appended to `tables` in the order they are created. */
export class ModelMapper {
  readonly mapped = new Map<PyClass, MappedInfo>();
  readonly drafts: TableDraft[] = [];

  constructor(private readonly reg: Registry) {}

  /** Maps a mapped class (its mapped parent first). */
  map(cls: PyClass): MappedInfo {
    const known = this.mapped.get(cls);
    if (known) return known;
    const role = this.reg.roleOf(cls);
    if (role.kind !== 'mapped') throw new Error(`${cls.name} is not mapped`);
    const mro = this.reg.mro(cls);
    let parentCls: PyClass | undefined;
    for (let i = 1; i < mro.length && !parentCls; i++) if (this.reg.roleOf(mro[i]).kind === 'mapped') parentCls = mro[i];
    const parent = parentCls ? this.map(parentCls) : null;
    const parentMro = parentCls ? this.reg.mro(parentCls) : NO_CLASSES;
    // `lookup`: the class, then its contributors (nearest first); `order`: the same, farthest first.
    const lookup = [cls];
    for (let i = 1; i < mro.length; i++) {
      const c = mro[i];
      const k = this.reg.roleOf(c).kind;
      if ((k === 'mixin' || k === 'abstract' || k === 'base') && !parentMro.includes(c)) lookup.push(c);
    }
    const order = lookup.length === 1 ? lookup : [...lookup.slice(1), cls];
    const info = this.build(cls, role.base, parent, lookup, order);
    // A mapped class is never another class's contributor: its definitions are not needed again,
    // and dropping them now lets them die young instead of being copied by every scavenge.
    cls.definitions = null;
    this.mapped.set(cls, info);
    return info;
  }

  private build(cls: PyClass, base: BaseInfo, parent: MappedInfo | null, lookup: PyClass[], order: PyClass[]): MappedInfo {
    const defs = attributeDefinitions(lookup, order);
    const model = makeModel({ name: cls.name, table: '', location: locationAt(cls.file.file, cls.start), parent: parent?.cls.name ?? null });
    const info: MappedInfo = { cls, base, parent, draft: null as unknown as TableDraft, model, attrs: new Map(), relationships: [] };
    const columns: ColumnDraft[] = [];
    const tableDef = special(lookup, '__table__');
    const tableObject = tableDef ? read(tableDef).value : null;
    for (const def of defs) this.readAttribute(def, read(def), info, columns);
    const placement = this.placement(cls, base, parent, lookup, columns);
    if (tableDef && tableObject?.k === 'call' && callName(tableObject) === 'Table') {
      info.draft = readTableObject(tableObject, tableDef.cls.file, tableDef.start, this.reg) ?? newTableDraft(cls.name.toLowerCase(), null, null, model.location);
      info.draft.table.model = cls.name;
      info.draft.table.location = model.location;
      for (const c of info.draft.table.columns) info.attrs.set(c.name, c.name);
      this.drafts.push(info.draft);
    } else if (placement.single && parent) {
      info.draft = parent.draft;
      model.inheritance = 'single';
    } else {
      const schema = placement.schema ?? base.schema;
      info.draft = newTableDraft(placement.name, schema, cls.name, model.location);
      info.draft.table.comment = placement.comment;
      this.drafts.push(info.draft);
      if (parent) model.inheritance = 'joined';
    }
    model.table = info.draft.table.name;
    for (const cd of columns) this.addColumn(info, cd, placement.single);
    model.columns = columns.map((cd) => cd.column.name);
    if (!placement.single) this.applyTableArgs(info, placement.items);
    this.readMapperArgs(info, lookup);
    info.relationships = exact(info.relationships);
    compactDraft(info.draft);
    return info;
  }

  /** Attaches a column to the class's table and records its attribute. */
  private addColumn(info: MappedInfo, cd: ColumnDraft, single: boolean): void {
    const c = cd.column;
    if (c.attribute !== null) info.attrs.set(c.attribute, c.name);
    if (!attachColumn(info.draft, cd)) return;
    if (single && !c.nullable && !c.hasDefault && !c.primaryKey) {
      this.reg.report(
        cd.file,
        cd.start,
        'info',
        `column "${c.name}" of single-table subclass ${info.cls.name} is NOT NULL without a default, but it lives on the shared table "${info.draft.table.name}": rows of the parent class (${info.parent?.cls.name}) cannot be inserted — make it nullable or give it a default`,
        'python/sti-not-null',
      );
    }
  }

  /** Reads one attribute: a column (pushed to `columns`), a relationship, or nothing. */
  private readAttribute(def: AttrDef, parts: AssignParts, info: MappedInfo, columns: ColumnDraft[]): void {
    const file = def.cls.file;
    if (def.fn && !parts.value) {
      this.reg.report(file, def.start, 'warning', `@declared_attr ${def.name}() has no single return statement to read; the attribute was not read`, 'python/not-static');
      return;
    }
    if (info.base.sqlmodel) {
      this.readField(def, parts, info, columns);
      return;
    }
    let annotation = parts.annotation;
    if (annotation?.k === 'str') annotation = reparse(annotation, file) ?? annotation;
    this.reg.noteModern(annotation);
    this.reg.noteModern(parts.value);
    const mappedHead = annotation?.k === 'sub' ? lastName(annotation.obj) : null;
    const mappedInner = annotation?.k === 'sub' && mappedHead !== null && MAPPED_HEADS.has(mappedHead) ? annotation.index[0] : null;
    const v = parts.value;
    const n = callName(v);
    const wrapped = v?.k === 'call' && n !== null && COLUMN_WRAPPERS.has(n) ? columnCall(v.args[0]) : null;
    const column = columnCall(v) ?? wrapped;
    if (column) {
      columns.push(this.saColumn(def, info.base, column, callName(column) === 'mapped_column' ? mappedInner : null, mappedInner));
    } else if (v?.k === 'call' && n !== null && RELATIONSHIP_CALLS.has(n)) {
      info.relationships.push({ owner: info, name: def.name, def, file, start: def.start });
    } else if (!v && mappedInner && mappedHead === 'Mapped') {
      columns.push(this.saColumn(def, info.base, null, mappedInner, mappedInner));
    } else if (mappedInner && !(n !== null && NOT_COLUMNS.has(n))) {
      const what = def.fn ? `@declared_attr ${def.name}() does not simply return mapped_column()/relationship()` : `the value of ${def.name} is not mapped_column() or relationship()`;
      this.reg.report(file, def.start, 'warning', `${what}; the attribute was not read — declare it with mapped_column(...) or relationship(...)`, 'python/not-static');
    }
  }

  /**
   * A SQLAlchemy column from `Column`/`mapped_column`, or from a bare `Mapped[...]` annotation.
   * The type map is the mapped class's base's, also for columns a mixin declares.
   */
  private saColumn(def: AttrDef, base: BaseInfo, call: CallExpr | null, nullableFrom: Expr | null, typeFrom: Expr | null): ColumnDraft {
    const file = def.cls.file;
    const annotation = typeFrom ? unwrapAnnotation(typeFrom, file, this.reg) : null;
    const bag = newBag(def.name, file, def.start, { annotation, nullability: nullableFrom ? 'annotation' : 'column' });
    for (const alias of annotation?.columnDefaults ?? []) {
      const aliasCall = columnCall(alias);
      if (aliasCall) addColumnCall(bag, aliasCall, annotation?.file ?? file, this.reg);
    }
    if (call) addColumnCall(bag, call, file, this.reg);
    return buildColumn(bag, this.reg, base);
  }

  /** A SQLModel field (`x: int = Field(...)`), relationship, or nothing. */
  private readField(def: AttrDef, parts: AssignParts, info: MappedInfo, columns: ColumnDraft[]): void {
    const file = def.cls.file;
    const annotation = parts.annotation;
    if (!annotation || def.fn || def.name.startsWith('_')) return;
    const head = annotation.k === 'sub' ? lastName(annotation.obj) : lastName(annotation);
    if (head === 'ClassVar') return;
    const v = parts.value;
    if (v?.k === 'call' && RELATIONSHIP_CALLS.has(callName(v) ?? '')) {
      info.relationships.push({ owner: info, name: def.name, def, file, start: def.start });
      return;
    }
    columns.push(buildColumn(this.fieldBag(def, annotation, v), this.reg, null));
  }

  /** Gathers a SQLModel field's `Field(...)` arguments (or its plain default) into a bag. */
  private fieldBag(def: AttrDef, annotationExpr: Expr, v: Expr | null): ColumnBag {
    const file = def.cls.file;
    const annotation = unwrapAnnotation(annotationExpr, file, this.reg);
    if (v?.k === 'call' && callName(v) === 'Field') {
      const saColumn = columnCall(kwarg(v, 'sa_column'));
      if (saColumn) {
        const bag = newBag(def.name, file, def.start, { annotation, nullability: 'column' });
        addColumnCall(bag, saColumn, file, this.reg);
        return bag;
      }
      const bag = newBag(def.name, file, def.start, { annotation, nullability: 'annotation', sqlmodel: true });
      if (v.args[0]) bag.kw.add([{ name: 'default', value: v.args[0], s: v.args[0].s }], file);
      bag.kw.add(v.kw, file);
      const extra = kwarg(v, 'sa_column_kwargs');
      if (extra?.k === 'dict') {
        const entries: Keyword[] = [];
        for (const e of extra.entries) {
          const key = stringValue(e.key);
          if (key !== undefined) entries.push({ name: key, value: e.value, s: e.key.s });
        }
        bag.kw.add(entries, file);
      }
      const args = kwarg(v, 'sa_column_args');
      if (args && (args.k === 'list' || args.k === 'tuple')) for (const a of args.items) addItem(bag, { x: a, file });
      return bag;
    }
    const bag = newBag(def.name, file, def.start, { annotation, nullability: 'annotation', sqlmodel: true });
    if (v) bag.kw.add([{ name: 'default', value: v, s: v.s }], file);
    return bag;
  }

  /**
   * Where the class's columns go: its own table (named by `__tablename__`, or by the base's naming
   * rule) or, for a subclass of a mapped class without its own table name, the parent's table.
   */
  private placement(
    cls: PyClass,
    base: BaseInfo,
    parent: MappedInfo | null,
    lookup: PyClass[],
    columns: ColumnDraft[],
  ): { name: string; single: boolean; schema: string | null; comment: string | null; items: { items: Expr[]; file: PyFile } } {
    const argsDef = special(lookup, '__table_args__');
    const args = argsDef ? read(argsDef).value : null;
    const split = args ? splitTableArgs(args) : null;
    if (argsDef && !split) this.reportComputed(argsDef, '__table_args__', 'its constraints and schema were not read');
    const schema = optionString(split?.options ?? null, 'schema');
    const comment = optionString(split?.options ?? null, 'comment');
    const items = { items: split?.items ?? [], file: argsDef?.cls.file ?? cls.file };
    const named = this.tableName(cls, lookup, parent);
    if (named !== null) return { name: named, single: false, schema, comment, items };
    const hasOwnPk = columns.some((c) => c.column.primaryKey);
    if (parent && (base.naming === 'required' || (base.naming === 'snake' && !hasOwnPk))) {
      return { name: parent.draft.table.name, single: true, schema: null, comment: null, items };
    }
    if (base.naming === 'snake') return { name: snakeCase(cls.name), single: false, schema, comment, items };
    const fallback = cls.name.toLowerCase();
    if (base.naming === 'required') {
      this.reg.report(cls.file, cls.start, 'warning', `mapped class ${cls.name} has no __tablename__ (SQLAlchemy requires one); assumed "${fallback}" — add __tablename__ = "${fallback}"`, 'python/no-tablename');
    }
    return { name: fallback, single: false, schema, comment, items };
  }

  /**
   * The class's own table name, or null when it has none. A computed name (`@declared_attr`,
   * f-string, call) is reported and read as the lowercased class name.
   */
  private tableName(cls: PyClass, lookup: PyClass[], parent: MappedInfo | null): string | null {
    const def = special(lookup, '__tablename__');
    if (!def) return null;
    const s = stringValue(read(def).value ?? undefined);
    if (s !== undefined) return s;
    if (def.fn && parent && cls.file.text.slice(def.fn.start, def.fn.end).includes('has_inherited_table')) return null;
    const fallback = cls.name.toLowerCase();
    if (def.cls === cls) {
      this.reportComputed(def, '__tablename__', `assumed "${fallback}" (the lowercased class name) — write a plain string to make it explicit`);
    } else {
      this.reportComputed(def, '__tablename__', 'each class inheriting it is assumed to use its lowercased class name — give each model a plain-string __tablename__ to make it explicit');
    }
    return fallback;
  }

  private reportComputed(def: AttrDef, what: string, assumed: string): void {
    this.reg.report(def.cls.file, def.start, 'warning', `${what} is computed and cannot be read statically; ${assumed}`, 'python/computed-tablename');
  }

  /** Applies `__table_args__` constraints, resolving attribute names to column names. */
  private applyTableArgs(info: MappedInfo, args: { items: Expr[]; file: PyFile }): void {
    const local = (x: Expr, file: PyFile): string | null => {
      if (x.k === 'name') return this.columnOf(info, x.id) ?? x.id;
      if (x.k === 'attr' && x.obj.k === 'name' && this.reg.classNamed(x.obj.id)) return this.columnOf(info, x.name) ?? x.name;
      return stringColumn(x, file);
    };
    for (const item of args.items) applyTableItem(info.draft, item, args.file, local, this.reg);
  }

  /** The DB column name of an attribute of a mapped class or its mapped ancestors. */
  columnOf(info: MappedInfo, attr: string): string | null {
    for (let m: MappedInfo | null = info; m; m = m.parent) {
      const c = m.attrs.get(attr);
      if (c !== undefined) return c;
    }
    return null;
  }

  /** `__mapper_args__ = {"polymorphic_on": ..., "polymorphic_identity": ...}`. */
  private readMapperArgs(info: MappedInfo, lookup: PyClass[]): void {
    const def = special(lookup, '__mapper_args__');
    if (!def) return;
    const args = read(def).value;
    if (args?.k !== 'dict') {
      this.reportComputed(def, '__mapper_args__', 'polymorphic settings were not read');
      return;
    }
    const file = def.cls.file;
    for (const { key, value } of args.entries) {
      const k = stringValue(key);
      if (k === 'polymorphic_on') info.model.polymorphicOn = this.discriminator(info, value, file);
      else if (k === 'polymorphic_identity') {
        const v = literal(value);
        if (v === undefined || v === null || typeof v === 'boolean') {
          this.reg.report(file, value.s, 'warning', `polymorphic_identity ${this.reg.raw(value, file)} cannot be read statically; left unset — use a string literal`, 'python/not-static');
        } else info.model.polymorphicIdentity = String(v);
      }
    }
  }

  /** The column name of a `polymorphic_on` value: an attribute, its name as a string, or `__table__.c.x`. */
  private discriminator(info: MappedInfo, x: Expr, file: PyFile): string | null {
    if (x.k === 'name') return this.columnOf(info, x.id) ?? x.id;
    const s = stringValue(x);
    if (s !== undefined) return this.columnOf(info, s) ?? s;
    if (x.k === 'attr') return this.columnOf(info, x.name) ?? x.name;
    this.reg.report(file, x.s, 'warning', `polymorphic_on ${this.reg.raw(x, file)} is an expression, not a column; no discriminator column recorded`, 'python/not-static');
    return null;
  }

  /** Every table in creation order. */
  get tables(): Table[] {
    return this.drafts.map((d) => d.table);
  }
}

/** True when a decorator marks a `@declared_attr` (incl. `.directive`, `.cascading`). */
function isDeclaredAttr(d: Expr): boolean {
  const fn = d.k === 'call' ? d.fn : d;
  return lastName(fn) === 'declared_attr' || (fn.k === 'attr' && lastName(fn.obj) === 'declared_attr');
}

const NO_CLASSES: PyClass[] = [];


/** One class's attribute definitions (assignments and `@declared_attr` functions), in order. */
function ownDefinitions(cls: PyClass): AttrDef[] {
  const cached = cls.definitions as AttrDef[] | null;
  if (cached) return cached;
  const out: AttrDef[] = [];
  for (const st of cls.body) {
    if (st.kind === 'assign') {
      out.push(st as AttrDef);
    } else if (st.kind === 'function' && st.fn.decorators.some(isDeclaredAttr)) {
      out.push({ kind: 'function', name: st.fn.name, cls, start: st.fn.start, fn: st.fn });
    }
  }
  cls.definitions = out;
  return out;
}

/**
 * The attribute definitions of a mapped class in column order (`order`: farthest contributor
 * first), each taken from the nearest class that defines it (`lookup`: the class first).
 */
function attributeDefinitions(lookup: PyClass[], order: PyClass[]): AttrDef[] {
  const only = soleDefiner(lookup);
  if (only) return ownAttributes(only);
  const nearest = new Map<string, AttrDef>();
  for (const cls of lookup) {
    for (const d of ownDefinitions(cls)) if (!nearest.has(d.name) && !SPECIAL.has(d.name)) nearest.set(d.name, d);
  }
  const out: AttrDef[] = [];
  const seen = new Set<string>();
  for (const cls of order) {
    for (const d of ownDefinitions(cls)) {
      if (seen.has(d.name) || SPECIAL.has(d.name) || (d.name.startsWith('__') && d.name.endsWith('__'))) continue;
      seen.add(d.name);
      out.push(nearest.get(d.name) as AttrDef);
    }
  }
  return out;
}

/** The one class of `lookup` with attribute definitions, if only one has any (the usual case). */
function soleDefiner(lookup: PyClass[]): PyClass | null {
  let found: PyClass | null = null;
  for (const cls of lookup) {
    if (ownDefinitions(cls).length === 0) continue;
    if (found) return null;
    found = cls;
  }
  return found;
}

/**
 * `attributeDefinitions` when a single class defines attributes: its definitions in order, each
 * name once (its first definition), without special and dunder names.
 */
function ownAttributes(cls: PyClass): AttrDef[] {
  const out: AttrDef[] = [];
  const defs = ownDefinitions(cls);
  let seen: Set<string> | null = null;
  for (const d of defs) {
    if (SPECIAL.has(d.name) || (d.name.startsWith('__') && d.name.endsWith('__'))) continue;
    if (out.length >= 16) {
      if (!seen) seen = new Set(out.map((o) => o.name));
      if (seen.has(d.name)) continue;
      seen.add(d.name);
    } else if (out.some((o) => o.name === d.name)) continue;
    out.push(d);
  }
  return out;
}

/** The nearest definition of a special attribute (`__tablename__`...) among `lookup`. */
function special(lookup: PyClass[], name: string): AttrDef | undefined {
  for (const cls of lookup) {
    for (const d of ownDefinitions(cls)) if (d.name === name) return d;
  }
  return undefined;
}

/** `UserAccount` → `user_account` (Flask-SQLAlchemy's automatic table names). */
function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

