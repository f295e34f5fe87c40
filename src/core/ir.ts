// The schema IR: one plain-data description of a database schema that every reader produces and
// every analysis and emitter consumes. It is JSON-serialisable on purpose: no classes, no maps, no
// cycles, so it can be cached, diffed, sent to a webview and snapshot-tested.

/** Where a thing was written. `line` and `column` are 1-based; `column` counts UTF-16 code units. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  /** A stable machine-readable code, e.g. `sql/syntax`, `fk/missing-table`. */
  code?: string;
}

/** The normalised column type vocabulary of `inspect --json`. */
export type ColumnType =
  | 'integer'
  | 'smallint'
  | 'bigint'
  | 'string'
  | 'text'
  | 'boolean'
  | 'numeric'
  | 'float'
  | 'date'
  | 'datetime'
  | 'time'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'enum'
  | 'binary'
  | 'array'
  | 'unknown';

/**
 * A column default. `literal` values are known statically (a number, string or boolean);
 * `sql` is a server-side expression (`now()`, `nextval(...)`, `gen_random_uuid()`); `python` is a
 * client-side callable or expression the ORM evaluates (`datetime.utcnow`, `uuid.uuid4`).
 */
export type ColumnDefault =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'sql'; expression: string }
  | { kind: 'python'; expression: string }
  | { kind: 'prisma'; expression: string };

export interface Column {
  /** Column name as the database sees it. */
  name: string;
  /** Attribute name on the model (Python attribute, Prisma field), or null for plain SQL. */
  attribute: string | null;
  type: ColumnType;
  /** The type as written by the user, for messages and emitters: `String(120)`, `varchar(120)`. */
  rawType: string;
  nullable: boolean;
  primaryKey: boolean;
  /** True when a single-column unique constraint/index covers exactly this column. */
  unique: boolean;
  maxLength: number | null;
  /** Numeric precision/scale (`Numeric(10, 2)`, `decimal(10,2)`, `@db.Decimal(10, 2)`). */
  precision: number | null;
  scale: number | null;
  /** For `type: 'enum'`: the enum type's name (if named) and its members in declaration order. */
  enumName: string | null;
  enumValues: string[] | null;
  /** For `type: 'array'`: the element type. */
  itemType: ColumnType | null;
  /** For datetime/time: declared with time zone (`DateTime(timezone=True)`, `timestamptz`). */
  timezone: boolean;
  /** A default or server default exists, or the database generates the value (serial, identity). */
  hasDefault: boolean;
  default: ColumnDefault | null;
  /** The database generates the value: serial, identity, AUTO_INCREMENT, integer PK autoincrement. */
  autoincrement: boolean;
  /** A generated/computed column (`GENERATED ALWAYS AS (...) STORED`, `Computed(...)`). */
  computed: boolean;
  comment: string | null;
  location: SourceLocation;
}

export interface ForeignKey {
  name: string | null;
  columns: string[];
  /** Qualified name of the referenced table (see `Table.name`). */
  refTable: string;
  refColumns: string[];
  onDelete: string | null;
  onUpdate: string | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  /** SQLAlchemy `use_alter=True`: the FK is created by a separate ALTER after both tables. */
  useAlter: boolean;
  /** Not enforced by the database (Prisma `relationMode = "prisma"`): kept for ordering only. */
  logical: boolean;
  location: SourceLocation;
}

export interface UniqueConstraint {
  name: string | null;
  columns: string[];
  /** Prisma `@@unique(..., name: "x")`: the compound unique input's name in Prisma Client; absent otherwise. */
  clientName?: string;
  location: SourceLocation;
}

export interface CheckConstraint {
  name: string | null;
  /** The boolean SQL expression, as written (without the surrounding CHECK ( ... )). */
  expression: string;
  location: SourceLocation;
}

export interface Index {
  name: string | null;
  columns: string[];
  unique: boolean;
  location: SourceLocation;
}

export interface Table {
  /**
   * Qualified name, the key every reference uses: `users`, or `auth.users` for a table outside the
   * default schema. Case is kept as the database stores it (quoted identifiers keep their case).
   */
  name: string;
  /** Schema part of `name`, or null for the default schema. */
  schema: string | null;
  /** The mapped class / Prisma model that owns this table, or null (plain SQL, `Table(...)`). */
  model: string | null;
  columns: Column[];
  primaryKey: string[];
  /**
   * The primary key constraint's own name (`CONSTRAINT x PRIMARY KEY`, `PrimaryKeyConstraint(...,
   * name="x")`, Prisma `map: "x"`); absent when unnamed, and for MySQL, which always names it PRIMARY.
   */
  primaryKeyName?: string;
  /** Prisma `@@id(..., name: "x")`: the compound id input's name in Prisma Client; absent otherwise. */
  primaryKeyClientName?: string;
  /** Every unique constraint, single-column ones included, in declaration order. */
  uniqueConstraints: UniqueConstraint[];
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
  indexes: Index[];
  comment: string | null;
  location: SourceLocation;
}

export type RelationshipKind = 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';

/** An ORM-level relationship (SQLAlchemy `relationship`, SQLModel `Relationship`, Prisma relation field). */
export interface Relationship {
  /** Attribute/field name on the model. */
  name: string;
  /** Target model name. */
  target: string;
  kind: RelationshipKind;
  /** Local FK columns this relationship writes (many-to-one / one-to-one owning side), else []. */
  columns: string[];
  /** The association table for many-to-many (qualified table name), else null. */
  secondary: string | null;
  backPopulates: string | null;
  /** Name of the reverse attribute created by `backref=`, else null. */
  backref: string | null;
  nullable: boolean;
  /** Prisma `@relation("Name")` or SQLAlchemy relationship name, for disambiguation. */
  relationName: string | null;
  /**
   * SQLAlchemy collections that are not lists: `lazy="dynamic"`/`DynamicMapped`/`dynamic_loader`
   * (a query with append/extend/count) or `lazy="write_only"`/`WriteOnlyMapped` (add/add_all and
   * select() only). Absent for ordinary collections.
   */
  loading?: 'dynamic' | 'write-only';
  /** `viewonly=True`: read-only, changes to it are not persisted. Absent otherwise. */
  viewonly?: true;
  location: SourceLocation;
}

export interface Model {
  /** Class / model name. */
  name: string;
  /** Qualified name of the table this class maps to (for single-table inheritance: the parent's). */
  table: string;
  /** Mapped parent class for inheritance, else null. */
  parent: string | null;
  inheritance: 'single' | 'joined' | null;
  /** The column that holds the polymorphic discriminator (on the root), else null. */
  polymorphicOn: string | null;
  polymorphicIdentity: string | null;
  /** Columns this class declares itself (for single-table subclasses these live on the parent table). */
  columns: string[];
  relationships: Relationship[];
  /** Source file of the class (for import paths and editor navigation). */
  location: SourceLocation;
}

export interface EnumType {
  /** The database type name (`order_status`), or the Python/Prisma enum name when unnamed. */
  name: string;
  /** The Python `enum.Enum` class or Prisma enum, when there is one. */
  className: string | null;
  /** The labels the database stores, in declaration order. */
  values: string[];
  /**
   * For a Python `enum.Enum` or Prisma enum: each member's name and value. SQLAlchemy stores member
   * names unless `values_callable` is given, so `values` may be the names or the values.
   */
  members: { name: string; value: string | number }[] | null;
  location: SourceLocation;
}

export type SchemaFormat = 'sqlalchemy' | 'sqlmodel' | 'sql' | 'prisma' | 'alembic';
export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

export interface Schema {
  format: SchemaFormat;
  dialect: SqlDialect | null;
  tables: Table[];
  models: Model[];
  enums: EnumType[];
  /** Format-specific facts emitters need (SQLAlchemy style, base class, Prisma generator...). */
  meta: SchemaMeta;
}

export interface SchemaMeta {
  /** SQLAlchemy declarative style detected: `2.0` (Mapped/DeclarativeBase) or `1.x` (Column). */
  sqlalchemyStyle?: '1.x' | '2.0';
  /** Name of the declarative base (e.g. `Base`) and the file that defines it. */
  declarativeBase?: { name: string; file: string } | null;
  /** The Python files read, relative paths, in reading order. */
  files?: string[];
  /** Prisma: `relationMode = "prisma"`. */
  prismaRelationMode?: 'prisma' | 'foreignKeys';
  /** Any reader-specific extra data, JSON-able. */
  [key: string]: unknown;
}

export interface ReadResult {
  schema: Schema;
  diagnostics: Diagnostic[];
}

/** One input file handed to the core. The shells read the disk; the core never does. */
export interface SourceFile {
  /** Path as it should appear in diagnostics (relative, forward slashes). */
  path: string;
  /** The raw bytes; the core decodes them (UTF-8, else Latin-1) and rejects binary content. */
  bytes?: Uint8Array;
  /** Already-decoded text (e.g. an unsaved editor buffer). Takes precedence over `bytes`. */
  text?: string;
}
