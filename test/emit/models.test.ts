// The SQLAlchemy models emitter without Python: names (classes, attributes, singular/plural,
// enums), the structure of the generated code, and ruff cleanliness (lint and format) of every
// test schema in both declarative styles. test/e2e/models-python.test.ts runs the same files
// under SQLAlchemy 1.4 and 2.0 against PostgreSQL.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/graph';
import { emitSqlAlchemyModels, planModels, type SqlAlchemyVersion } from '../../src/core/emit/python/models';
import { attributeName, className, enumMemberName, plural, singular, UniqueNames } from '../../src/core/emit/python/naming';
import { layout, pyString, call, kw, str, atom } from '../../src/core/emit/python/layout';
import type { Schema } from '../../src/core/ir';
import { formatFindings, ruffCheck, ruffFormat } from '../support/ruff';
import {
  col,
  cycleSchema,
  fk,
  id,
  mysqlSchema,
  namesSchema,
  prismaSchema,
  schemaOf,
  shopSchema,
  socialSchema,
  sqliteSchema,
  table,
} from './schemas';

function models(schema: Schema, version: SqlAlchemyVersion = '2.0'): string {
  return emitSqlAlchemyModels(schema, analyze(schema), { header: 'Models for the test schema.', sqlalchemy: version });
}

test('naming: class names are singular PascalCase and valid identifiers', () => {
  const cases: [string, string][] = [
    ['order_lines', 'OrderLine'],
    ['categories', 'Category'],
    ['people', 'Person'],
    ['addresses', 'Address'],
    ['statuses', 'Status'],
    ['data', 'Data'],
    ['users', 'User'],
    ['UserAccounts', 'UserAccount'],
    ['HTTPLogs', 'HttpLog'],
    ['order-items', 'OrderItem'],
    ['Order Items', 'OrderItem'],
    ['USERS', 'User'],
    ['boxes', 'Box'],
    ['quizzes', 'Quiz'],
    ['movies', 'Movie'],
    ['leaves', 'Leaf'],
    ['archives', 'Archive'],
    ['analyses', 'Analysis'],
    ['indices', 'Index'],
    ['children', 'Child'],
    ['salesmen', 'Salesman'],
    ['courses', 'Course'],
    ['houses', 'House'],
    ['caches', 'Cache'],
    ['companies', 'Company'],
    ['news', 'News'],
    ['series', 'Series'],
    ['status', 'Status'],
    ['class', 'Class'],
    ['2fa_codes', 'Table2faCode'],
    ['None', 'NoneModel'],
    ['événements', 'Evenement'],
    ['日本', 'Table'],
  ];
  for (const [t, name] of cases) assert.equal(className(t), name, t);
});

test('naming: singular and plural are inverse on table-like words, keeping case style', () => {
  const pairs: [string, string][] = [
    ['order_line', 'order_lines'],
    ['category', 'categories'],
    ['person', 'people'],
    ['address', 'addresses'],
    ['status', 'statuses'],
    ['box', 'boxes'],
    ['key', 'keys'],
    ['analysis', 'analyses'],
    ['knife', 'knives'],
    ['hero', 'heroes'],
    ['photo', 'photos'],
    ['movie', 'movies'],
    ['child', 'children'],
    ['data', 'data'],
    ['UserAccount', 'UserAccounts'],
    ['USER', 'USERS'],
  ];
  for (const [one, many] of pairs) {
    assert.equal(plural(one), many, one);
    assert.equal(singular(many), one, many);
    assert.equal(plural(many), many, `${many} is already plural`);
    assert.equal(singular(one), one, `${one} is already singular`);
  }
});

test('naming: attribute names are snake_case, never keywords or names SQLAlchemy or the module need', () => {
  const cases: [string, string][] = [
    ['userId', 'user_id'],
    ['UserID', 'user_id'],
    ['first name', 'first_name'],
    ['class', 'class_'],
    ['from', 'from_'],
    ['metadata', 'metadata_'],
    ['registry', 'registry_'],
    ['text', 'text_'],
    ['uuid', 'uuid_'],
    ['l', 'l_'],
    ['2fa', 'col_2fa'],
    ['café', 'cafe'],
    ['日本', 'col'],
    ['type', 'type'],
  ];
  for (const [column, attr] of cases) assert.equal(attributeName(column), attr, column);
});

test('naming: enum members and unique names', () => {
  assert.deepEqual(['pending', 'in-progress', 'inProgress', 'Shipped', '1', '', 'é', '日本'].map(enumMemberName), [
    'PENDING', 'IN_PROGRESS', 'IN_PROGRESS', 'SHIPPED', 'VALUE_1', 'EMPTY', 'E', 'VALUE',
  ]);
  const names = new UniqueNames(['a']);
  assert.deepEqual([names.take('a'), names.take('a'), names.take('b')], ['a_2', 'a_3', 'b']);
});

test('layout: strings are quoted like ruff, long lines split like ruff, unsplittable ones get noqa', () => {
  assert.equal(pyString('plain'), '"plain"');
  assert.equal(pyString('say "hi"'), `'say "hi"'`);
  assert.equal(pyString(`it's "x"`), `'it\\'s "x"'`);
  for (const value of [`it's "x"`, `a'b`, 'a"b', '', 'tab\there', 'é日本', '\\d+']) {
    const line = `x = ${pyString(value)}\n`;
    assert.equal(ruffFormat(line), line, value);
  }
  assert.equal(pyString('back\\slash\nnew\u0001'), '"back\\\\slash\\nnew\\x01"');
  const long = call('f', str('x'.repeat(120)), kw('name', str('n')));
  assert.deepEqual(layout('y = ', long, '', 0), ['y = f(', `    "${'x'.repeat(120)}",  # noqa: E501`, '    name="n",', ')']);
  assert.deepEqual(layout('y = ', call('f', atom('a'), atom('b')), '', 0), ['y = f(a, b)']);
});

const ALL: Record<string, () => Schema> = {
  shop: shopSchema,
  cycle: cycleSchema,
  names: namesSchema,
  mysql: mysqlSchema,
  sqlite: sqliteSchema,
  prisma: prismaSchema,
  social: socialSchema,
};

test('models: every test schema is ruff-clean and ruff-formatted, in both styles, deterministically', () => {
  for (const [name, make] of Object.entries(ALL)) {
    for (const version of ['2.0', '1.4'] as const) {
      const source = models(make(), version);
      assert.deepEqual(formatFindings(ruffCheck(source, `${name}.py`)), '', `${name} ${version}`);
      assert.equal(ruffFormat(source), source, `${name} ${version} is not ruff-formatted`);
      assert.equal(models(make(), version), source, `${name} ${version} is not deterministic`);
    }
  }
});

test('models: 2.0 style uses DeclarativeBase and Mapped; 1.4 style only what 1.4 has', () => {
  const modern = models(shopSchema(), '2.0');
  assert.match(modern, /^from sqlalchemy\.orm import DeclarativeBase, Mapped, mapped_column, relationship$/m);
  assert.match(modern, /^class Base\(DeclarativeBase\):\n {4}pass$/m);
  assert.match(modern, /requires SQLAlchemy 2\.0 or\s+later/);
  const classic = models(shopSchema(), '1.4');
  assert.doesNotMatch(classic, /Mapped|mapped_column|DeclarativeBase|\bUuid\b/);
  assert.match(classic, /^Base = declarative_base\(\)$/m);
  assert.match(classic, /^ {4}id = Column\(UUID\(as_uuid=True\), primary_key=True, server_default=text\("gen_random_uuid\(\)"\)\)$/m);
  assert.match(classic, /^ {4}email = Column\(String\(255\), nullable=False, unique=True\)$/m);
});

test('models: columns map types, keys, defaults and database names exactly', () => {
  const py = models(shopSchema());
  const expected = [
    '    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)',
    '    email: Mapped[str] = mapped_column(String(255), unique=True)',
    '    name: Mapped[Optional[str]] = mapped_column(Text)',
    '    total: Mapped[decimal.Decimal] = mapped_column(Numeric(10, 2), server_default=text("0"))',
    '    placed_on: Mapped[datetime.date] = mapped_column(Date, server_default=func.current_date())',
    '    sku: Mapped[str] = mapped_column(CHAR(8))',
    '    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")',
    '    attributes: Mapped[Any] = mapped_column(JSONB, server_default="{}")',
    '    ip: Mapped[Optional[str]] = mapped_column(INET)',
    '    line_no: Mapped[int] = mapped_column(SmallInteger, primary_key=True)',
  ];
  for (const line of expected) assert.ok(py.split('\n').includes(line), line);
  assert.match(py, /status: Mapped\[OrderStatus\] = mapped_column\(\n\s+Enum\(OrderStatus, name="order_status", values_callable=_enum_values\),\n\s+server_default="pending",\n\s+\)/);
  assert.match(py, /class OrderStatus\(enum\.Enum\):\n {4}PENDING = "pending"\n {4}PAID = "paid"\n {4}IN_TRANSIT = "in-transit"\n {4}SHIPPED = "Shipped"\n/);
  assert.match(py, /__table_args__ = \(\n\s+UniqueConstraint\("sku", name="products_sku_unique"\),\n\s+CheckConstraint\("price > 0::numeric"\),\n\s+\)/);
  const names = models(namesSchema());
  assert.match(names, /note_id: Mapped\[int\] = mapped_column\("noteId", Integer, Identity\(\), primary_key=True\)/);
  assert.match(names, /metadata_: Mapped\[Optional\[Any\]\] = mapped_column\("metadata", JSONB\)/);
  assert.match(names, /__table_args__ = \{"schema": "auth"\}/);
  assert.match(names, /ForeignKey\("auth\.users\.id", ondelete="CASCADE"\)/);
  assert.match(names, /ForeignKeyConstraint\(\n\s+\["group", "select"\], \["user\.group", "user\.select"\], name="user_flags_owner"\n\s+\)/);
});

test('models: relationships: both sides, named after FK columns, association tables as secondary', () => {
  const shop = shopSchema();
  const plan = planModels(shop, analyze(shop));
  const rels = Object.fromEntries(plan.classes.map((c) => [c.name, c.relationships.map((r) => `${r.kind} ${r.name} -> ${r.target} (${r.backPopulates})`)]));
  assert.deepEqual(rels, {
    Customer: ['one-to-many orders -> Order (customer)'],
    Order: ['many-to-one customer -> Customer (orders)', 'one-to-many order_lines -> OrderLine (order)'],
    Product: ['one-to-many order_lines -> OrderLine (product)', 'many-to-many categories -> Category (products)'],
    OrderLine: ['many-to-one order -> Order (order_lines)', 'many-to-one product -> Product (order_lines)'],
    Category: [
      'many-to-one parent -> Category (children)',
      'one-to-many children -> Category (parent)',
      'many-to-many products -> Product (categories)',
    ],
  });
  assert.deepEqual(plan.associations.map((a) => a.variable), ['product_categories']);
  const py = models(shopSchema());
  assert.match(py, /parent: Mapped\[Optional\["Category"\]\] = relationship\(\n\s+back_populates="children", remote_side="Category\.id"\n\s+\)/);
  assert.match(py, /categories: Mapped\[list\["Category"\]\] = relationship\(\n\s+secondary=product_categories, back_populates="products"\n\s+\)/);
  assert.match(py, /^product_categories = Table\(\n {4}"product_categories",\n {4}Base\.metadata,$/m);
});

test('models: several FKs between two tables get foreign_keys=, one-to-one and self many-to-many work', () => {
  const py = models(socialSchema());
  assert.match(py, /sender: Mapped\["Person"\] = relationship\(\n\s+back_populates="sender_messages", foreign_keys="Message\.sender_id"\n\s+\)/);
  assert.match(py, /recipient_messages: Mapped\[list\["Message"\]\] = relationship\(\n\s+back_populates="recipient", foreign_keys="Message\.recipient_id"\n\s+\)/);
  assert.match(py, /profile: Mapped\[Optional\["Profile"\]\] = relationship\(back_populates="person"\)/);
  assert.match(py, /followed_people: Mapped\[list\["Person"\]\] = relationship\(\n\s+secondary=follows,\n\s+back_populates="follower_people",\n\s+primaryjoin=lambda: Person\.id == follows\.c\["follower_id"\],\n\s+secondaryjoin=lambda: Person\.id == follows\.c\["followed_id"\],\n\s+\)/);
  assert.match(py, /text_: Mapped\[Optional\[str\]\] = mapped_column\("text", Text\)/);
  assert.match(py, /# The table has no primary key: the mapper identifies rows by happened_at, kind\.\n\s+__mapper_args__ = \{"primary_key": \[happened_at, kind\]\}/);
  assert.match(models(socialSchema(), '1.4'), /profile = relationship\("Profile", back_populates="person", uselist=False\)/);
});

test('models: the FK broken in a cycle gets use_alter (named) and post_update on both sides', () => {
  const py = models(cycleSchema(), '1.4');
  assert.match(py, /ForeignKey\(\n\s+"employees\.id", name="departments_manager_id_fkey", ondelete="SET NULL", use_alter=True\n\s+\)/);
  assert.match(py, /manager = relationship\(\n\s+"Employee",\n\s+back_populates="departments",\n\s+foreign_keys="Department\.manager_id",\n\s+post_update=True,\n\s+\)/);
  assert.match(py, /departments = relationship\(\n\s+"Department",\n\s+back_populates="manager",\n\s+foreign_keys="Department\.manager_id",\n\s+post_update=True,\n\s+\)/);
  // The deferrable NOT NULL cycle cannot use post_update (NULL is refused): only use_alter.
  assert.match(py, /ForeignKey\(\n\s+"b\.id", name="a_b_id_fkey", deferrable=True, initially="DEFERRED", use_alter=True\n\s+\)/);
  assert.doesNotMatch(py.slice(py.indexOf('class A(Base)')), /post_update/);
});

test('models: what the DDL leaves out, the models leave out with the same reason', () => {
  const mysql = models(mysqlSchema());
  assert.match(mysql, /# CHECK \(`IsActive` in \(0,1\)\) left out: it compares column "IsActive" \(boolean\) with the number\n\s+# 0/);
  assert.match(mysql, /# Foreign key \(AccountEmail\) -> Accounts \(Visits\) left out: Accounts\(Visits\) is not a primary\n\s+# key or unique constraint, which PostgreSQL requires\./);
  assert.match(mysql, /# DEFAULT left out: the default "0000-00-00 00:00:00" is not a valid datetime for PostgreSQL\n\s+updated_at: Mapped\[datetime\.datetime\] = mapped_column\("UpdatedAt", DateTime\)/);
  assert.match(mysql, /is_active: Mapped\[bool\] = mapped_column\("IsActive", Boolean, server_default=true\(\)\)/);
  const prisma = models(prismaSchema());
  assert.match(prisma, /# Foreign key \(authorId\) -> User \(id\) left out: not enforced by the database/);
  assert.doesNotMatch(prisma, /relationship\(/);
  const sqlite = models(sqliteSchema());
  assert.match(sqlite, /CheckConstraint\("stamp % 2 = 0"\)/);
});

test('models: class, enum and variable names never clash with each other or with imports', () => {
  const schema = schemaOf('sql', 'postgresql', [
    table('users', [id(), col('kind', 'enum', { enumName: 'user', enumValues: ['a'] })]),
    table('users', [id()], { schema: 'auth' }),
    table('user', [id()]),
    table('texts', [id()]),
    table('enums', [id()]),
    table('func', [col('users_id', 'integer'), col('user_id', 'integer')], {
      primaryKey: ['users_id', 'user_id'],
      foreignKeys: [fk(['users_id'], 'users'), fk(['user_id'], 'user')],
    }),
  ]);
  const plan = planModels(schema, analyze(schema));
  assert.deepEqual(plan.classes.map((c) => c.name), ['User', 'AuthUser', 'UserModel', 'TextModel', 'EnumModel']);
  assert.deepEqual(plan.enums.map((e) => e.name), ['UserEnum']);
  assert.deepEqual(plan.associations.map((a) => a.variable), ['func_2']);
  const py = models(schema);
  assert.deepEqual(formatFindings(ruffCheck(py, 'clash.py')), '');
});

test('models: a colon text() would read as a bind parameter is escaped', () => {
  const schema = schemaOf('sql', 'postgresql', [
    table('t', [id(), col('at', 'text', { default: "to_char(now(), 'HH24:MI')" }), col('b', 'text', { default: "lower(' :x')" })]),
  ]);
  const py = models(schema);
  assert.match(py, /server_default=text\("to_char\(now\(\), 'HH24:MI'\)"\)/);
  assert.match(py, /server_default=text\("lower\(' \\\\:x'\)"\)/);
});

test('models: an empty schema is a valid module; attributes never shadow an association table', () => {
  const empty = models(schemaOf('sql', 'postgresql', []));
  assert.deepEqual(formatFindings(ruffCheck(empty, 'empty.py')), '');
  assert.equal(ruffFormat(empty), empty);
  const schema = schemaOf('sql', 'postgresql', [
    table('posts', [id(), col('post_tags', 'integer')]),
    table('tags', [id()]),
    table('post_tags', [col('post_id', 'integer'), col('tag_id', 'integer')], {
      primaryKey: ['post_id', 'tag_id'],
      foreignKeys: [fk(['post_id'], 'posts'), fk(['tag_id'], 'tags')],
    }),
  ]);
  const py = models(schema);
  assert.match(py, /^ {4}post_tags_2: Mapped\[int\] = mapped_column\("post_tags", Integer\)$/m);
  assert.match(py, /tags: Mapped\[list\["Tag"\]\] = relationship\(secondary=post_tags, back_populates="posts"\)/);
});
