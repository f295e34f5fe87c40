// Everything the reader knows across files: classes by name, module-level names, which class is
// a declarative base, a mapped class, an abstract base, a mixin, an enum or a column type, and
// each class's method resolution order. Names resolve globally by their last component
// (`models.User` → `User`), which is what an import-following resolver would find in practice.

import type { Diagnostic, Severity } from '../../ir';
import { diagnosticAt } from '../../source';
import { callName, dotted, isTrue, kwarg, lastName, stringValue, type Expr } from './expr';
import type { PyClass, PyFile, PyStmt } from './outline';

/** What mapped classes inherit from their declarative base. */
export interface BaseInfo {
  /** The name reported as `schema.meta.declarativeBase.name`. */
  name: string;
  file: string;
  /** `type_annotation_map` entries, keyed by `annotationKey`. */
  typeMap: Map<string, { x: Expr; file: PyFile }>;
  /** `MetaData(schema=...)` on the base: the default schema of its tables. */
  schema: string | null;
  /** How a table is named when the class gives no `__tablename__`. */
  naming: 'required' | 'lower' | 'snake';
  sqlmodel: boolean;
  /** A 2.0-style base (`DeclarativeBase`, `registry.mapped`, SQLModel). */
  modern: boolean;
}

export type Role =
  | { kind: 'base'; base: BaseInfo }
  | { kind: 'mapped'; base: BaseInfo }
  | { kind: 'abstract'; base: BaseInfo }
  | { kind: 'mixin' }
  | { kind: 'enum'; flavor: 'str' | 'int' | 'flag' | 'plain' }
  | { kind: 'type' };

/** A module-level `name = value` (or `name: T = value`). */
export interface ModuleValue {
  name: string;
  value: Expr;
  annotation: Expr | null;
  file: PyFile;
  start: number;
}

const DECLARATIVE_ROOTS = new Set(['DeclarativeBase', 'DeclarativeBaseNoMeta']);
const ENUM_BASES: Record<string, 'str' | 'int' | 'flag' | 'plain'> = {
  Enum: 'plain',
  StrEnum: 'str',
  IntEnum: 'int',
  Flag: 'flag',
  IntFlag: 'flag',
};
const TYPE_BASES = new Set(['TypeDecorator', 'UserDefinedType', 'TypeEngine']);

/** The collected names of every file and the classification of every class. */
export class Registry {
  readonly files: PyFile[];
  readonly classes: PyClass[] = [];
  readonly moduleValues: ModuleValue[] = [];
  /** Module-level bare expressions (`Index("ix", User.email)`), in source order. */
  readonly moduleExprs: { value: Expr; file: PyFile; start: number }[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Set when any 2.0 construct (Mapped, mapped_column, DeclarativeBase) is seen. */
  modern = false;

  private readonly byName = new Map<string, PyClass>();
  private readonly valueByName = new Map<string, ModuleValue>();
  private readonly roles = new Map<PyClass, Role | 'pending'>();
  private readonly mros = new Map<PyClass, PyClass[]>();
  private readonly baseVars = new Map<string, BaseInfo>();
  private readonly registries = new Map<string, BaseInfo>();
  private readonly flaskVars = new Map<string, BaseInfo>();
  private readonly seenDiagnostics = new Set<string>();
  private sqlmodelBase: BaseInfo | null = null;

  constructor(files: PyFile[]) {
    this.files = files;
    for (const f of files) this.collect(f.body, f);
    for (const v of this.moduleValues) this.noteBaseVariable(v);
  }

  /** Adds a diagnostic at an offset of a file, once per position and message. */
  report(file: PyFile, offset: number, severity: Severity, message: string, code: string): void {
    const key = `${file.file.path}\u0000${offset}\u0000${message}`;
    if (this.seenDiagnostics.has(key)) return;
    this.seenDiagnostics.add(key);
    this.diagnostics.push(diagnosticAt(file.file, offset, severity, message, code));
  }

  /** The source text of an expression. */
  raw(x: Expr, file: PyFile): string {
    return file.text.slice(x.s, x.e);
  }

  private collect(body: PyStmt[], file: PyFile): void {
    for (const st of body) {
      if (st.kind === 'class') this.addClass(st.cls);
      else if (st.kind === 'assign') {
        const { value, annotation } = st.read();
        if (!value) continue;
        const v: ModuleValue = { name: st.target, value, annotation, file, start: st.start };
        this.moduleValues.push(v);
        if (!this.valueByName.has(st.target)) this.valueByName.set(st.target, v);
      } else if (st.kind === 'expr') this.moduleExprs.push({ value: st.value, file, start: st.start });
    }
  }

  private addClass(cls: PyClass): void {
    this.classes.push(cls);
    const first = this.byName.get(cls.name);
    if (!first) {
      this.byName.set(cls.name, cls);
      return;
    }
    const where = first.file.file.lines.position(first.start);
    this.report(
      cls.file,
      cls.start,
      'warning',
      `class ${cls.name} is also defined at ${first.file.file.path}:${where.line}; references to "${cls.name}" use that first definition — rename one of them`,
      'python/duplicate-class',
    );
  }

  /** The class a name refers to (`User`, `models.User`), if it is defined in the given files. */
  classNamed(name: string | null): PyClass | undefined {
    return name === null ? undefined : this.byName.get(name);
  }

  /** The class an expression names (`User`, `models.User`, `"User"`, `lambda: User`). */
  classOf(x: Expr | undefined): PyClass | undefined {
    if (!x) return undefined;
    if (x.k === 'lambda') return this.classOf(x.body);
    if (x.k === 'str') return this.classNamed(x.v.trim().split('.').pop() ?? null);
    return this.classNamed(lastName(x));
  }

  /** A module-level value by variable name (first definition). */
  valueNamed(name: string | null): ModuleValue | undefined {
    return name === null ? undefined : this.valueByName.get(name);
  }

  /** Records `Base = declarative_base()`, `reg = registry()`, `Base = reg.generate_base()`, `db = SQLAlchemy()`. */
  private noteBaseVariable(v: ModuleValue): void {
    if (v.value.k !== 'call') return;
    const call = v.value;
    const fn = lastName(call.fn);
    const display = { name: v.name, file: v.file.file.path };
    if (fn === 'declarative_base' || fn === 'automap_base') {
      this.baseVars.set(v.name, this.baseInfo(display, [call], v.file, 'required', false));
    } else if (fn === 'registry') {
      this.registries.set(v.name, this.baseInfo(display, [call], v.file, 'required', true));
    } else if (fn === 'generate_base' && call.fn.k === 'attr') {
      const reg = this.registryOf(call.fn.obj);
      this.baseVars.set(v.name, reg ? { ...reg, ...display } : this.baseInfo(display, [call], v.file, 'required', false));
    } else if (fn === 'SQLAlchemy') {
      this.flaskVars.set(v.name, this.baseInfo({ name: `${v.name}.Model`, file: v.file.file.path }, [], v.file, 'snake', false));
    }
  }

  /** The registry an expression names: a `registry()` variable or an inline `registry(...)` call. */
  private registryOf(x: Expr): BaseInfo | undefined {
    const name = dotted(x);
    if (name !== null) return this.registries.get(name);
    if (x.k === 'call' && lastName(x.fn) === 'registry') {
      return this.baseInfo({ name: 'registry', file: '' }, [x], this.files[0], 'required', true);
    }
    return undefined;
  }

  /** Builds base info from the keyword arguments of base-making calls (`type_annotation_map`, `metadata`). */
  private baseInfo(
    display: { name: string; file: string },
    calls: Extract<Expr, { k: 'call' }>[],
    file: PyFile,
    naming: BaseInfo['naming'],
    modern: boolean,
  ): BaseInfo {
    const info: BaseInfo = { ...display, typeMap: new Map(), schema: null, naming, sqlmodel: false, modern };
    for (const call of calls) {
      this.readTypeMap(info, kwarg(call, 'type_annotation_map'), file);
      this.readMetadata(info, kwarg(call, 'metadata'));
    }
    return info;
  }

  private readTypeMap(info: BaseInfo, x: Expr | undefined, file: PyFile): void {
    if (x?.k !== 'dict') return;
    for (const { key, value } of x.entries) {
      const k = annotationKey(key);
      if (k !== null) info.typeMap.set(k, { x: value, file });
    }
  }

  /** Sets the base's default schema from a `metadata` expression, when it names one. */
  private readMetadata(info: BaseInfo, x: Expr | undefined): void {
    info.schema = this.schemaOf(x, 0) ?? info.schema;
  }

  /** The `schema=` of `MetaData(schema=...)`, following variables (`metadata_obj`) a few steps. */
  private schemaOf(x: Expr | undefined, hops: number): string | null {
    if (x?.k === 'call' && lastName(x.fn) === 'MetaData') return stringValue(kwarg(x, 'schema')) ?? null;
    if (x && (x.k === 'name' || x.k === 'attr') && hops < 8) {
      const v = this.valueNamed(lastName(x));
      if (v && v.value !== x) return this.schemaOf(v.value, hops + 1);
    }
    return null;
  }

  /** The default schema of a `MetaData` expression (`metadata_obj`, `MetaData(schema=...)`), if any. */
  metadataSchema(x: Expr | undefined): string | null {
    if (x?.k === 'attr' && x.name === 'metadata') {
      const owner = this.classOf(x.obj);
      const role = owner ? this.roleOf(owner) : null;
      if (role && role.kind !== 'mixin' && role.kind !== 'enum' && role.kind !== 'type') return role.base.schema;
      const base = this.baseVars.get(dotted(x.obj) ?? '');
      return base?.schema ?? null;
    }
    return this.schemaOf(x, 0);
  }

  /** The role of a class, computed once. Inheritance cycles make a class a plain mixin. */
  roleOf(cls: PyClass): Role {
    const known = this.roles.get(cls);
    if (known === 'pending') return { kind: 'mixin' };
    if (known) return known;
    this.roles.set(cls, 'pending');
    const role = this.computeRole(cls);
    this.roles.set(cls, role);
    return role;
  }

  private computeRole(cls: PyClass): Role {
    for (const d of cls.decorators) {
      const fn = d.k === 'call' ? d.fn : d;
      if (fn.k === 'attr' && (fn.name === 'mapped' || fn.name === 'mapped_as_dataclass')) {
        const reg = this.registryOf(fn.obj);
        if (reg) return { kind: 'mapped', base: reg };
      }
      if (lastName(fn) === 'as_declarative') return { kind: 'base', base: this.classBase(cls, d.k === 'call' ? [d] : [], false) };
    }
    let derived: BaseInfo | null = null;
    let flavor: 'str' | 'int' | 'flag' | 'plain' | null = null;
    let mixedIn: 'str' | 'int' | null = null;
    for (const b of cls.bases) {
      const head = b.k === 'sub' ? b.obj : b;
      const n = lastName(head);
      if (n === null) continue;
      if (DECLARATIVE_ROOTS.has(n)) {
        this.modern = true;
        return { kind: 'base', base: this.classBase(cls, [], true) };
      }
      if (n === 'str' || n === 'int') mixedIn = n;
      const parent = this.classNamed(n);
      if (parent && parent !== cls) {
        const r = this.roleOf(parent);
        if (r.kind === 'base' || r.kind === 'mapped' || r.kind === 'abstract') derived ??= r.base;
        else if (r.kind === 'enum') flavor ??= r.flavor;
        else if (r.kind === 'type') return r;
        continue;
      }
      if (n === 'SQLModel') derived ??= this.sqlModelBase();
      else if (ENUM_BASES[n]) flavor ??= ENUM_BASES[n];
      else if (TYPE_BASES.has(n)) return { kind: 'type' };
      else derived ??= this.baseVariable(head) ?? null;
    }
    if (derived) return this.derivedRole(cls, derived);
    if (flavor) return { kind: 'enum', flavor: flavor === 'plain' && mixedIn ? mixedIn : flavor };
    return { kind: 'mixin' };
  }

  /** A class deriving from a base: mapped, unless abstract (or a SQLModel class without `table=True`). */
  private derivedRole(cls: PyClass, base: BaseInfo): Role {
    if (base.sqlmodel) {
      const table = cls.keywords.find((k) => k.name === 'table');
      return isTrue(table?.value) ? { kind: 'mapped', base } : { kind: 'abstract', base };
    }
    const abstract = isTrue(cls.assignment('__abstract__')?.read().value ?? undefined);
    return abstract ? { kind: 'abstract', base } : { kind: 'mapped', base };
  }

  /** Base info of a declarative base class, read from its body and decorator arguments. */
  private classBase(cls: PyClass, calls: Extract<Expr, { k: 'call' }>[], modern: boolean): BaseInfo {
    const info = this.baseInfo({ name: cls.name, file: cls.file.file.path }, calls, cls.file, 'required', modern);
    for (const st of cls.body) {
      if (st.kind !== 'assign' || !['type_annotation_map', 'metadata', 'registry'].includes(st.target)) continue;
      const value = st.read().value;
      if (!value) continue;
      if (st.target === 'type_annotation_map') this.readTypeMap(info, value, cls.file);
      else if (st.target === 'metadata') this.readMetadata(info, value);
      else if (value.k === 'call') {
        this.readTypeMap(info, kwarg(value, 'type_annotation_map'), cls.file);
        this.readMetadata(info, kwarg(value, 'metadata'));
      }
    }
    return info;
  }

  private sqlModelBase(): BaseInfo {
    this.sqlmodelBase ??= {
      name: 'SQLModel',
      file: this.files[0]?.file.path ?? '',
      typeMap: new Map(),
      schema: null,
      naming: 'lower',
      sqlmodel: true,
      modern: true,
    };
    return this.sqlmodelBase;
  }

  /** The base a class-base expression names: a `declarative_base()` variable or `db.Model`. */
  private baseVariable(x: Expr): BaseInfo | undefined {
    const name = dotted(x);
    if (name === null) return undefined;
    const direct = this.baseVars.get(name) ?? this.baseVars.get(lastName(x) ?? '');
    if (direct) return direct;
    if (x.k === 'attr' && x.name === 'Model') return this.flaskVars.get(dotted(x.obj) ?? '');
    return undefined;
  }

  /** The classes a class's bases name, in order, that are defined in the given files. */
  parentsOf(cls: PyClass): PyClass[] {
    const out: PyClass[] = [];
    for (const b of cls.bases) {
      const c = this.classNamed(lastName(b.k === 'sub' ? b.obj : b));
      if (c && c !== cls && !out.includes(c)) out.push(c);
    }
    return out;
  }

  /** The C3 method resolution order over classes defined in the given files (the class first). */
  mro(cls: PyClass): PyClass[] {
    const known = this.mros.get(cls);
    if (known) return known;
    const alone = [cls];
    this.mros.set(cls, alone);
    const parents = this.parentsOf(cls);
    if (parents.length === 0) return alone;
    if (parents.length === 1) {
      // Single inheritance (most classes): C3 gives the class then its parent's order, which is
      // all the merge would compute (unless an inheritance cycle repeated a class in it).
      const inherited = this.mro(parents[0]);
      if (!hasRepeats(inherited)) {
        const order = [cls, ...inherited];
        this.mros.set(cls, order);
        return order;
      }
    }
    const merged = c3Merge([...parents.map((p) => [...this.mro(p)]), [...parents]]);
    const order = [cls, ...(merged ?? depthFirst(parents, (p) => this.mro(p)))];
    this.mros.set(cls, order);
    return order;
  }

  /** Every base found, for `schema.meta.declarativeBase` when no class is mapped. */
  anyBase(): BaseInfo | null {
    for (const cls of this.classes) {
      const r = this.roleOf(cls);
      if (r.kind === 'base') return r.base;
    }
    return this.baseVars.values().next().value ?? this.registries.values().next().value ?? null;
  }

  /** True when a call names `mapped_column` or a 2.0 annotation is used: marks the 2.0 style. */
  noteModern(x: Expr | null): void {
    if (!x || this.modern) return;
    const head = x.k === 'sub' ? lastName(x.obj) : callName(x);
    if (head === 'Mapped' || head === 'mapped_column' || head === 'WriteOnlyMapped' || head === 'DynamicMapped') {
      this.modern = true;
    }
  }
}

/** A normalised key for a type in a `type_annotation_map` or an annotation: `dict[str,Any]`, `datetime`. */
export function annotationKey(x: Expr): string | null {
  if (x.k === 'name' || x.k === 'attr') return lastName(x);
  if (x.k === 'str') return x.v.replace(/\s+/g, '');
  if (x.k === 'sub') {
    const head = annotationKey(x.obj);
    const items = x.index.map((i) => annotationKey(i));
    if (head === null || items.some((i) => i === null)) return null;
    return `${head}[${items.join(',')}]`;
  }
  if (x.k === 'const' && x.v === null) return 'None';
  if (x.k === 'bin' && x.op === '|') {
    const l = annotationKey(x.l);
    const r = annotationKey(x.r);
    return l === null || r === null ? null : `${l}|${r}`;
  }
  return null;
}

/** True when a class occurs twice in a list (only an inheritance cycle makes such an order). */
function hasRepeats(classes: PyClass[]): boolean {
  for (let i = 1; i < classes.length; i++) if (classes.lastIndexOf(classes[i - 1]) !== i - 1) return true;
  return false;
}

/** Python's C3 linearisation merge; null when the hierarchy has no consistent order. */
function c3Merge(seqs: PyClass[][]): PyClass[] | null {
  const out: PyClass[] = [];
  const lists = seqs.filter((s) => s.length > 0);
  while (lists.length > 0) {
    let head: PyClass | null = null;
    for (const l of lists) {
      const candidate = l[0];
      if (!lists.some((o) => o.indexOf(candidate) > 0)) {
        head = candidate;
        break;
      }
    }
    if (head === null) return null;
    out.push(head);
    for (let i = lists.length - 1; i >= 0; i--) {
      if (lists[i][0] === head) lists[i].shift();
      if (lists[i].length === 0) lists.splice(i, 1);
    }
  }
  return out;
}

/** Left-to-right depth-first order without repeats: the fallback for inconsistent hierarchies. */
function depthFirst(parents: PyClass[], mroOf: (c: PyClass) => PyClass[]): PyClass[] {
  const out: PyClass[] = [];
  for (const p of parents) for (const c of mroOf(p)) if (!out.includes(c)) out.push(c);
  return out;
}
