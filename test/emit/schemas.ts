// Hand-built IR schemas for the DDL and models emitter tests, one per situation worth loading into
// a real PostgreSQL: a PostgreSQL shop with enums, arrays, JSON, composite keys and a self
// reference; FK cycles (nullable and deferrable); schema-qualified and quoted mixed-case names;
// MySQL- and SQLite-flavoured tables whose checks and defaults need translating or leaving out;
// Prisma-style logical relations; a self-referential many-to-many; a table without a primary key.
import type { Column, ColumnDefault, ForeignKey, Schema, SqlDialect, Table } from '../../src/core/ir';
import { emptySchema, makeColumn, makeForeignKey, makeTable, qualifiedName } from '../../src/core/build';

const at = { file: 'schema.sql', line: 1, column: 1 };

type ColumnOptions = Partial<Omit<Column, 'name' | 'location' | 'default'>> & { default?: ColumnDefault | string };

/** A column; a string default is a `{kind: 'sql'}` expression; NOT NULL unless `nullable`. */
export function col(name: string, type: Column['type'], options: ColumnOptions = {}): Column {
  const { default: def, ...rest } = options;
  const fullDefault: ColumnDefault | null = typeof def === 'string' ? { kind: 'sql', expression: def } : (def ?? null);
  return makeColumn({
    name,
    location: at,
    type,
    rawType: rest.rawType ?? type,
    nullable: false,
    hasDefault: fullDefault !== null || rest.autoincrement === true,
    default: fullDefault,
    ...rest,
  });
}

/** An autoincrement integer primary key column. */
export function id(name = 'id', type: Column['type'] = 'integer'): Column {
  return col(name, type, { primaryKey: true, autoincrement: true });
}

export function fk(columns: string[], refTable: string, refColumns: string[] = ['id'], options: Partial<ForeignKey> = {}): ForeignKey {
  return makeForeignKey({ columns, refTable, refColumns, location: at, ...options });
}

type TableOptions = Partial<Omit<Table, 'name' | 'location' | 'columns'>> & {
  unique?: (string[] | { name: string; columns: string[] })[];
  check?: (string | { name: string; expression: string })[];
};

/** A table; `primaryKey` defaults to the columns flagged `primaryKey`. */
export function table(name: string, columns: Column[], options: TableOptions = {}): Table {
  const { unique = [], check = [], schema = null, ...rest } = options;
  return makeTable({
    name: qualifiedName(schema, name),
    schema,
    location: at,
    columns,
    primaryKey: columns.filter((c) => c.primaryKey).map((c) => c.name),
    uniqueConstraints: unique.map((u) => (Array.isArray(u) ? { name: null, columns: u, location: at } : { ...u, location: at })),
    checks: check.map((c) => (typeof c === 'string' ? { name: null, expression: c, location: at } : { ...c, location: at })),
    ...rest,
  });
}

export function schemaOf(format: Schema['format'], dialect: SqlDialect | null, tables: Table[]): Schema {
  return { ...emptySchema(format, dialect), tables };
}

/** A PostgreSQL shop: enums, arrays, JSON, UUIDs, composite PK, self reference, association table. */
export function shopSchema(): Schema {
  const status = { enumName: 'order_status', enumValues: ['pending', 'paid', 'in-transit', 'Shipped'] };
  const s = schemaOf('sql', 'postgresql', [
    table('order_lines', [
      col('order_id', 'integer'),
      col('line_no', 'smallint'),
      col('product_id', 'uuid'),
      col('quantity', 'integer', { default: { kind: 'literal', value: 1 } }),
    ], {
      primaryKey: ['order_id', 'line_no'],
      foreignKeys: [fk(['order_id'], 'orders', ['id'], { onDelete: 'CASCADE' }), fk(['product_id'], 'products')],
      check: ['quantity BETWEEN 1 AND 100'],
    }),
    table('customers', [
      id(),
      col('email', 'string', { rawType: 'varchar(255)', maxLength: 255, unique: true }),
      col('name', 'text', { nullable: true }),
      col('created_at', 'datetime', { rawType: 'timestamptz', timezone: true, default: 'now()' }),
    ], { check: [{ name: 'customers_email_has_at', expression: "position('@' in email) > 1" }] }),
    table('orders', [
      id('id', 'bigint'),
      col('customer_id', 'integer'),
      col('status', 'enum', { ...status, default: "'pending'::order_status" }),
      col('total', 'numeric', { precision: 10, scale: 2, default: '0' }),
      col('placed_on', 'date', { default: 'CURRENT_DATE' }),
      col('shipped_at', 'datetime', { nullable: true }),
    ], {
      foreignKeys: [fk(['customer_id'], 'customers', ['id'], { name: 'orders_customer_fk' })],
      check: ['total >= 0', { name: 'shipped_after', expression: "status <> 'Shipped'::order_status OR shipped_at IS NOT NULL" }],
    }),
    table('products', [
      col('id', 'uuid', { primaryKey: true, default: 'gen_random_uuid()' }),
      col('sku', 'string', { rawType: 'char(8)', maxLength: 8 }),
      col('price', 'numeric', { precision: 8, scale: 2 }),
      col('tags', 'array', { itemType: 'text', rawType: 'text[]', default: "'{}'::text[]" }),
      col('attributes', 'json', { rawType: 'jsonb', default: "'{}'::jsonb" }),
      col('photo', 'binary', { rawType: 'bytea', nullable: true }),
      col('ttl', 'interval', { nullable: true }),
      col('opens_at', 'time', { nullable: true }),
      col('ratio', 'float', { rawType: 'real', nullable: true }),
      col('ip', 'unknown', { rawType: 'inet', nullable: true }),
    ], { unique: [{ name: 'products_sku_unique', columns: ['sku'] }], check: ['price > 0::numeric'] }),
    table('categories', [id(), col('name', 'text'), col('parent_id', 'integer', { nullable: true })], {
      foreignKeys: [fk(['parent_id'], 'categories')],
      unique: [['parent_id', 'name']],
    }),
    table('product_categories', [col('product_id', 'uuid'), col('category_id', 'integer')], {
      primaryKey: ['product_id', 'category_id'],
      foreignKeys: [fk(['product_id'], 'products', ['id'], { onDelete: 'CASCADE' }), fk(['category_id'], 'categories')],
    }),
  ]);
  s.enums = [{ name: 'order_status', className: null, values: status.enumValues, members: null, location: at }];
  return s;
}

/** Two cycles: a nullable one (departments ↔ employees) and a deferrable NOT NULL one (a ↔ b). */
export function cycleSchema(): Schema {
  return schemaOf('sql', 'postgresql', [
    table('departments', [id(), col('name', 'text'), col('manager_id', 'integer', { nullable: true })], {
      foreignKeys: [fk(['manager_id'], 'employees', ['id'], { onDelete: 'SET NULL' })],
    }),
    table('employees', [id(), col('department_id', 'integer'), col('mentor_id', 'integer', { nullable: true })], {
      foreignKeys: [fk(['department_id'], 'departments'), fk(['mentor_id'], 'employees')],
    }),
    table('a', [id(), col('b_id', 'integer')], { foreignKeys: [fk(['b_id'], 'b', ['id'], { deferrable: true, initiallyDeferred: true })] }),
    table('b', [id(), col('a_id', 'integer')], { foreignKeys: [fk(['a_id'], 'a', ['id'], { deferrable: true, initiallyDeferred: true })] }),
  ]);
}

/** The nullable cycle alone (the deferrable one cannot be filled through the ORM). */
export function nullableCycleSchema(): Schema {
  const s = cycleSchema();
  s.tables = s.tables.filter((t) => t.name !== 'a' && t.name !== 'b');
  return s;
}

/** Schema-qualified tables, an enum in a schema, quoted mixed-case and reserved names, a composite FK. */
export function namesSchema(): Schema {
  return schemaOf('sql', 'postgresql', [
    table('users', [id(), col('login', 'string', { maxLength: 40 }), col('role', 'enum', { enumName: 'auth.role', enumValues: ['admin', 'member'] })], {
      schema: 'auth',
      unique: [['login']],
    }),
    table('sessions', [id('id', 'bigint'), col('user_id', 'integer'), col('token', 'uuid', { default: 'gen_random_uuid()' })], {
      schema: 'auth',
      foreignKeys: [fk(['user_id'], 'auth.users', ['id'], { onDelete: 'CASCADE' })],
    }),
    table('OrderNotes', [id('noteId'), col('noteText', 'text'), col('user', 'integer', { nullable: true }), col('order', 'integer')], {
      foreignKeys: [fk(['user'], 'auth.users')],
      check: ['length("noteText") > 0', '"order" >= 0'],
    }),
    table('user', [col('group', 'integer', { primaryKey: true }), col('select', 'string', { primaryKey: true, maxLength: 10 }), col('Value', 'text', { nullable: true })]),
    table('user_flags', [id(), col('group', 'integer'), col('select', 'string', { maxLength: 10 }), col('metadata', 'json', { nullable: true })], {
      foreignKeys: [fk(['group', 'select'], 'user', ['group', 'select'], { name: 'user_flags_owner' })],
    }),
  ]);
}

/** MySQL-flavoured tables: tinyint booleans, unsigned ints, inline enums, backticks, MySQL defaults. */
export function mysqlSchema(): Schema {
  return schemaOf('sql', 'mysql', [
    table('Accounts', [
      id('AccountId'),
      col('Email', 'string', { maxLength: 120 }),
      col('IsActive', 'boolean', { rawType: 'tinyint(1)', default: "b'1'" }),
      col('Visits', 'integer', { rawType: 'int unsigned', default: "'0'" }),
      col('Kind', 'enum', { rawType: "enum('free','pro','')", enumValues: ['free', 'pro', ''], default: "'free'" }),
      col('CreatedAt', 'datetime', { default: 'CURRENT_TIMESTAMP' }),
      col('UpdatedAt', 'datetime', { default: { kind: 'literal', value: '0000-00-00 00:00:00' } }),
      col('Location', 'unknown', { rawType: 'point', nullable: true }),
    ], {
      unique: [{ name: 'email', columns: ['Email'] }],
      check: ['(`Visits` >= 0)', '`IsActive` in (0,1)', '`Kind` <> "pro" OR `Visits` > 10', "`Email` REGEXP '^[^@]+@'"],
    }),
    table('Invoices', [
      id('InvoiceId', 'bigint'),
      col('AccountId', 'integer'),
      col('AccountEmail', 'string', { maxLength: 120, nullable: true }),
      col('Amount', 'numeric', { precision: 12, scale: 2, default: '0.00' }),
      col('Paid', 'boolean', { rawType: 'tinyint(1)', default: { kind: 'literal', value: 0 } }),
    ], {
      unique: [{ name: 'email', columns: ['AccountEmail'] }],
      foreignKeys: [fk(['AccountId'], 'Accounts', ['AccountId']), fk(['AccountEmail'], 'Accounts', ['Visits'])],
      check: ['Amount >= 0'],
    }),
  ]);
}

/** SQLite-flavoured tables: bracket names, SQLite-only functions, `datetime('now')`. */
export function sqliteSchema(): Schema {
  return schemaOf('sql', 'sqlite', [
    table('notes', [
      id(),
      col('title', 'text'),
      col('done', 'boolean', { default: '0' }),
      col('created', 'datetime', { rawType: 'DATETIME', default: "(datetime('now'))" }),
      col('stamp', 'integer', { default: "(strftime('%s','now'))", nullable: true }),
      col('code', 'string', { maxLength: 5, nullable: true }),
    ], {
      check: ['length([title]) > 0', 'typeof(stamp) = "integer"', "code GLOB '[A-Z]*'", 'done IN (0, 1)', '"title" <> "untitled"', 'stamp % 2 = 0'],
    }),
  ]);
}

/** Prisma-style: PascalCase table names, relationMode = "prisma" (logical FKs), Prisma defaults. */
export function prismaSchema(): Schema {
  const s = schemaOf('prisma', 'postgresql', [
    table('User', [id(), col('email', 'string'), col('role', 'enum', { enumName: 'Role', enumValues: ['USER', 'ADMIN'], default: { kind: 'prisma', expression: 'USER' } })], { model: 'User', unique: [['email']] }),
    table('Post', [
      id(),
      col('authorId', 'integer'),
      col('publishedAt', 'datetime', { default: { kind: 'prisma', expression: 'now()' } }),
      col('slug', 'string', { default: { kind: 'prisma', expression: 'cuid()' } }),
      col('tags', 'array', { itemType: 'string', default: { kind: 'prisma', expression: '[]' } }),
    ], { model: 'Post', foreignKeys: [fk(['authorId'], 'User', ['id'], { logical: true })] }),
  ]);
  s.meta.prismaRelationMode = 'prisma';
  s.enums = [{ name: 'Role', className: 'Role', values: ['USER', 'ADMIN'], members: null, location: at }];
  return s;
}

/** A self-referential many-to-many (followers) and a table without a primary key. */
export function socialSchema(): Schema {
  return schemaOf('sql', 'postgresql', [
    table('people', [
      id(),
      col('handle', 'string', { maxLength: 30, unique: true }),
      col('text', 'text', { nullable: true }),
      col('class', 'string', { nullable: true }),
      col('motto', 'text', { default: "concat('hi', ' :there')" }),
    ]),
    table('follows', [col('follower_id', 'integer'), col('followed_id', 'integer'), col('since', 'datetime', { default: 'now()' })], {
      primaryKey: ['follower_id', 'followed_id'],
      foreignKeys: [fk(['follower_id'], 'people'), fk(['followed_id'], 'people')],
    }),
    table('messages', [id(), col('sender_id', 'integer'), col('recipient_id', 'integer', { nullable: true }), col('body', 'text')], {
      foreignKeys: [fk(['sender_id'], 'people'), fk(['recipient_id'], 'people')],
    }),
    table('profiles', [col('person_id', 'integer', { primaryKey: true }), col('bio', 'text', { nullable: true })], {
      foreignKeys: [fk(['person_id'], 'people', ['id'], { onDelete: 'CASCADE' })],
    }),
    table('event_log', [col('happened_at', 'datetime', { default: 'CURRENT_TIMESTAMP' }), col('kind', 'string', { maxLength: 20 }), col('detail', 'json', { rawType: 'json', nullable: true })]),
  ]);
}
