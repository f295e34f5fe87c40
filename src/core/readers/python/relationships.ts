// ORM relationships: target, kind, the local FK columns, association table and back-references,
// inferred the way SQLAlchemy does once every table and foreign key is known.
//
// Kind: many-to-many with `secondary` (or SQLModel's `link_model`); otherwise the foreign keys
// between the two tables decide: the owner's table holds the FK → many-to-one; the target's →
// one-to-many (one-to-one with `uselist=False` or a scalar annotation). `foreign_keys=` (or the
// columns a `primaryjoin` names, or the `back_populates` partner's `foreign_keys`) picks among
// several FKs; for a self-reference, `remote_side` naming the primary key makes it many-to-one.

import type { ForeignKey, Relationship, RelationshipKind, SourceLocation, Table } from '../../ir';
import { locationAt } from '../../source';
import { isFalse, isTrue, kwarg, lastName, stringValue, type Expr, type Keyword } from './expr';
import type { PyFile } from './outline';
import type { Registry } from './registry';
import { Keywords, type Arg, type CallExpr } from './columns';
import { exact } from '../../build';
import { relationshipParts, type MappedInfo, type ModelMapper, type RawRelationship } from './models';
import { reparse, unwrapAnnotation } from './types';

/** A column of a table, as relationship arguments name them. */
interface ColumnAt {
  table: string;
  column: string;
}

interface ParsedRelationship {
  raw: RawRelationship;
  targetName: string | null;
  target: MappedInfo | null;
  /** From the annotation: a collection (`List[...]`), a scalar, or unknown (no annotation). */
  collection: boolean | null;
  optional: boolean;
  secondary: string | null;
  backPopulates: string | null;
  backref: { name: string; uselist: boolean | null; loading: Relationship['loading'] | null } | null;
  explicit: ColumnAt[] | null;
  remoteSide: ColumnAt[] | null;
  uselist: boolean | null;
  loading: Relationship['loading'] | null;
  viewonly: boolean;
  loose: boolean;
  relationship: Relationship | null;
  /** For one-to-many: the target-side FK columns (used for a backref's many-to-one). */
  remoteColumns: string[];
}

const COLLECTIONS = new Set(['List', 'list', 'Set', 'set', 'Sequence', 'Collection', 'FrozenSet', 'frozenset', 'Iterable', 'MutableSequence', 'MutableSet', 'Dict', 'dict', 'Mapping', 'MutableMapping']);
const ALWAYS_COLLECTIONS = new Set(['WriteOnlyMapped', 'DynamicMapped']);

/** `lazy="dynamic"` / `lazy="write_only"`; null for every other loader strategy. */
function loadingOf(x: Expr | undefined): Relationship['loading'] | null {
  const lazy = x ? stringValue(x) : undefined;
  return lazy === 'dynamic' ? 'dynamic' : lazy === 'write_only' ? 'write-only' : null;
}

/** Resolves every declared relationship and adds it (and backref-created ones) to the models. */
export function buildRelationships(
  mapper: ModelMapper,
  reg: Registry,
  tables: Map<string, Table>,
  tableVars: Map<string, Table>,
): void {
  const resolver = new RelationshipResolver(mapper, reg, tables, tableVars);
  const parsed: ParsedRelationship[] = [];
  for (const info of mapper.mapped.values()) for (const raw of info.relationships) parsed.push(resolver.parse(raw));
  const byOwner = new Map<MappedInfo, Map<string, ParsedRelationship>>();
  for (const p of parsed) {
    const own = byOwner.get(p.raw.owner) ?? new Map<string, ParsedRelationship>();
    own.set(p.raw.name, p);
    byOwner.set(p.raw.owner, own);
  }
  for (const p of parsed) if (!p.explicit) p.explicit = partnerForeignKeys(p, byOwner);
  for (const p of parsed) {
    p.relationship = resolver.resolve(p);
    p.raw.owner.model.relationships.push(p.relationship);
  }
  for (const p of parsed) resolver.addBackref(p);
  for (const info of mapper.mapped.values()) info.model.relationships = exact(info.model.relationships);
}

/** The `foreign_keys` of the `back_populates` partner, which name the same FK from the other side. */
function partnerForeignKeys(p: ParsedRelationship, byOwner: Map<MappedInfo, Map<string, ParsedRelationship>>): ColumnAt[] | null {
  if (!p.backPopulates || !p.target) return null;
  const partner = byOwner.get(p.target)?.get(p.backPopulates);
  return partner && partner.target === p.raw.owner ? partner.explicit : null;
}

/**
 * The FKs of `table` to `refTable` that use one of the `explicit` columns (all of them when none
 * are given). Written as loops that allocate only for a match: this runs twice per relationship.
 */
function linking(explicit: ColumnAt[] | null, table: Table, refTable: string): ForeignKey[] {
  let out: ForeignKey[] | null = null;
  for (const fk of table.foreignKeys) {
    if (fk.refTable !== refTable || (explicit && !usesExplicit(explicit, fk, table))) continue;
    if (out) out.push(fk);
    else out = [fk];
  }
  return out ?? NO_FKS;
}

/** True when a FK of `table` has one of the `explicit` columns. */
function usesExplicit(explicit: ColumnAt[], fk: ForeignKey, table: Table): boolean {
  for (const c of fk.columns) {
    for (const e of explicit) if (e.table === table.name && e.column === c) return true;
  }
  return false;
}

/** Shared empty result of `linking` (never mutated). */
const NO_FKS: ForeignKey[] = [];

class RelationshipResolver {
  constructor(
    private readonly mapper: ModelMapper,
    private readonly reg: Registry,
    private readonly tables: Map<string, Table>,
    private readonly tableVars: Map<string, Table>,
  ) {}

  /** Reads a relationship's arguments and annotation. */
  parse(raw: RawRelationship): ParsedRelationship {
    const { call, annotation } = relationshipParts(raw);
    const kw = this.keywords(call, raw.file);
    const fromAnnotation = annotation ? this.annotationTarget(annotation, raw.file) : null;
    const targetArg = call.args[0] ? { x: call.args[0], file: raw.file } : kw.get('argument');
    const targetCls = targetArg ? this.reg.classOf(targetArg.x) : fromAnnotation?.name ? this.reg.classNamed(fromAnnotation.name) : undefined;
    const targetName = targetCls?.name ?? (targetArg ? this.nameOf(targetArg.x) : fromAnnotation?.name ?? null);
    const target = targetCls && this.reg.roleOf(targetCls).kind === 'mapped' ? this.mapper.map(targetCls) : null;
    if (!target) {
      const what = targetName ? `"${targetName}" is not a mapped class in the given files` : 'its target class cannot be read statically';
      const guess = annotation ? 'its kind is guessed from the annotation' : 'it is read as many-to-one without columns';
      this.reg.report(raw.file, raw.start, 'warning', `relationship ${raw.owner.cls.name}.${raw.name}: ${what}; ${guess} — pass the file that defines the target`, 'python/relationship-target');
    }
    const uselist = kw.get('uselist');
    const pj = kw.get('primaryjoin');
    return {
      raw,
      targetName,
      target,
      collection: fromAnnotation?.collection ?? null,
      optional: fromAnnotation?.optional ?? false,
      secondary: this.secondary(call.args[1] ? { x: call.args[1], file: raw.file } : kw.get('secondary') ?? kw.get('link_model')),
      backPopulates: stringValue(kw.get('back_populates')?.x) ?? null,
      backref: this.backref(kw.get('backref')),
      explicit: this.columns(kw.get('foreign_keys'), raw.owner) ?? this.primaryJoinColumns(pj, raw.owner, target),
      remoteSide: this.columns(kw.get('remote_side'), raw.owner),
      uselist: isTrue(uselist?.x) ? true : isFalse(uselist?.x) ? false : null,
      loading: fromAnnotation?.loading ?? loadingOf(kw.get('lazy')?.x) ?? (lastName(call.fn) === 'dynamic_loader' ? 'dynamic' : null),
      viewonly: isTrue(kw.get('viewonly')?.x),
      loose: pj !== undefined || isTrue(kw.get('viewonly')?.x),
      relationship: null,
      remoteColumns: [],
    };
  }

  /** Keyword arguments, with SQLModel's `sa_relationship_kwargs={...}` and `sa_relationship=` folded in. */
  private keywords(call: CallExpr, file: PyFile): Keywords {
    const kw = new Keywords();
    kw.add(call.kw, file);
    const sa = kwarg(call, 'sa_relationship');
    if (sa?.k === 'call') kw.add(sa.kw, file);
    const extra = kwarg(call, 'sa_relationship_kwargs');
    if (extra?.k === 'dict') {
      const entries: Keyword[] = [];
      for (const e of extra.entries) {
        const key = stringValue(e.key);
        if (key !== undefined) entries.push({ name: key, value: e.value, s: e.key.s });
      }
      kw.add(entries, file);
    }
    return kw;
  }

  /** The target class name and collection-ness of `Mapped[List["Order"]]`, `Optional["Team"]`, ... */
  private annotationTarget(annotation: Expr, file: PyFile): { name: string | null; collection: boolean; optional: boolean; loading: Relationship['loading'] | null } {
    let x = annotation.k === 'str' ? reparse(annotation, file) ?? annotation : annotation;
    let collection = false;
    let loading: Relationship['loading'] | null = null;
    if (x.k === 'sub') {
      const head = lastName(x.obj) ?? '';
      if (head === 'Mapped' || ALWAYS_COLLECTIONS.has(head)) {
        collection = ALWAYS_COLLECTIONS.has(head);
        loading = head === 'DynamicMapped' ? 'dynamic' : head === 'WriteOnlyMapped' ? 'write-only' : null;
        x = x.index[0];
      }
    }
    const outer = unwrapAnnotation(x, file, this.reg);
    let inner = outer.inner;
    if (inner?.k === 'sub' && COLLECTIONS.has(lastName(inner.obj) ?? '')) {
      collection = true;
      inner = unwrapAnnotation(inner.index[inner.index.length - 1], outer.file, this.reg).inner;
    }
    return { name: inner ? this.nameOf(inner) : null, collection, optional: outer.optional, loading };
  }

  /** A class name from a name, attribute, string or lambda. */
  private nameOf(x: Expr): string | null {
    if (x.k === 'lambda') return this.nameOf(x.body);
    if (x.k === 'str') return x.v.trim().split('.').pop() ?? null;
    return lastName(x);
  }

  /** The association table: a name string, a `Table` variable, a link model class, or a lambda. */
  private secondary(arg: Arg | undefined): string | null {
    if (!arg) return null;
    const x = arg.x.k === 'lambda' ? arg.x.body : arg.x;
    const s = stringValue(x);
    if (s !== undefined) return s;
    const n = lastName(x);
    const variable = n !== null ? this.tableVars.get(n) : undefined;
    if (variable) return variable.name;
    const cls = this.reg.classNamed(n);
    if (cls && this.reg.roleOf(cls).kind === 'mapped') return this.mapper.map(cls).draft.table.name;
    if (x.k === 'sub' && x.index.length === 1 && stringValue(x.index[0]) !== undefined) return stringValue(x.index[0]) ?? null;
    this.reg.report(arg.file, arg.x.s, 'warning', `secondary=${this.reg.raw(arg.x, arg.file)} cannot be resolved to a table; the relationship is many-to-many with an unknown association table`, 'python/not-static');
    return n;
  }

  private backref(arg: Arg | undefined): ParsedRelationship['backref'] {
    if (!arg) return null;
    const s = stringValue(arg.x);
    if (s !== undefined) return { name: s, uselist: null, loading: null };
    if (arg.x.k === 'call' && lastName(arg.x.fn) === 'backref') {
      const name = stringValue(arg.x.args[0]);
      const uselist = kwarg(arg.x, 'uselist');
      if (name !== undefined) return { name, uselist: isTrue(uselist) ? true : isFalse(uselist) ? false : null, loading: loadingOf(kwarg(arg.x, 'lazy')) };
    }
    return null;
  }

  /**
   * Columns named by `foreign_keys=`/`remote_side=`: a list or single `Model.col`, a bare attribute
   * of the owner, `table.c.col`, or a string holding any of these (`"[Model.a, Model.b]"`).
   */
  private columns(arg: Arg | undefined, owner: MappedInfo): ColumnAt[] | null {
    if (!arg) return null;
    const out: ColumnAt[] = [];
    this.collectColumns(arg.x, arg.file, owner, out, false);
    return out.length > 0 ? out : null;
  }

  private collectColumns(x: Expr, file: PyFile, owner: MappedInfo, out: ColumnAt[], onlyAttrs: boolean): void {
    if (x.k === 'str') {
      const inner = reparse(x, file);
      if (inner) this.collectColumns(inner, file, owner, out, onlyAttrs);
    } else if (x.k === 'list' || x.k === 'tuple' || x.k === 'set') {
      for (const i of x.items) this.collectColumns(i, file, owner, out, onlyAttrs);
    } else if (x.k === 'call') {
      for (const a of x.args) this.collectColumns(a, file, owner, out, onlyAttrs);
    } else if (x.k === 'bin') {
      this.collectColumns(x.l, file, owner, out, onlyAttrs);
      this.collectColumns(x.r, file, owner, out, onlyAttrs);
    } else if (x.k === 'lambda') {
      this.collectColumns(x.body, file, owner, out, onlyAttrs);
    } else if (x.k === 'attr') {
      const at = this.attributeColumn(x);
      if (at) out.push(at);
    } else if (x.k === 'name' && !onlyAttrs) {
      const at = this.ownerColumn(owner, x.id);
      if (at) out.push(at);
    }
  }

  /** `Model.attr` or `table.c.col` → the table and column it names. */
  private attributeColumn(x: Extract<Expr, { k: 'attr' }>): ColumnAt | null {
    if (x.obj.k === 'attr' && (x.obj.name === 'c' || x.obj.name === 'columns')) {
      const t = this.tableVars.get(lastName(x.obj.obj) ?? '');
      return t ? { table: t.name, column: x.name } : null;
    }
    const cls = this.reg.classNamed(lastName(x.obj));
    if (!cls || this.reg.roleOf(cls).kind !== 'mapped') return null;
    return this.ownerColumn(this.mapper.map(cls), x.name);
  }

  /** An attribute of a mapped class (or its mapped ancestors) → its table and column. */
  private ownerColumn(owner: MappedInfo, attr: string): ColumnAt | null {
    for (let m: MappedInfo | null = owner; m; m = m.parent) {
      const c = m.attrs.get(attr);
      if (c !== undefined) return { table: m.draft.table.name, column: c };
    }
    return null;
  }

  /** The FK columns a `primaryjoin` names (`foreign(...)`-marked ones when present). */
  private primaryJoinColumns(arg: Arg | undefined, owner: MappedInfo, target: MappedInfo | null): ColumnAt[] | null {
    if (!arg || !target) return null;
    const all: ColumnAt[] = [];
    this.collectColumns(arg.x, arg.file, owner, all, true);
    const sides = new Set([owner.draft.table.name, target.draft.table.name]);
    const fkCols = all.filter((c) => this.fksOf(c.table).some((fk) => sides.has(fk.refTable) && fk.columns.includes(c.column)));
    return fkCols.length > 0 ? fkCols : null;
  }

  private fksOf(table: string): ForeignKey[] {
    return this.tables.get(table)?.foreignKeys ?? [];
  }

  /** Infers the kind and FK columns and builds the IR relationship. */
  resolve(p: ParsedRelationship): Relationship {
    const raw = p.raw;
    const local = raw.owner.draft.table;
    const { kind, columns } = p.secondary !== null ? { kind: 'many-to-many' as const, columns: [] } : this.direction(p, local);
    let finalKind: RelationshipKind = kind;
    if (kind === 'one-to-many' && (p.uselist === false || p.collection === false)) finalKind = 'one-to-one';
    const r: Omit<Relationship, 'location'> = {
      name: raw.name,
      target: p.targetName ?? '',
      kind: finalKind,
      columns,
      secondary: p.secondary,
      backPopulates: p.backPopulates,
      backref: p.backref?.name ?? null,
      nullable: finalKind === 'many-to-one' ? this.columnsNullable(local, columns, p) : true,
      relationName: null,
    };
    return withOptions(r, p.loading && finalKind !== 'many-to-one' && finalKind !== 'one-to-one' ? p.loading : null, p.viewonly, locationAt(raw.file.file, raw.start));
  }

  /** Many-to-one (with the local FK columns) or one-to-many, from the FKs between the two tables. */
  private direction(p: ParsedRelationship, local: Table): { kind: RelationshipKind; columns: string[] } {
    if (!p.target) return this.fallback(p);
    const remote = p.target.draft.table;
    const toRemote = linking(p.explicit, local, remote.name);
    if (local === remote) return this.selfDirection(p, toRemote);
    const toLocal = linking(p.explicit, remote, local.name);
    if (toRemote.length > 0 && toLocal.length === 0) {
      this.warnAmbiguous(p, toRemote.length);
      return { kind: 'many-to-one', columns: toRemote[0].columns };
    }
    if (toLocal.length > 0 && toRemote.length === 0) {
      this.warnAmbiguous(p, toLocal.length);
      p.remoteColumns = toLocal[0].columns;
      return { kind: 'one-to-many', columns: [] };
    }
    if (toLocal.length > 0 && toRemote.length > 0) {
      this.warnAmbiguous(p, 2);
      if (p.collection) {
        p.remoteColumns = toLocal[0].columns;
        return { kind: 'one-to-many', columns: [] };
      }
      return { kind: 'many-to-one', columns: toRemote[0].columns };
    }
    if (!p.loose) {
      this.reg.report(p.raw.file, p.raw.start, 'warning', `relationship ${p.raw.owner.cls.name}.${p.raw.name}: no foreign key links "${local.name}" and "${remote.name}"; its kind is guessed from the annotation — add a ForeignKey or a primaryjoin`, 'python/relationship-fk');
    }
    return this.fallback(p);
  }

  /** The kind guessed from the annotation alone (a collection is one-to-many), without columns. */
  private fallback(p: ParsedRelationship): { kind: RelationshipKind; columns: string[] } {
    return { kind: p.collection ? 'one-to-many' : 'many-to-one', columns: [] };
  }

  /** Self-reference: many-to-one when `remote_side` names the referenced (primary key) side. */
  private selfDirection(p: ParsedRelationship, selfFks: ForeignKey[]): { kind: RelationshipKind; columns: string[] } {
    if (selfFks.length === 0) return { kind: p.collection === false ? 'many-to-one' : 'one-to-many', columns: [] };
    if (selfFks.length > 1 && !p.explicit) this.warnAmbiguous(p, selfFks.length);
    const fkCols = selfFks[0].columns;
    if (p.remoteSide && !p.remoteSide.some((r) => fkCols.includes(r.column))) return { kind: 'many-to-one', columns: fkCols };
    p.remoteColumns = fkCols;
    return { kind: 'one-to-many', columns: [] };
  }

  private warnAmbiguous(p: ParsedRelationship, count: number): void {
    if (count < 2 || p.explicit) return;
    this.reg.report(p.raw.file, p.raw.start, 'warning', `relationship ${p.raw.owner.cls.name}.${p.raw.name}: several foreign keys link these tables and SQLAlchemy will refuse to guess; the first was assumed — pass foreign_keys=[...]`, 'python/relationship-ambiguous');
  }

  /** A many-to-one is nullable when all its FK columns are (or, with none known, when Optional). */
  private columnsNullable(table: Table, columns: string[], p: ParsedRelationship): boolean {
    if (columns.length === 0) return p.collection === null ? true : p.optional;
    return columns.every((c) => table.columns.find((o) => o.name === c)?.nullable ?? true);
  }

  /** `backref="x"`/`backref("x", uselist=False)`: the reverse relationship on the target model. */
  addBackref(p: ParsedRelationship): void {
    const forward = p.relationship;
    if (!p.backref || !p.target || !forward) return;
    const model = p.target.model;
    if (model.relationships.some((r) => r.name === p.backref?.name)) return;
    let kind: RelationshipKind;
    let columns: string[] = [];
    if (forward.kind === 'many-to-many') kind = 'many-to-many';
    else if (forward.kind === 'many-to-one') kind = p.backref.uselist === false ? 'one-to-one' : 'one-to-many';
    else {
      kind = 'many-to-one';
      columns = p.remoteColumns;
    }
    const table = p.target.draft.table;
    const r: Omit<Relationship, 'location'> = {
      name: p.backref.name,
      target: p.raw.owner.cls.name,
      kind,
      columns,
      secondary: forward.secondary,
      backPopulates: forward.name,
      backref: null,
      nullable: kind === 'many-to-one' ? columns.every((c) => table.columns.find((o) => o.name === c)?.nullable ?? true) : true,
      relationName: null,
    };
    model.relationships.push(withOptions(r, p.backref.loading && kind !== 'many-to-one' && kind !== 'one-to-one' ? p.backref.loading : null, p.viewonly, forward.location));
  }
}

/**
 * Completes a relationship: `loading` and `viewonly` only when set, then `location`, added in
 * that order so the keys keep the IR's order (object spreads of optional parts cost a runtime
 * copy per relationship).
 */
function withOptions(r: Omit<Relationship, 'location'>, loading: Relationship['loading'] | null, viewonly: boolean, location: SourceLocation): Relationship {
  if (loading) r.loading = loading;
  if (viewonly) r.viewonly = true;
  const out = r as Relationship;
  out.location = location;
  return out;
}
