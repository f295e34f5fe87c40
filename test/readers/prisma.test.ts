// The Prisma reader through its public entry point: implicit many-to-many join tables named and
// shaped as Prisma creates them, `@map`/`@@map` handling, and diagnostics on broken input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readSchema } from '../../src/core/readers';
import type { Diagnostic, ReadResult, Schema, Table } from '../../src/core/ir';

/** Reads Prisma files given as `{ path: text }`. */
function read(files: Record<string, string>): Promise<ReadResult> {
  return readSchema(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { format: 'prisma' },
  );
}

async function readOne(text: string): Promise<ReadResult> {
  return read({ 'schema.prisma': text });
}

function table(schema: Schema, name: string): Table {
  const t = schema.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} exists; have ${schema.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function datasource(provider: string, extra = ''): string {
  return `datasource db {\n  provider = "${provider}"\n  url = env("DATABASE_URL")\n${extra}}\n\n`;
}

function errors(ds: Diagnostic[]): string[] {
  return ds.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}`);
}

const postsAndCategories = `
model Post {
  id         Int        @id @default(autoincrement())
  categories Category[]
}

model Category {
  id    Int    @id @default(autoincrement())
  posts Post[]
}
`;

test('prisma m2m: default name sorts the model names, A references the first', async () => {
  const { schema, diagnostics } = await readOne(datasource('postgresql') + postsAndCategories);
  assert.deepEqual(diagnostics, []);
  const join = table(schema, '_CategoryToPost');
  assert.equal(join.model, null);
  assert.deepEqual(
    join.columns.map((c) => [c.name, c.type, c.nullable]),
    [
      ['A', 'integer', false],
      ['B', 'integer', false],
    ],
  );
  assert.deepEqual(
    join.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns, f.onDelete, f.onUpdate]),
    [
      [['A'], 'Category', ['id'], 'CASCADE', 'CASCADE'],
      [['B'], 'Post', ['id'], 'CASCADE', 'CASCADE'],
    ],
  );
  assert.deepEqual(join.indexes.map((i) => [i.name, i.columns, i.unique]), [['_CategoryToPost_B_index', ['B'], false]]);
  const post = schema.models.find((m) => m.name === 'Post');
  assert.deepEqual(
    post?.relationships.map((r) => [r.name, r.kind, r.secondary, r.backPopulates]),
    [['categories', 'many-to-many', '_CategoryToPost', 'posts']],
  );
});

test('prisma m2m: (A, B) is the primary key on PostgreSQL and a unique index elsewhere', async () => {
  const pg = table((await readOne(datasource('postgresql') + postsAndCategories)).schema, '_CategoryToPost');
  assert.deepEqual(pg.primaryKey, ['A', 'B']);
  assert.deepEqual(pg.uniqueConstraints, []);
  for (const provider of ['mysql', 'sqlite', 'cockroachdb']) {
    const other = table((await readOne(datasource(provider) + postsAndCategories)).schema, '_CategoryToPost');
    assert.deepEqual(other.primaryKey, [], provider);
    assert.deepEqual(
      other.uniqueConstraints.map((u) => [u.name, u.columns]),
      [['_CategoryToPost_AB_unique', ['A', 'B']]],
      provider,
    );
  }
});

test('prisma m2m: names compare by code unit, so upper case sorts before lower case', async () => {
  const { schema } = await readOne(`
model apple {
  id     Int     @id
  zebras Zebra[]
}

model Zebra {
  id     Int     @id
  apples apple[]
}
`);
  const join = table(schema, '_ZebraToapple');
  assert.deepEqual(join.foreignKeys.map((f) => f.refTable), ['Zebra', 'apple']);
});

test('prisma m2m: a relation name names the table; two m2m between the same models', async () => {
  const { schema, diagnostics } = await readOne(`
model User {
  id     Int     @id
  liked  Video[] @relation("UserLikedVideos")
  hidden Video[] @relation(name: "HiddenVideos")
}

model Video {
  id        Int    @id
  likedBy   User[] @relation("UserLikedVideos")
  hiddenFor User[] @relation(name: "HiddenVideos")
}
`);
  assert.deepEqual(errors(diagnostics), []);
  assert.deepEqual(
    schema.tables.filter((t) => t.model === null).map((t) => [t.name, t.foreignKeys.map((f) => f.refTable)]),
    [
      ['_UserLikedVideos', ['User', 'Video']],
      ['_HiddenVideos', ['User', 'Video']],
    ],
  );
});

test('prisma m2m: self relations reference the one table twice', async () => {
  const named = await readOne(`
model User {
  id        Int    @id
  followers User[] @relation("Follows")
  following User[] @relation("Follows")
}
`);
  const follows = table(named.schema, '_Follows');
  assert.deepEqual(follows.foreignKeys.map((f) => [f.columns[0], f.refTable]), [
    ['A', 'User'],
    ['B', 'User'],
  ]);
  // Prisma rejects an unnamed self-relation as ambiguous; it is still read as written.
  const unnamed = await readOne(`
model User {
  id       Int    @id
  friends  User[]
  friendOf User[]
}
`);
  assert.deepEqual(errors(unnamed.diagnostics), ['4:3 prisma/relation-pairing']);
  assert.ok(unnamed.schema.tables.some((t) => t.name === '_UserToUser'));
});

test('prisma m2m: join columns take the id types; the table lives in the first model\'s schema', async () => {
  const { schema } = await readOne(
    datasource('postgresql', '  schemas = ["public", "shop"]\n') +
      `
model Product {
  sku  String  @id @db.VarChar(32)
  tags Tag[]
  @@schema("shop")
}

model Tag {
  id       String    @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  products Product[]
  @@schema("public")
}
`,
  );
  const join = table(schema, 'shop._ProductToTag');
  assert.equal(join.schema, 'shop');
  assert.deepEqual(
    join.columns.map((c) => [c.name, c.type, c.maxLength, c.hasDefault]),
    [
      ['A', 'string', 32, false],
      ['B', 'uuid', null, false],
    ],
  );
  assert.deepEqual(join.foreignKeys.map((f) => f.refTable), ['shop.Product', 'Tag']);
});

test('prisma m2m: relationMode "prisma" makes every foreign key logical', async () => {
  const { schema } = await readOne(datasource('mysql', '  relationMode = "prisma"\n') + postsAndCategories);
  assert.equal(schema.meta.prismaRelationMode, 'prisma');
  assert.ok(table(schema, '_CategoryToPost').foreignKeys.every((f) => f.logical));
});

test('prisma @map: columns, tables and keys use database names; attributes keep field names', async () => {
  const { schema, diagnostics } = await readOne(`
model Country {
  code   String    @id @map("country_code")
  people Person[]
  @@map("countries")
}

model Person {
  id          Int     @id @map(name: "person_id")
  countryCode String  @map("country")
  nickName    String? @map("nick_name")
  country     Country @relation(fields: [countryCode], references: [code])
  @@unique([countryCode, nickName])
  @@index([nickName])
  @@map(name: "people")
}
`);
  assert.deepEqual(errors(diagnostics), []);
  const people = table(schema, 'people');
  assert.equal(people.model, 'Person');
  assert.deepEqual(people.columns.map((c) => [c.name, c.attribute]), [
    ['person_id', 'id'],
    ['country', 'countryCode'],
    ['nick_name', 'nickName'],
  ]);
  assert.deepEqual(people.primaryKey, ['person_id']);
  assert.deepEqual(people.uniqueConstraints.map((u) => u.columns), [['country', 'nick_name']]);
  assert.deepEqual(people.indexes.map((i) => i.columns), [['nick_name']]);
  assert.deepEqual(
    people.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns]),
    [[['country'], 'countries', ['country_code']]],
  );
  const person = schema.models.find((m) => m.name === 'Person');
  assert.equal(person?.table, 'people');
  assert.deepEqual(person?.relationships.map((r) => [r.name, r.target, r.kind, r.columns]), [
    ['country', 'Country', 'many-to-one', ['country']],
  ]);
});

test('prisma @map: enum labels are the mapped values; defaults use the label', async () => {
  const { schema } = await readOne(`
enum Status {
  ACTIVE   @map("active")
  ARCHIVED @map("archived")
  DRAFT
  @@map("item_status")
}

model Item {
  id     Int    @id
  status Status @default(ACTIVE)
}
`);
  assert.deepEqual(schema.enums, [
    {
      name: 'item_status',
      className: 'Status',
      values: ['active', 'archived', 'DRAFT'],
      members: [
        { name: 'ACTIVE', value: 'active' },
        { name: 'ARCHIVED', value: 'archived' },
        { name: 'DRAFT', value: 'DRAFT' },
      ],
      location: { file: 'schema.prisma', line: 2, column: 1 },
    },
  ]);
  const status = table(schema, 'Item').columns[1];
  assert.equal(status.type, 'enum');
  assert.equal(status.enumName, 'item_status');
  assert.deepEqual(status.enumValues, ['active', 'archived', 'DRAFT']);
  assert.deepEqual(status.default, { kind: 'literal', value: 'active' });
});

test('prisma syntax: a broken block costs only itself and is reported where it breaks', async () => {
  const { schema, diagnostics } = await readOne(`model A {
  id Int @id
  b  B[]
}

model B {
  id  Int @id @default(
  aId Int
  a   A   @relation(fields: [aId], references: [id])
}

model C {
  id Int @id
  d  Missing @relation(fields: [id], references: [id])
}
`);
  assert.deepEqual(schema.tables.map((t) => t.name), ['A', 'C']);
  // The broken block is reported once; fields typed with it are not reported again.
  assert.deepEqual(errors(diagnostics), ['7:24 prisma/syntax', '14:14 prisma/unknown-type']);
});

test('prisma syntax: trailing spaces and CRLF line ends parse; an empty file in a folder is a warning', async () => {
  const text = 'model User {   \r\n  id    Int @id   \r\n  email String\t\r\n}\r\n';
  const { schema, diagnostics } = await read({ 'prisma/schema/user.prisma': text, 'prisma/schema/empty.prisma': '// nothing\n' });
  assert.deepEqual(schema.tables.map((t) => [t.name, t.columns.map((c) => `${c.name}@${c.location.line}:${c.location.column}`)]), [
    ['User', ['id@2:3', 'email@3:3']],
  ]);
  assert.deepEqual(
    diagnostics.map((d) => `${d.file} ${d.severity} ${d.code}`),
    ['prisma/schema/empty.prisma warning prisma/empty', 'prisma/schema/user.prisma info prisma/datasource'],
  );
});

test('prisma syntax: never throws on garbage', async () => {
  const inputs = ['}}}{{{', 'model', 'model X {', 'model X {\n}\n', 'enum E {\n}\n', 'datasource db {\n}\n', 'generator g {\n}\n', 'model X {\n  id Int @id(\n', '"unterminated', 'enum E {\n  A @map(\n}\n', '@@@', '\u0000\u0001'];
  for (const text of inputs) {
    const { diagnostics } = await readOne(text);
    assert.ok(diagnostics.length > 0, `a diagnostic for ${JSON.stringify(text)}`);
  }
});

test('prisma syntax: /* */ comments are skipped; arguments must stay on one line, as in Prisma', async () => {
  const { schema, diagnostics } = await readOne(`/*
model Hidden {
  id Int @id
}
*/
model Note {
  id   Int    @id /* the key */
  body String @default("/* kept */")
}

model Split {
  id Int @id
  @@index([
    id
  ])
}
`);
  assert.deepEqual(schema.tables.map((t) => t.name), ['Note']);
  assert.deepEqual(table(schema, 'Note').columns[1].default, { kind: 'literal', value: '/* kept */' });
  assert.deepEqual(errors(diagnostics), ['13:12 prisma/syntax']);
});

test('prisma relations: referential actions default as Prisma creates them', async () => {
  const { schema } = await readOne(`
model User {
  id       Int    @id
  posts    Post[] @relation("Author")
  reviewed Post[] @relation("Reviewer")
  kept     Post[] @relation("Keeper")
}

model Post {
  id         Int   @id
  authorId   Int
  author     User  @relation("Author", fields: [authorId], references: [id])
  reviewerId Int?
  reviewer   User? @relation("Reviewer", fields: [reviewerId], references: [id])
  keeperId   Int?
  keeper     User? @relation("Keeper", fields: [keeperId], references: [id], onDelete: Cascade, onUpdate: NoAction)
}
`);
  assert.deepEqual(
    table(schema, 'Post').foreignKeys.map((f) => [f.columns[0], f.onDelete, f.onUpdate]),
    [
      ['authorId', 'RESTRICT', 'CASCADE'],
      ['reviewerId', 'SET NULL', 'CASCADE'],
      ['keeperId', 'CASCADE', 'NO ACTION'],
    ],
  );
});

test('prisma keys: `name:` on @@id/@@unique is kept as the client name, `map:` as the constraint name', async () => {
  const r = await readOne(
    datasource('postgresql') +
      `
model Project {
  tenantId Int
  key      String
  slug     String
  code     String

  @@id(fields: [tenantId, key], name: "projectKey", map: "project_pkey")
  @@unique([tenantId, slug], name: "projectSlug", map: "project_slug_key")
  @@unique([tenantId, code])
}
`,
  );
  assert.deepEqual(errors(r.diagnostics), []);
  const t = table(r.schema, 'Project');
  assert.deepEqual(t.primaryKey, ['tenantId', 'key']);
  assert.equal(t.primaryKeyClientName, 'projectKey');
  assert.equal(t.primaryKeyName, 'project_pkey');
  assert.deepEqual(
    t.uniqueConstraints.map((u) => [u.name, u.columns, u.clientName]),
    [
      ['project_slug_key', ['tenantId', 'slug'], 'projectSlug'],
      [null, ['tenantId', 'code'], undefined],
    ],
  );
  // Without `name:` nothing is added, so the IR of every other schema is unchanged.
  assert.equal('clientName' in t.uniqueConstraints[1], false);
});

test('prisma keys: `map:` on @id names the primary key constraint; without it none is kept', async () => {
  const r = await readOne(
    datasource('postgresql') +
      `
model Country {
  code String @id(map: "country_code_pk") @db.VarChar(2)
}

model Region {
  id Int @id
}
`,
  );
  assert.deepEqual(errors(r.diagnostics), []);
  assert.equal(table(r.schema, 'Country').primaryKeyName, 'country_code_pk');
  assert.equal('primaryKeyName' in table(r.schema, 'Region'), false);
});
