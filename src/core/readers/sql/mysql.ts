// MySQL DDL through node-sql-parser's MySQL grammar, consecutive statements parsed together in
// chunks (one at a time when a chunk fails). Only statements that shape the schema are parsed
// (CREATE/ALTER/DROP/RENAME TABLE, CREATE/DROP INDEX); dump noise such as SET, LOCK TABLES, INSERT
// and triggers is skipped unread. The parse tree gives the structure; the statement's own tokens
// give positions and text the tree does not keep (CHECK expressions, default expressions, the type
// as written, enum labels unescaped).

import { Parser } from 'node-sql-parser/build/mysql';
import type { Diagnostic, SourceLocation } from '../../ir';
import type { Catalog, ColumnChange, ColumnSpec, ConstraintSpec, ObjectRef, TypeSpec } from '../../catalog';
import { diagnosticAt, locationAt, type DecodedFile } from '../../source';
import { tokenize } from './lexer';
import { splitStatements, type SqlStatement } from './split';
import { StatementTokens } from './text';
import { builtinType, unknownType } from './types';

/** The parts of node-sql-parser's tree this reader uses. */
interface TableName {
  db: string | null;
  table: string;
}

interface Expr {
  type?: string;
  column?: string | { expr?: { value?: string } };
  value?: unknown;
  name?: { name?: Array<{ value?: string }> };
}

interface Definition {
  resource?: string;
  column?: Expr;
  old_column?: Expr;
  definition?: Expr[] | { dataType?: string; length?: number; scale?: number; suffix?: string[] | null };
  nullable?: { type?: string };
  auto_increment?: string;
  primary_key?: string;
  unique?: string;
  comment?: { value?: { value?: string } };
  generated?: unknown;
  reference_definition?: { definition?: Expr[]; table?: TableName[]; on_action?: Array<{ type?: string; value?: { value?: string } }> };
  constraint?: string | null;
  constraint_type?: string;
  index?: string | null;
  keyword?: string;
  action?: string;
  create_definitions?: Definition;
  table?: string;
  key?: string;
  type?: string;
}

interface Statement {
  type?: string;
  keyword?: string;
  table?: TableName[] | TableName | Array<[TableName, TableName]>;
  like?: unknown;
  if_not_exists?: string | null;
  create_definitions?: Definition[] | null;
  expr?: Definition[];
  index?: string | Expr;
  index_type?: string | null;
  index_columns?: Expr[];
  name?: TableName[] | Expr;
  prefix?: string | null;
  db?: string;
}

let parser: Parser | null = null;

/**
 * How much text one parser call takes: consecutive schema statements are parsed together up to
 * this many characters, which costs node-sql-parser less than a call per statement.
 */
const CHUNK = 8192;

/**
 * Reads one MySQL file into the catalog. Schema statements are parsed in chunks (see `CHUNK`);
 * a chunk that does not parse, or does not give one tree per statement, is parsed again one
 * statement at a time, so a bad statement becomes one diagnostic and the others are still read.
 */
export function readMysqlFile(file: DecodedFile, catalog: Catalog, diagnostics: Diagnostic[]): void {
  parser ??= new Parser();
  const reader = new MysqlReader(file, catalog, diagnostics, parser);
  let chunk: Array<{ s: SqlStatement; source: string }> = [];
  let size = 0;
  for (const s of splitStatements(file.text, 'mysql').statements) {
    if (!isSchemaStatement(s.words)) continue;
    const source = withoutConditionalComments(file.text.slice(s.start, s.end), s);
    if (source.trim() === '') continue;
    if (size + source.length > CHUNK && chunk.length > 0) {
      reader.chunk(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push({ s, source });
    size += source.length;
  }
  if (chunk.length > 0) reader.chunk(chunk);
}

/** Which statements shape the schema; everything else in a dump is skipped unparsed. */
function isSchemaStatement(words: string[]): boolean {
  const [first, second, third] = words;
  switch (first) {
    case 'CREATE':
      return second === 'TABLE' || second === 'INDEX' || (second === 'TEMPORARY' && third === 'TABLE') || (['UNIQUE', 'FULLTEXT', 'SPATIAL'].includes(second) && third === 'INDEX');
    case 'ALTER':
      return second === 'TABLE' || third === 'TABLE';
    case 'DROP':
      return second === 'TABLE' || second === 'INDEX' || (second === 'TEMPORARY' && third === 'TABLE');
    case 'RENAME':
      return second === 'TABLE';
    case 'USE':
      return true;
    default:
      return false;
  }
}

/** The token range of a part whose text could not be found: every lookup in it comes up empty. */
const NO_TEXT: [number, number] = [-1, -2];

const FK_ACTION_WORDS = new Set(['RESTRICT', 'CASCADE', 'SET NULL', 'NO ACTION', 'SET DEFAULT']);

class MysqlReader {
  /** The database `USE` selected: names qualified with it are unqualified names. */
  private database: string | null = null;
  private tokens!: StatementTokens;
  private statementStart = 0;
  /** Column types by their text as written (see `type`). */
  private readonly types = new Map<string, { dataType: string; length: unknown; scale: unknown; spec: TypeSpec }>();

  constructor(
    private readonly file: DecodedFile,
    private readonly catalog: Catalog,
    private readonly diagnostics: Diagnostic[],
    private readonly parser: Parser,
  ) {}

  /** Schema statements in file order, with their text as the parser gets it, parsed in one call. */
  chunk(list: Array<{ s: SqlStatement; source: string }>): void {
    let trees: unknown = null;
    if (list.length > 1) {
      try {
        trees = this.parser.astify(list.map((x) => x.source).join('\n;\n'), { database: 'mysql' });
      } catch {
        // Some statement is invalid: each is parsed on its own below.
      }
    }
    const matched = Array.isArray(trees) && trees.length === list.length && list.every(({ s }, k) => (trees as Statement[])[k]?.type === s.words[0].toLowerCase());
    for (let k = 0; k < list.length; k++) {
      if (matched) this.apply(list[k].s, (trees as Statement[])[k]);
      else this.statement(list[k].s, list[k].source);
    }
  }

  /** One schema statement parsed on its own; its syntax error becomes a diagnostic. */
  private statement(s: SqlStatement, source: string): void {
    let ast: Statement;
    try {
      const parsed = this.parser.astify(source, { database: 'mysql' }) as unknown;
      ast = (Array.isArray(parsed) ? parsed[0] : parsed) as Statement;
    } catch (e) {
      this.useTokens(s);
      if (!(s.words[0] === 'ALTER' && this.alterDefaults())) this.diagnostics.push(syntaxError(this.file, s, e));
      return;
    }
    this.apply(s, ast);
  }

  private apply(s: SqlStatement, ast: Statement): void {
    this.useTokens(s);
    if (ast.type === 'use' && ast.db) this.database = ast.db;
    else if (ast.type === 'create' && ast.keyword === 'table') this.createTable(ast);
    else if (ast.type === 'create' && ast.keyword === 'index') this.createIndex(ast);
    else if (ast.type === 'alter') this.alterTable(ast);
    else if (ast.type === 'drop') this.drop(ast);
    else if (ast.type === 'rename') this.renameTables(ast);
  }

  private useTokens(s: SqlStatement): void {
    this.tokens = new StatementTokens(this.file.text, 'mysql', s.start, s.end);
    this.statementStart = this.tokens.tokens[0]?.start ?? s.start;
  }

  // ---- positions ----

  private at(tokenIndex: number): SourceLocation {
    const t = this.tokens.tokens[tokenIndex];
    return locationAt(this.file, t ? t.start : this.statementStart);
  }

  private get location(): SourceLocation {
    return locationAt(this.file, this.statementStart);
  }

  private ref(t: TableName): ObjectRef {
    return { schema: t.db && t.db !== this.database ? t.db : null, name: t.table };
  }

  // ---- CREATE TABLE ----

  private createTable(ast: Statement): void {
    const name = (ast.table as TableName[] | undefined)?.[0];
    if (!name) return;
    const table = this.ref(name);
    if (ast.like) {
      this.diagnostics.push(diagnosticAt(this.file, this.statementStart, 'warning', 'CREATE TABLE ... LIKE is not read: the copied columns are missing; write the columns out to include this table', 'sql/unsupported'));
      return;
    }
    const defs = ast.create_definitions ?? [];
    const open = this.tokens.firstParen();
    const elements = open === -1 ? [] : this.tokens.elements(open);
    const aligned = elements.length === defs.length;
    if (!aligned) {
      this.diagnostics.push(diagnosticAt(this.file, this.statementStart, 'warning', 'the parts of this CREATE TABLE could not be matched to its text: its columns are read without positions, defaults or CHECK constraints', 'sql/unmatched-text'));
    }
    const columns: ColumnSpec[] = [];
    const constraints: ConstraintSpec[] = [];
    const indexes: Array<{ def: Definition; range: [number, number] }> = [];
    defs.forEach((def, k) => {
      const range = aligned ? elements[k] : NO_TEXT;
      if (def.resource === 'column') {
        const column = this.column(def, range[0], range[1]);
        columns.push(column);
        constraints.push(...this.columnConstraints(def, column.name, range));
      } else if (def.resource === 'constraint') {
        const c = this.constraint(def, range);
        if (c) constraints.push(c);
      } else if (def.resource === 'index') {
        indexes.push({ def, range });
      }
    });
    this.catalog.apply({ op: 'createTable', table, columns, constraints, ifNotExists: !!ast.if_not_exists, location: this.location });
    for (const { def, range } of indexes) this.index(table, def, range);
  }

  /** A column whose name is token `nameAt` and whose definition ends at token `last` (or `NO_TEXT`). */
  private column(def: Definition, nameAt: number, last: number): ColumnSpec {
    const t = this.tokens;
    const end = last + 1;
    const defaultAt = t.findWord('DEFAULT', nameAt + 1, last);
    return {
      name: columnName(def.column) ?? t.tokens[nameAt]?.value ?? '',
      type: this.type(def, nameAt + 1, end),
      notNull: def.nullable?.type === 'not null',
      default: defaultAt === -1 ? null : t.defaultAt(defaultAt, end),
      autoincrement: !!def.auto_increment,
      computed: !!def.generated,
      comment: def.comment?.value?.value !== undefined ? this.commentText(nameAt, last) : null,
      location: this.at(nameAt),
    };
  }

  /** The constraints written on a column: PRIMARY KEY, UNIQUE, REFERENCES (not enforced), CHECK. */
  private columnConstraints(def: Definition, column: string, [first, last]: [number, number]): ConstraintSpec[] {
    const out: ConstraintSpec[] = [];
    const location = def.primary_key || def.unique || def.reference_definition ? this.at(first) : null;
    if (def.primary_key) out.push({ kind: 'primaryKey', name: null, columns: [column], location: location! });
    if (def.unique) out.push({ kind: 'unique', name: null, columns: [column], location: location! });
    if (def.reference_definition) {
      // MySQL parses a column's own REFERENCES clause but does not create a foreign key for it.
      out.push(this.foreignKey(null, [column], def.reference_definition, true, location!));
    }
    const check = this.tokens.findWord('CHECK', first + 1, last);
    const expression = check === -1 ? null : this.tokens.checkAt(check);
    if (expression !== null) out.push({ kind: 'check', name: null, expression, location: this.at(check) });
    return out;
  }

  /** The type of a column, its text running from token `from` to the first constraint word. */
  private type(def: Definition, from: number, end: number): TypeSpec {
    const t = this.tokens;
    const d = Array.isArray(def.definition) ? undefined : def.definition;
    const dataType = (d?.dataType ?? '').toLowerCase();
    const hasText = from > 0 && from < end;
    const rawType = hasText ? t.typeText(from, end) : dataType;
    if (dataType === 'enum') {
      const open = hasText && t.isPunct(from + 1, '(') ? from + 1 : -1;
      const values: string[] = [];
      if (open !== -1) {
        for (let i = open + 1; i < t.closing(open); i++) if (t.tokens[i].kind === 'string') values.push(t.tokens[i].value);
      }
      return { ...unknownType(rawType), type: 'enum', enumValues: values };
    }
    // Columns typed alike share one spec (specs are never changed once made): the same text with
    // the same parsed type and arguments makes the same spec.
    const length = d?.length;
    const scale = d?.scale;
    const known = hasText ? this.types.get(rawType) : undefined;
    if (known && known.dataType === dataType && known.length === length && known.scale === scale) return known.spec;
    const args = [length, scale].filter((n): n is number => typeof n === 'number');
    const spec = builtinType(dataType, args, 'mysql', rawType) ?? unknownType(rawType);
    if (hasText && !known) this.types.set(rawType, { dataType, length, scale, spec });
    return spec;
  }

  /** The text of `COMMENT '...'` within a column, unescaped. */
  private commentText(from: number, last: number): string | null {
    const i = this.tokens.findWord('COMMENT', from, last);
    const value = this.tokens.tokens[i + 1];
    return i !== -1 && value?.kind === 'string' ? value.value : null;
  }

  /** A table-level constraint; `range` is its element's tokens. */
  private constraint(def: Definition, range: [number, number]): ConstraintSpec | null {
    const columns = keyParts(def.definition);
    const location = this.at(range[0]);
    const type = (def.constraint_type ?? '').toLowerCase();
    const name = def.constraint ?? def.index ?? null;
    if (type === 'primary key') return { kind: 'primaryKey', name: def.constraint ?? null, columns: columns.names, location };
    if (type.startsWith('unique')) return columns.expressions ? null : { kind: 'unique', name, columns: columns.names, location };
    if (type === 'foreign key' && def.reference_definition) return this.foreignKey(name, columns.names, def.reference_definition, false, location);
    if (type === 'check') {
      const check = this.tokens.findWord('CHECK', range[0], range[1]);
      const expression = check === -1 ? null : this.tokens.checkAt(check);
      return expression === null ? null : { kind: 'check', name: def.constraint ?? null, expression, location };
    }
    return null;
  }

  private foreignKey(name: string | null, columns: string[], ref: NonNullable<Definition['reference_definition']>, logical: boolean, location: SourceLocation): ConstraintSpec {
    const target = ref.table?.[0];
    const action = (kind: string) => {
      const word = ref.on_action?.find((a) => a.type === kind)?.value?.value?.toUpperCase() ?? null;
      return word !== null && FK_ACTION_WORDS.has(word) ? word : null;
    };
    return {
      kind: 'foreignKey',
      name,
      columns,
      refTable: target ? this.ref(target) : { schema: null, name: '' },
      refColumns: keyParts(ref.definition).names,
      onDelete: action('on delete'),
      onUpdate: action('on update'),
      deferrable: false,
      initiallyDeferred: false,
      logical,
      location,
    };
  }

  /** `KEY idx (...)`, `INDEX (...)`, `FULLTEXT KEY ...` inside CREATE or ALTER TABLE. */
  private index(table: ObjectRef, def: Definition, range: [number, number]): void {
    const parts = keyParts(def.definition);
    this.catalog.apply({
      op: 'createIndex',
      table,
      name: typeof def.index === 'string' ? def.index : null,
      columns: parts.names,
      expressions: parts.names.map((_, i) => parts.isExpression[i]),
      unique: false,
      ifNotExists: false,
      location: this.at(range[0]),
    });
  }

  // ---- ALTER TABLE ----

  private alterTable(ast: Statement): void {
    const name = (ast.table as TableName[] | undefined)?.[0];
    if (!name) return;
    const table = this.ref(name);
    const clauses = this.alterClauses();
    const actions = ast.expr ?? [];
    const aligned = clauses.length === actions.length;
    if (!aligned) {
      this.diagnostics.push(diagnosticAt(this.file, this.statementStart, 'warning', 'the clauses of this ALTER TABLE could not be matched to its text: they are read without positions, defaults or CHECK constraints', 'sql/unmatched-text'));
    }
    actions.forEach((action, k) => {
      const range = aligned ? clauses[k] : NO_TEXT;
      this.alterAction(table, action, range);
    });
  }

  /** Token ranges of the comma-separated clauses after `ALTER TABLE name`. */
  private alterClauses(): Array<[number, number]> {
    const t = this.tokens;
    let i = t.findWord('TABLE', 0, t.tokens.length - 1) + 2;
    if (t.isPunct(i, '.')) i += 2;
    const out: Array<[number, number]> = [];
    let depth = 0;
    let from = i;
    for (; i < t.tokens.length; i++) {
      if (t.isPunct(i, '(')) depth++;
      else if (t.isPunct(i, ')')) depth--;
      else if (depth === 0 && t.isPunct(i, ',')) {
        out.push([from, i - 1]);
        from = i + 1;
      }
    }
    if (from < t.tokens.length) out.push([from, t.tokens.length - 1]);
    return out;
  }

  private alterAction(table: ObjectRef, a: Definition, range: [number, number]): void {
    const location = this.at(range[0]);
    const nameAt = this.skipWords(range[0], ['ADD', 'MODIFY', 'CHANGE', 'COLUMN']);
    if (a.action === 'add' && a.resource === 'column') {
      const column = this.column(a, nameAt, range[1]);
      const constraints = this.columnConstraints(a, column.name, [nameAt, range[1]]);
      this.catalog.apply({ op: 'addColumn', table, column, constraints, ifNotExists: false, location: column.location });
    } else if (a.action === 'add' && a.resource === 'constraint' && a.create_definitions) {
      const c = this.constraint(a.create_definitions, range);
      if (c) this.catalog.apply({ op: 'addConstraint', table, constraint: c, location: c.location });
    } else if (a.action === 'add' && a.resource === 'index') {
      this.index(table, a, range);
    } else if (a.action === 'modify' || a.action === 'change') {
      const old = columnName(a.old_column) ?? columnName(a.column) ?? '';
      const at = a.action === 'change' ? nameAt + 1 : nameAt;
      const spec = this.column(a, at, range[1]);
      const change: ColumnChange = {
        type: spec.type,
        notNull: spec.notNull,
        default: spec.default,
        autoincrement: spec.autoincrement,
        computed: spec.computed,
        comment: spec.comment,
        rename: spec.name,
      };
      this.catalog.apply({ op: 'alterColumn', table, column: old, change, location });
      for (const c of this.columnConstraints(a, spec.name, [at, range[1]])) this.catalog.apply({ op: 'addConstraint', table, constraint: c, location: c.location });
    } else if (a.action === 'drop') {
      this.dropAction(table, a, location);
    } else if (a.action === 'rename' && a.resource === 'table' && typeof a.table === 'string') {
      this.catalog.apply({ op: 'renameTable', table, newName: a.table, location });
    } else if (a.action === 'rename' && a.resource === 'column') {
      const from = columnName(a.old_column);
      const to = columnName(a.column);
      if (from && to) this.catalog.apply({ op: 'alterColumn', table, column: from, change: { rename: to }, location });
    }
  }

  private dropAction(table: ObjectRef, a: Definition, location: SourceLocation): void {
    const keyword = (a.keyword ?? '').toLowerCase();
    if (a.resource === 'column') {
      const column = columnName(a.column);
      if (column) this.catalog.apply({ op: 'dropColumn', table, column, ifExists: false, location });
    } else if (keyword === 'primary key') {
      this.catalog.apply({ op: 'dropConstraint', table, name: null, kind: 'primaryKey', ifExists: false, location });
    } else if (keyword === 'foreign key' && a.key) {
      this.catalog.apply({ op: 'dropConstraint', table, name: a.key, kind: 'foreignKey', ifExists: false, location });
    } else if (a.resource === 'constraint' && typeof a.constraint === 'string') {
      this.catalog.apply({ op: 'dropConstraint', table, name: a.constraint, kind: keyword === 'check' ? 'check' : null, ifExists: false, location });
    } else {
      const index = typeof a.index === 'string' ? a.index : a.key;
      if (index) this.catalog.apply({ op: 'dropIndex', table, index: { schema: null, name: index }, ifExists: false, location });
    }
  }

  /**
   * `ALTER TABLE t ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT`, which node-sql-parser rejects,
   * read from the tokens. Only when every clause is of that form; false leaves the error standing.
   */
  private alterDefaults(): boolean {
    const t = this.tokens;
    const at = t.findWord('TABLE', 0, t.tokens.length - 1) + 1;
    const qualified = t.isPunct(at + 1, '.');
    const name = t.tokens[qualified ? at + 2 : at];
    if (at === 0 || !name) return false;
    const table = this.ref({ db: qualified ? t.tokens[at].value : null, table: name.value });
    const changes: Array<{ column: string; value: ColumnChange['default']; location: SourceLocation }> = [];
    for (const [first, last] of this.alterClauses()) {
      const columnAt = t.isWord(first + 1, 'COLUMN') ? first + 2 : first + 1;
      const column = t.tokens[columnAt];
      const verb = columnAt + 1;
      if (!t.isWord(first, 'ALTER') || !column || !t.isWord(verb + 1, 'DEFAULT')) return false;
      if (t.isWord(verb, 'SET')) changes.push({ column: column.value, value: t.defaultAt(verb + 1, last + 1), location: this.at(first) });
      else if (t.isWord(verb, 'DROP') && verb + 1 === last) changes.push({ column: column.value, value: null, location: this.at(first) });
      else return false;
    }
    for (const c of changes) this.catalog.apply({ op: 'alterColumn', table, column: c.column, change: { default: c.value }, location: c.location });
    return changes.length > 0;
  }

  /** The index of the first token from `from` that is not one of `words`. */
  private skipWords(from: number, words: string[]): number {
    let i = from;
    while (words.some((w) => this.tokens.isWord(i, w))) i++;
    return i;
  }

  // ---- other statements ----

  private createIndex(ast: Statement): void {
    const table = ast.table as TableName | undefined;
    if (!table || typeof ast.index !== 'string') return;
    const parts = keyParts(ast.index_columns);
    this.catalog.apply({
      op: 'createIndex',
      table: this.ref(table),
      name: ast.index,
      columns: parts.names,
      expressions: parts.isExpression,
      unique: (ast.index_type ?? '').toLowerCase() === 'unique',
      ifNotExists: false,
      location: this.location,
    });
  }

  private drop(ast: Statement): void {
    const ifExists = (ast.prefix ?? '').toLowerCase() === 'if exists';
    if (ast.keyword === 'table' && Array.isArray(ast.name)) {
      for (const t of ast.name) this.catalog.apply({ op: 'dropTable', table: this.ref(t), ifExists, location: this.location });
    } else if (ast.keyword === 'index' && !Array.isArray(ast.name)) {
      const index = columnName(ast.name);
      const table = ast.table as TableName | undefined;
      if (index && table) this.catalog.apply({ op: 'dropIndex', table: this.ref(table), index: { schema: null, name: index }, ifExists, location: this.location });
    }
  }

  private renameTables(ast: Statement): void {
    for (const pair of (ast.table ?? []) as Array<[TableName, TableName]>) {
      const [from, to] = pair;
      if (from && to) this.catalog.apply({ op: 'renameTable', table: this.ref(from), newName: to.table, location: this.location });
    }
  }
}

/** A column reference's name (node-sql-parser spells it two ways). */
function columnName(e: Expr | undefined): string | null {
  if (!e) return null;
  if (typeof e.column === 'string') return e.column;
  const v = e.column?.expr?.value;
  return typeof v === 'string' ? v : null;
}

/** The columns of a key: names, with prefix parts (`name(20)`) as their column. */
function keyParts(defs: Definition['definition'] | Expr[] | undefined): { names: string[]; isExpression: boolean[]; expressions: boolean } {
  const names: string[] = [];
  const isExpression: boolean[] = [];
  for (const e of Array.isArray(defs) ? defs : []) {
    const name = columnName(e) ?? (e.type === 'function' && !('parentheses' in e && e.parentheses) ? (e.name?.name?.[0]?.value ?? null) : null);
    names.push(name ?? '(expression)');
    isExpression.push(name === null);
  }
  return { names, isExpression, expressions: isExpression.some((x) => x) };
}

/**
 * The statement with its MySQL conditional comments (`/*!50100 PARTITION BY ... *\/`) blanked:
 * in CREATE and ALTER TABLE they only hold options the parser may not know. Offsets are kept.
 */
function withoutConditionalComments(text: string, s: SqlStatement): string {
  let out = text;
  for (let k = 0; k < s.markers.length; k += 2) {
    const from = s.markers[k][0] - s.start;
    const to = (s.markers[k + 1]?.[1] ?? s.end) - s.start;
    out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to);
  }
  return out;
}

/** The parser's error at its position, naming the word it stopped at. */
function syntaxError(file: DecodedFile, s: SqlStatement, e: unknown): Diagnostic {
  const err = e as { location?: { start?: { offset?: number } }; message?: string };
  if (err.location?.start?.offset === undefined) {
    return diagnosticAt(file, s.start, 'error', `MySQL parser failed: ${err.message ?? String(e)}; this statement is skipped`, 'sql/syntax');
  }
  const offset = Math.min(s.start + err.location.start.offset, s.end);
  const word = tokenize(file.text, 'mysql', offset, s.end)[0];
  const near = word ? ` at "${word.value}"` : ' at the end of the statement';
  return diagnosticAt(file, word?.start ?? offset, 'error', `MySQL syntax error${near} (node-sql-parser does not accept this statement); it is skipped`, 'sql/syntax');
}
