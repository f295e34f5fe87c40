// Replaying a revision's `upgrade()` onto the catalog, sqlc-style: each `op.*` call (and each
// `batch_op.*` call inside `with op.batch_alter_table(...)`) becomes catalog operations at the
// call's position; `op.execute(...)` SQL goes through the SQL reader; enum types are created and
// dropped like SQLAlchemy does. What cannot change the schema (data migrations) or cannot be read
// statically is an info diagnostic, never a silent guess.

import type { Severity, SqlDialect } from '../../ir';
import type { CatalogOp, ColumnChange, ConstraintKind, ConstraintSpec, ObjectRef } from '../../catalog';
import { diagnosticAt } from '../../source';
import { ExprError, isFalse, isTrue, kwarg, lastName, parseExpression, parseStatement, stringValue, type Expr } from '../python/expr';
import { Registry } from '../python/registry';
import type { CallExpr } from '../python/columns';
import type { BodyStmt, RevisionFile } from './revisions';
import {
  columnItem,
  enumCall,
  foreignKeySpec,
  indexColumns,
  location,
  nameOf,
  rawOf,
  serverDefault,
  sqlTextOf,
  stringList,
  tableItem,
  typeItem,
  type ColumnItem,
  type EnumNeed,
  type ItemContext,
} from './specs';
import { executeSql, type SqlTarget } from './sql';
import type { ReplayCatalog } from './catalog';
import { lookupTable } from '../../lookup';

/** Where the replayed operations and the diagnostics go. */
export interface ReplayTarget extends SqlTarget {
  catalog: ReplayCatalog;
}

/** What a name in a migration function stands for. */
type Binding =
  | { kind: 'value'; x: Expr }
  /** `with op.batch_alter_table("t", schema=...) as batch_op`. */
  | { kind: 'batch'; table: ObjectRef }
  /** `conn = op.get_bind()`: its `execute(...)` runs SQL like `op.execute`. */
  | { kind: 'connection' };

/** Helper functions may call helpers; deeper calls than this are not followed. */
const MAX_HELPER_DEPTH = 4;

/** Replays the `upgrade()` of one revision. */
export async function replayUpgrade(rev: RevisionFile, target: ReplayTarget, dialect: SqlDialect): Promise<void> {
  const upgrade = rev.functions.get('upgrade');
  if (!upgrade) {
    target.diagnostics.push(diagnosticAt(rev.outline.file, rev.idOffset, 'warning', `revision "${rev.id}" has no upgrade() function; it changes nothing`, 'alembic/no-upgrade'));
    return;
  }
  await new RevisionReplay(rev, target, dialect).run(upgrade.body, 0);
}

class RevisionReplay implements ItemContext {
  readonly reg: Registry;
  private readonly scope = new Map<string, Binding>();

  constructor(
    readonly rev: RevisionFile,
    private readonly target: ReplayTarget,
    readonly dialect: SqlDialect,
  ) {
    this.reg = new Registry([rev.outline]);
  }

  report(offset: number, severity: Severity, message: string, code: string): void {
    this.target.diagnostics.push(diagnosticAt(this.rev.outline.file, offset, severity, message, code));
  }

  /** Follows names bound in the function, then module-level names, a few steps deep. */
  resolve(x: Expr): Expr {
    let cur = x;
    for (let i = 0; i < 8 && cur.k === 'name'; i++) {
      const b = this.scope.get(cur.id);
      const next = b?.kind === 'value' ? b.x : b ? null : (this.reg.valueNamed(cur.id)?.value ?? null);
      if (!next || next === cur) break;
      cur = next;
    }
    return cur;
  }

  /** Replays statements in order (asynchronously: SQL statements wait for the SQL parser). */
  async run(body: BodyStmt[], depth: number): Promise<void> {
    for (const st of body) {
      switch (st.kind) {
        case 'simple':
          await this.simple(st.start, st.end, depth);
          break;
        case 'with':
          await this.withBlock(st, depth);
          break;
        case 'try':
          await this.run(st.body, depth);
          break;
        case 'skipped':
          if (st.callsOp) {
            this.report(st.start, 'info', `operations inside this \`${st.what}\` block are not replayed (which branch runs is decided when the migration runs); the schema read here may miss them`, 'alembic/not-replayed');
          }
          break;
      }
    }
  }

  private async simple(start: number, end: number, depth: number): Promise<void> {
    let st;
    try {
      st = parseStatement(this.rev.outline.text, start, end);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      this.report(e.at, 'warning', `could not read this statement (${e.message}); it is not replayed`, 'alembic/unreadable');
      return;
    }
    if (!st.value) return;
    if (st.value.k === 'call') await this.call(st.value, depth);
    for (const t of st.targets) {
      if (t.k === 'name') this.scope.set(t.id, this.isConnection(st.value) ? { kind: 'connection' } : { kind: 'value', x: st.value });
    }
  }

  /** `op.get_bind()`, `op.get_context().bind`, `context.get_bind()`. */
  private isConnection(x: Expr): boolean {
    const raw = rawOf(this, x).replace(/\s+/g, '');
    return /^(op|context)\.get_(bind|context)\(\)(\.(bind|connection))?$/.test(raw) && !raw.endsWith('get_context()');
  }

  private async withBlock(st: Extract<BodyStmt, { kind: 'with' }>, depth: number): Promise<void> {
    for (const item of st.items) {
      let x: Expr;
      try {
        x = parseExpression(this.rev.outline.text, item.start, item.end);
      } catch {
        continue;
      }
      if (x.k === 'call' && this.receiver(x) === 'op' && lastName(x.fn) === 'batch_alter_table') {
        const table = this.tableRef(x.args[0] ?? kwarg(x, 'table_name'), kwarg(x, 'schema'));
        if (table && item.alias) this.scope.set(item.alias, { kind: 'batch', table });
      }
    }
    await this.run(st.body, depth);
  }

  /** What the object of a method call is: `op`, a batch, a connection, or something else. */
  private receiver(call: CallExpr): 'op' | 'connection' | ObjectRef | null {
    if (call.fn.k !== 'attr') return null;
    const obj = call.fn.obj;
    if (obj.k === 'name') {
      if (obj.id === 'op') return 'op';
      const b = this.scope.get(obj.id);
      if (b?.kind === 'batch') return b.table;
      if (b?.kind === 'connection') return 'connection';
      return null;
    }
    if (obj.k === 'attr' && obj.name === 'op' && obj.obj.k === 'name' && obj.obj.id === 'alembic') return 'op';
    return this.isConnection(obj) ? 'connection' : null;
  }

  private async call(call: CallExpr, depth: number): Promise<void> {
    const method = lastName(call.fn);
    if (method === null) return;
    const receiver = this.receiver(call);
    if (receiver === 'op') return this.op(method, call, null);
    if (receiver === 'connection') {
      if (method === 'execute' || method === 'exec_driver_sql') await this.execute(call.args[0], call);
      return;
    }
    if (receiver !== null) return this.op(method, call, receiver);
    if ((method === 'create' || method === 'drop') && call.fn.k === 'attr') return this.enumCreateOrDrop(method, call);
    if (call.fn.k === 'name') await this.helper(call.fn.id, call, depth);
  }

  /** A call of a module-level helper function without arguments: its body is replayed. */
  private async helper(name: string, call: CallExpr, depth: number): Promise<void> {
    const fn = this.rev.functions.get(name);
    if (!fn || name === 'upgrade' || name === 'downgrade') return;
    if (depth >= MAX_HELPER_DEPTH || call.args.length > 0 || call.kw.length > 0) {
      this.report(call.s, 'info', `the operations of ${name}(...) are not replayed (only helpers called without arguments are followed)`, 'alembic/not-replayed');
      return;
    }
    await this.run(fn.body, depth + 1);
  }

  // ---- op.* and batch_op.* ----

  private async op(method: string, call: CallExpr, batch: ObjectRef | null): Promise<void> {
    const handler = OPS[method];
    if (handler) return handler.call(this, call, batch);
    if (IGNORED.has(method)) return;
    if (method === 'bulk_insert') {
      this.report(call.s, 'info', 'op.bulk_insert writes data, not schema; it is not replayed', 'alembic/data-migration');
      return;
    }
    this.report(call.s, 'info', `${batch ? 'batch_op' : 'op'}.${method}(...) is not an operation this reader replays; the schema read here may differ from the database`, 'alembic/unsupported');
  }

  private apply(op: CatalogOp): void {
    this.target.catalog.apply(op);
  }

  /** Binds call arguments to parameter names: positional ones in order, then keywords. */
  private args(call: CallExpr, params: string[]): Map<string, Expr> {
    const out = new Map<string, Expr>();
    call.args.forEach((a, i) => {
      if (i < params.length) out.set(params[i], a);
    });
    for (const k of call.kw) out.set(k.name, k.value);
    return out;
  }

  /** The table of a call: the batch's, or the named table argument with the `schema=` keyword. */
  private tableOf(batch: ObjectRef | null, args: Map<string, Expr>, param: string): ObjectRef | null {
    if (batch) return batch;
    return this.tableRef(args.get(param), args.get('schema'));
  }

  private tableRef(name: Expr | undefined, schema: Expr | undefined): ObjectRef | null {
    const n = name ? stringValue(this.resolve(name)) : undefined;
    if (n === undefined) {
      if (name) this.report(name.s, 'warning', `the table name ${rawOf(this, name).slice(0, 60)} cannot be read statically; this operation is not replayed`, 'alembic/not-static');
      return null;
    }
    const s = schema ? stringValue(this.resolve(schema)) : undefined;
    return { schema: s ?? null, name: n };
  }

  createTable(call: CallExpr): void {
    const table = this.tableRef(call.args[0] ?? kwarg(call, 'table_name'), kwarg(call, 'schema'));
    if (!table) return;
    const at = location(this, call.s);
    const columns: ColumnItem[] = [];
    const constraints: ConstraintSpec[] = [];
    const indexes: Extract<CatalogOp, { op: 'createIndex' }>[] = [];
    const index = (name: string | null, cols: string[], expressions: boolean[], unique: boolean) =>
      indexes.push({ op: 'createIndex', table, name, columns: cols, expressions, unique, ifNotExists: false, location: at });
    const flaggedPk: string[] = [];
    for (const a of call.args.slice(1)) {
      const x = this.resolve(a);
      if (x.k === 'call' && lastName(x.fn) === 'Column') {
        const c = columnItem(this, x);
        if (!c) continue;
        this.ensureEnum(c.enumNeed);
        columns.push(c);
        constraints.push(...c.constraints);
        if (c.primaryKey) flaggedPk.push(c.spec.name);
        if (c.index) index(indexName(table, c.spec.name), [c.spec.name], [false], c.index.unique);
      } else {
        const item = tableItem(this, x);
        if (item && 'constraint' in item) constraints.push(item.constraint);
        else if (item) index(item.index.name, item.index.columns, item.index.expressions, item.index.unique);
      }
    }
    const pkConstraint = constraints.find((c) => c.kind === 'primaryKey');
    if (!pkConstraint && flaggedPk.length > 0) constraints.unshift({ kind: 'primaryKey', name: null, columns: flaggedPk, location: at });
    const pk = pkConstraint && 'columns' in pkConstraint ? pkConstraint.columns : flaggedPk;
    markAutoincrement(columns, pk, constraints);
    this.apply({ op: 'createTable', table, columns: columns.map((c) => c.spec), constraints, ifNotExists: isTrue(kwarg(call, 'if_not_exists')), location: at });
    const comment = stringValue(kwarg(call, 'comment'));
    if (comment !== undefined) this.apply({ op: 'comment', table, column: null, text: comment, location: at });
    for (const i of indexes) this.apply(i);
  }

  dropTable(call: CallExpr): void {
    const table = this.tableRef(call.args[0] ?? kwarg(call, 'table_name'), kwarg(call, 'schema'));
    if (table) this.apply({ op: 'dropTable', table, ifExists: isTrue(kwarg(call, 'if_exists')), location: location(this, call.s) });
  }

  renameTable(call: CallExpr): void {
    const args = this.args(call, ['old_table_name', 'new_table_name']);
    const table = this.tableRef(args.get('old_table_name'), args.get('schema'));
    const newName = args.get('new_table_name');
    const n = newName ? stringValue(this.resolve(newName)) : undefined;
    if (table && n !== undefined) this.apply({ op: 'renameTable', table, newName: n, location: location(this, call.s) });
  }

  addColumn(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['column'] : ['table_name', 'column']);
    const table = this.tableOf(batch, args, 'table_name');
    const x = args.get('column');
    const column = x ? this.resolve(x) : undefined;
    if (!table || column?.k !== 'call' || lastName(column.fn) !== 'Column') {
      if (table && x) this.report(x.s, 'warning', 'add_column needs an sa.Column(...) to be read; this operation is not replayed', 'alembic/not-static');
      return;
    }
    const c = columnItem(this, column);
    if (!c) return;
    this.ensureEnum(c.enumNeed);
    const at = location(this, call.s);
    const constraints = c.primaryKey ? [{ kind: 'primaryKey' as const, name: null, columns: [c.spec.name], location: at }, ...c.constraints] : c.constraints;
    this.apply({ op: 'addColumn', table, column: c.spec, constraints, ifNotExists: isTrue(kwarg(call, 'if_not_exists')), location: at });
    if (c.index) this.apply({ op: 'createIndex', table, name: indexName(table, c.spec.name), columns: [c.spec.name], expressions: [false], unique: c.index.unique, ifNotExists: false, location: at });
  }

  dropColumn(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['column_name'] : ['table_name', 'column_name']);
    const table = this.tableOf(batch, args, 'table_name');
    const column = this.stringArg(args.get('column_name'));
    if (table && column !== null) this.apply({ op: 'dropColumn', table, column, ifExists: isTrue(args.get('if_exists')), location: location(this, call.s) });
  }

  alterColumn(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['column_name'] : ['table_name', 'column_name']);
    const table = this.tableOf(batch, args, 'table_name');
    const column = this.stringArg(args.get('column_name'));
    if (!table || column === null) return;
    const change: ColumnChange = {};
    const nullable = args.get('nullable');
    if (nullable && (isTrue(nullable) || isFalse(nullable))) change.notNull = isFalse(nullable);
    const type = args.get('type_');
    if (type) {
      const t = typeItem(this, type);
      this.ensureEnum(t.enumNeed);
      change.type = t.spec;
    }
    const dflt = args.get('server_default');
    if (dflt && !isFalse(dflt)) change.default = serverDefault(this, dflt);
    const comment = args.get('comment');
    if (comment && !isFalse(comment)) change.comment = stringValue(this.resolve(comment)) ?? null;
    const rename = args.get('new_column_name');
    if (rename) {
      const n = stringValue(this.resolve(rename));
      if (n !== undefined) change.rename = n;
    }
    this.apply({ op: 'alterColumn', table, column, change, location: location(this, call.s) });
  }

  createForeignKey(call: CallExpr, batch: ObjectRef | null): void {
    const params = batch ? ['constraint_name', 'referent_table', 'local_cols', 'remote_cols'] : ['constraint_name', 'source_table', 'referent_table', 'local_cols', 'remote_cols'];
    const args = this.args(call, params);
    const table = batch ?? this.tableRef(args.get('source_table'), args.get('source_schema'));
    const referent = this.tableRef(args.get('referent_table'), args.get('referent_schema'));
    const local = stringList(this, args.get('local_cols'));
    const remote = stringList(this, args.get('remote_cols'));
    if (!table || !referent) return;
    if (local === null || remote === null) {
      this.report(call.s, 'warning', 'create_foreign_key needs its local and remote columns as lists of strings to be read; it is not replayed', 'alembic/not-static');
      return;
    }
    const at = location(this, call.s);
    const constraint = foreignKeySpec(this, call, nameOf(this, args.get('constraint_name')), local, referent, remote, at);
    this.apply({ op: 'addConstraint', table, constraint, location: at });
  }

  createUniqueConstraint(call: CallExpr, batch: ObjectRef | null): void {
    this.addColumnsConstraint(call, batch, 'unique');
  }

  createPrimaryKey(call: CallExpr, batch: ObjectRef | null): void {
    this.addColumnsConstraint(call, batch, 'primaryKey');
  }

  private addColumnsConstraint(call: CallExpr, batch: ObjectRef | null, kind: 'unique' | 'primaryKey'): void {
    const args = this.args(call, batch ? ['constraint_name', 'columns'] : ['constraint_name', 'table_name', 'columns']);
    const table = this.tableOf(batch, args, 'table_name');
    const columns = stringList(this, args.get('columns'));
    if (!table) return;
    if (columns === null) {
      this.report(call.s, 'warning', 'the constraint columns must be a list of strings to be read; it is not replayed', 'alembic/not-static');
      return;
    }
    const at = location(this, call.s);
    this.apply({ op: 'addConstraint', table, constraint: { kind, name: nameOf(this, args.get('constraint_name')), columns, location: at }, location: at });
  }

  createCheckConstraint(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['constraint_name', 'condition'] : ['constraint_name', 'table_name', 'condition']);
    const table = this.tableOf(batch, args, 'table_name');
    const expression = sqlTextOf(this, args.get('condition'));
    if (!table || expression === null) return;
    const at = location(this, call.s);
    this.apply({ op: 'addConstraint', table, constraint: { kind: 'check', name: nameOf(this, args.get('constraint_name')), expression, location: at }, location: at });
  }

  dropConstraint(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['constraint_name', 'type_'] : ['constraint_name', 'table_name', 'type_']);
    const table = this.tableOf(batch, args, 'table_name');
    const name = nameOf(this, args.get('constraint_name'));
    if (!table || name === null) return;
    const type = args.get('type_');
    const kind = CONSTRAINT_KINDS[(type && stringValue(this.resolve(type))) ?? ''] ?? null;
    this.apply({ op: 'dropConstraint', table, name, kind, ifExists: isTrue(args.get('if_exists')), location: location(this, call.s) });
  }

  createIndex(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['index_name', 'columns'] : ['index_name', 'table_name', 'columns']);
    const table = this.tableOf(batch, args, 'table_name');
    const columnsArg = args.get('columns');
    if (!table || !columnsArg) return;
    const { columns, expressions } = indexColumns(this, [this.resolve(columnsArg)]);
    this.apply({
      op: 'createIndex',
      table,
      name: nameOf(this, args.get('index_name')),
      columns,
      expressions,
      unique: isTrue(args.get('unique')),
      ifNotExists: isTrue(args.get('if_not_exists')),
      location: location(this, call.s),
    });
  }

  dropIndex(call: CallExpr, batch: ObjectRef | null): void {
    const args = this.args(call, batch ? ['index_name'] : ['index_name', 'table_name']);
    const name = nameOf(this, args.get('index_name'));
    if (name === null) return;
    const table = batch ?? (args.get('table_name') ? this.tableRef(args.get('table_name'), args.get('schema')) : null);
    const schemaArg = args.get('schema');
    const schema = table?.schema ?? (schemaArg ? (stringValue(this.resolve(schemaArg)) ?? null) : null);
    // PostgreSQL index names are unique per schema; MySQL's per table.
    const onTable = this.dialect === 'mysql' ? table : null;
    this.apply({ op: 'dropIndex', table: onTable, index: { schema, name }, ifExists: isTrue(args.get('if_exists')), location: location(this, call.s) });
  }

  tableComment(call: CallExpr, batch: ObjectRef | null, drop: boolean): void {
    const args = this.args(call, batch ? ['comment'] : ['table_name', 'comment']);
    const table = this.tableOf(batch, args, 'table_name');
    if (!table) return;
    const comment = args.get('comment');
    const text = drop || !comment ? null : (stringValue(this.resolve(comment)) ?? null);
    this.apply({ op: 'comment', table, column: null, text, location: location(this, call.s) });
  }

  /** `op.execute(sql)`, `conn.execute(sa.text(sql))`: the SQL is read by the SQL reader. */
  async execute(arg: Expr | undefined, call: CallExpr): Promise<void> {
    if (!arg) return;
    const x = this.resolve(arg);
    const literal = x.k === 'str' ? x : x.k === 'call' && ['text', 'DDL'].includes(lastName(x.fn) ?? '') && x.args[0] ? this.resolve(x.args[0]) : null;
    if (literal?.k === 'str' && !literal.f) {
      await executeSql(this.target, this.rev.outline.file, literal, this.dialect);
      return;
    }
    const why = literal?.k === 'str' ? 'an f-string' : 'not a SQL string';
    this.report(call.s, 'info', `this execute() runs ${why}, which cannot be read statically; it is not replayed (a data migration does not change the schema)`, 'alembic/not-replayed');
  }

  /** `sa.Enum(..., name="x").create(op.get_bind())`, `mood.drop(bind, checkfirst=True)`. */
  private enumCreateOrDrop(method: 'create' | 'drop', call: CallExpr): void {
    if (call.fn.k !== 'attr' || this.dialect !== 'postgresql') return;
    const typeExpr = this.resolve(call.fn.obj);
    const e = enumCall(typeExpr);
    if (!e) return;
    const t = typeItem(this, e);
    const need = t.enumNeed;
    if (!need) return;
    const at = location(this, call.s);
    const checkfirst = isTrue(kwarg(call, 'checkfirst'));
    if (method === 'drop') {
      this.apply({ op: 'dropType', type: need.type, ifExists: checkfirst, location: at });
      return;
    }
    if (this.target.catalog.hasEnum(need.type)) {
      if (!checkfirst) this.report(call.s, 'warning', `enum type "${need.type.name}" already exists at this point; this create() fails on PostgreSQL — pass checkfirst=True or drop the earlier definition`, 'alembic/duplicate-type');
      return;
    }
    this.apply({ op: 'createEnum', type: need.type, values: need.values, location: at });
  }

  /** Creates the enum type a table operation needs, as SQLAlchemy does on PostgreSQL. */
  private ensureEnum(need: EnumNeed | null): void {
    if (!need || !need.createsType || this.target.catalog.hasEnum(need.type)) return;
    this.apply({ op: 'createEnum', type: need.type, values: need.values, location: location(this, need.offset) });
  }

  /** A string argument (or a variable holding one), else null with a warning. */
  private stringArg(x: Expr | undefined): string | null {
    if (!x) return null;
    const s = stringValue(this.resolve(x));
    if (s !== undefined) return s;
    this.report(x.s, 'warning', `${rawOf(this, x).slice(0, 60)} cannot be read statically; this operation is not replayed`, 'alembic/not-static');
    return null;
  }
}

type OpHandler = (this: RevisionReplay, call: CallExpr, batch: ObjectRef | null) => void | Promise<void>;

/** The replayed operations by method name (the same names on `op` and on a batch). */
const OPS: Readonly<Record<string, OpHandler>> = lookupTable({
  create_table: function (call) {
    this.createTable(call);
  },
  drop_table: function (call) {
    this.dropTable(call);
  },
  rename_table: function (call) {
    this.renameTable(call);
  },
  add_column: RevisionReplay.prototype.addColumn,
  drop_column: RevisionReplay.prototype.dropColumn,
  alter_column: RevisionReplay.prototype.alterColumn,
  create_foreign_key: RevisionReplay.prototype.createForeignKey,
  create_unique_constraint: RevisionReplay.prototype.createUniqueConstraint,
  create_primary_key: RevisionReplay.prototype.createPrimaryKey,
  create_check_constraint: RevisionReplay.prototype.createCheckConstraint,
  drop_constraint: RevisionReplay.prototype.dropConstraint,
  create_index: RevisionReplay.prototype.createIndex,
  drop_index: RevisionReplay.prototype.dropIndex,
  create_table_comment: function (call, batch) {
    this.tableComment(call, batch, false);
  },
  drop_table_comment: function (call, batch) {
    this.tableComment(call, batch, true);
  },
  execute: function (call) {
    return this.execute(call.args[0] ?? kwarg(call, 'sqltext'), call);
  },
});

/** Calls on `op` that return helpers or context and change nothing by themselves. */
const IGNORED = new Set(['f', 'get_bind', 'get_context', 'inline_literal', 'batch_alter_table', 'implementation_for', 'invoke', 'run_async']);

/** Alembic's `type_=` of `drop_constraint`. */
const CONSTRAINT_KINDS: Readonly<Record<string, ConstraintKind>> = lookupTable({
  foreignkey: 'foreignKey',
  unique: 'unique',
  check: 'check',
  primary: 'primaryKey',
});

/** SQLAlchemy's default name of an `index=True` index: `ix_<schema>_<table>_<column>`. */
function indexName(table: ObjectRef, column: string): string {
  return `ix_${table.schema ? `${table.schema}_` : ''}${table.name}_${column}`;
}

/**
 * SQLAlchemy's autoincrement rule on table creation: the one integer primary key column that is
 * not a foreign key becomes SERIAL, unless it says `autoincrement=False`.
 */
function markAutoincrement(columns: ColumnItem[], pk: string[], constraints: ConstraintSpec[]): void {
  for (const c of columns) {
    const integer = ['integer', 'smallint', 'bigint'].includes(c.spec.type.type);
    if (c.autoincrementKw === true && integer && pk.includes(c.spec.name) && !c.spec.computed) c.spec.autoincrement = true;
  }
  if (pk.length !== 1) return;
  const c = columns.find((x) => x.spec.name === pk[0]);
  if (!c || c.autoincrementKw === false || c.spec.computed) return;
  if (!['integer', 'smallint', 'bigint'].includes(c.spec.type.type)) return;
  if (constraints.some((k) => k.kind === 'foreignKey' && k.columns.includes(c.spec.name))) return;
  c.spec.autoincrement = true;
}
