// The vitest target without a database: line breaking matches prettier's output for the shapes the
// emitters write, the Prisma Client import follows the schema's generator, and the generated files
// are deterministic, 100 columns wide, and handle composite keys, required self-relations, mapped
// enums and user sections. Running the files against PostgreSQL is test/e2e/prisma-generate.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, readSchema } from '../../src/core';
import { mergeGenerated, TYPESCRIPT, userSections } from '../../src/core/emit/regions';
import { tsStr } from '../../src/core/emit/typescript/code';
import { clientGenerator, generateVitest, generatorFile, prismaClientImport, VITEST_FILES } from '../../src/core/emit/typescript';
import { layoutAssignment, layoutProperty, layoutStatement } from '../../src/core/emit/typescript/layout';
import { cli } from '../support/cli';

const casesDir = path.join(__dirname, '..', 'cases');

/** Reads a Prisma schema given as text and generates the vitest files for it. */
async function generateFor(text: string, options = {}) {
  const read = await readSchema([{ path: 'schema.prisma', text }], { format: 'prisma' });
  return generateVitest(read.schema, analyze(read.schema), options);
}

/** The generated files of a case, by name. */
async function caseFiles(name: string): Promise<Map<string, string>> {
  const result = await generateFor(fs.readFileSync(path.join(casesDir, name, 'schema.prisma'), 'utf8'));
  return new Map(result.files.map((f) => [f.path, f.contents]));
}

test('layout: a conditional property moves below its key, as prettier does', () => {
  const entry = "organizationMembership: 'id' in organizationMembership ? { connect: { id: organizationMembership.id } } : organizationMembership";
  assert.equal(
    layoutProperty('    ', entry, ','),
    [
      '    organizationMembership:',
      "      'id' in organizationMembership",
      '        ? { connect: { id: organizationMembership.id } }',
      '        : organizationMembership,',
    ].join('\n'),
  );
});

test('layout: a call hugs its last object argument, else puts arguments on lines of their own', () => {
  assert.equal(
    layoutProperty('    ', "publishedAtSomethingLonger: faker.date.between({ from: '2023-06-01T00:00:00Z', to: '2025-06-01T23:59:59Z' })", ','),
    ['    publishedAtSomethingLonger: faker.date.between({', "      from: '2023-06-01T00:00:00Z',", "      to: '2025-06-01T23:59:59Z',", '    }),'].join('\n'),
  );
  assert.equal(
    layoutProperty('    ', "emailAddressOfTheCustomer: unique(faker.internet.email({ provider: 'example.com' }).toLowerCase(), 120)", ','),
    [
      '    emailAddressOfTheCustomer: unique(',
      "      faker.internet.email({ provider: 'example.com' }).toLowerCase(),",
      '      120,',
      '    ),',
    ].join('\n'),
  );
});

test('layout: statements and assignments break like prettier', () => {
  assert.equal(
    layoutStatement('  ', 'expect(await db.organizationMembership.count({ where: { organizations: { some: { id: row.id } } } })).toBe(2)'),
    [
      '  expect(',
      '    await db.organizationMembership.count({ where: { organizations: { some: { id: row.id } } } }),',
      '  ).toBe(2);',
    ].join('\n'),
  );
  assert.equal(
    layoutAssignment('    ', 'data.favoriteMembers', 'Array.isArray(favoriteMembers) ? { connect: favoriteMembers.map((row) => ({ id: row.id })) } : favoriteMembers'),
    [
      '    data.favoriteMembers = Array.isArray(favoriteMembers)',
      '      ? { connect: favoriteMembers.map((row) => ({ id: row.id })) }',
      '      : favoriteMembers;',
    ].join('\n'),
  );
  assert.equal(layoutStatement('  ', 'const rows = xs[0].id'), '  const rows = xs[0].id;');
});

test('tsStr: single quotes unless the text holds more of them, escapes control characters', () => {
  assert.equal(tsStr("it's"), `"it's"`);
  assert.equal(tsStr('a "b"'), `'a "b"'`);
  assert.equal(tsStr('tab\there\n\\'), "'tab\\there\\n\\\\'");
});

test('client import: from the generator output relative to --out, else @prisma/client', async () => {
  const prisma7 = { name: 'client', provider: 'prisma-client', output: '../src/generated/prisma' };
  assert.equal(prismaClientImport(prisma7, '../src/generated/prisma'), '../src/generated/prisma/client');
  assert.equal(prismaClientImport(prisma7, 'generated'), './generated/client');
  assert.equal(prismaClientImport({ name: 'c', provider: 'prisma-client-js', output: null }, null), '@prisma/client');
  assert.equal(prismaClientImport({ name: 'c', provider: 'prisma-client-js', output: '../gen' }, '../gen'), '../gen');
  assert.equal(prismaClientImport(null, null), '@prisma/client');
  const files = [
    { path: 'prisma/schema/models.prisma', text: 'model A {\n  id Int @id\n}\n' },
    { path: 'prisma/schema/main.prisma', text: 'generator client {\n  provider = "prisma-client"\n}\n' },
  ];
  assert.equal(generatorFile(files, 'client'), 'prisma/schema/main.prisma');
  const read = await readSchema(files, { format: 'prisma' });
  assert.equal(clientGenerator(read.schema)?.provider, 'prisma-client');
});

test('generate: the five files, deterministic and at most 100 columns wide', async () => {
  const text = fs.readFileSync(path.join(casesDir, 'gen-prisma-shop', 'schema.prisma'), 'utf8');
  const first = await generateFor(text);
  const second = await generateFor(text);
  assert.deepEqual(first.files.map((f) => f.path), [...VITEST_FILES]);
  assert.deepEqual(first, second);
  for (const f of first.files) {
    const long = f.contents.split('\n').filter((l, i) => i > 0 && l.length > 100);
    assert.deepEqual(long, [], f.path);
    assert.match(f.contents, /^\/\/ fixture-scaffold checksum: [0-9a-f]{16}$/m, f.path);
  }
});

test('generate: composite keys connect by their compound input, named by `name:`; a shared parent still gets unique rows', async () => {
  const files = await caseFiles('gen-prisma-keys');
  const factories = files.get('factories.ts')!;
  // @@unique([id, slug], name: "tenantRef") and @@id(fields: [tenantId, key], name: "projectKey").
  assert.match(factories, /'id' in tenant \? \{ connect: \{ tenantRef: \{ id: tenant\.id, slug: tenant\.slug \} \} \} : tenant/);
  assert.match(factories, /connect: \{ projectKey: \{ tenantId: project\.tenantId, key: project\.key \} \}/);
  assert.doesNotMatch(factories, /id_slug|tenantId_key/);
  // @@unique([tenantId, projectKey, number]): `number` counts up, so issues of one project differ.
  assert.match(factories, /number: uniqueInt\(1, 2147483647\)/);
  assert.match(factories, /code: shortCode\(2\)/);
});

test('generate: an unnamed compound key connects by its fields joined in the key\'s order', async () => {
  const files = await generateFor(`
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Shelf {
  room  String
  slot  Int
  books Book[]

  @@id([slot, room])
}

model Book {
  id        Int    @id @default(autoincrement())
  shelf     Shelf  @relation(fields: [shelfRoom, shelfSlot], references: [room, slot])
  shelfRoom String
  shelfSlot Int
}
`);
  const factories = files.files.find((f) => f.path === 'factories.ts')!.contents;
  assert.match(factories, /connect: \{ slot_room: \{ slot: shelf\.slot, room: shelf\.room \} \}/);
});

test('generate: the seed links every row of both sides of an implicit many-to-many relation', async () => {
  const blog = await caseFiles('gen-prisma-blog');
  const seed = blog.get('seed-data.ts')!;
  // Row i of Post gets tags i and i + 1 (wrapping), once both sides exist.
  assert.match(seed, /where: \{ id: postRows\[0\]\.id \},\n\s+data: \{ tags: \{ connect: \[\{ id: tagRows\[0\]\.id \}, \{ id: tagRows\[1\]\.id \}\] \} \}/);
  assert.match(seed, /where: \{ id: postRows\[4\]\.id \},\n\s+data: \{ tags: \{ connect: \[\{ id: tagRows\[4\]\.id \}, \{ id: tagRows\[0\]\.id \}\] \} \}/);
  assert.ok(seed.indexOf('db.post.update(') > seed.indexOf('db.tag.createManyAndReturn('), 'links after both sides are inserted');
  // Only one side writes the join rows.
  assert.doesNotMatch(seed, /db\.tag\.update\(/);
  const smoke = blog.get('factories.smoke.test.ts')!;
  assert.match(smoke, /expect\(await db\.post\.count\(\{ where: \{ tags: \{ some: \{\} \} \} \}\)\)\.toBe\(SEED_ROWS_PER_MODEL\);/);
  assert.match(smoke, /expect\(await db\.tag\.count\(\{ where: \{ posts: \{ some: \{\} \} \} \}\)\)\.toBe\(SEED_ROWS_PER_MODEL\);/);
  // A relation of a model to itself: row i links row i + 1 only, so no row links itself.
  const social = (await caseFiles('gen-prisma-social')).get('seed-data.ts')!;
  assert.match(social, /where: \{ id: userRows\[0\]\.id \},\n\s+data: \{ blocked: \{ connect: \[\{ id: userRows\[1\]\.id \}\] \} \}/);
  assert.doesNotMatch(social, /blockedBy: \{ connect/);
});

test('generate: two named relations of a model to itself over a compound key each connect by the named key', async () => {
  const result = await generateFor(`
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Employee {
  tenantId        Int
  no              Int
  managerTenantId Int?
  managerNo       Int?
  manager         Employee?  @relation("Reports", fields: [managerTenantId, managerNo], references: [tenantId, no])
  reports         Employee[] @relation("Reports")
  mentorTenantId  Int?
  mentorNo        Int?
  mentor          Employee?  @relation("Mentoring", fields: [mentorTenantId, mentorNo], references: [tenantId, no])
  mentees         Employee[] @relation("Mentoring")

  @@id([tenantId, no], name: "employeeKey")
}
`);
  const files = new Map(result.files.map((f) => [f.path, f.contents]));
  const factories = files.get('factories.ts')!;
  for (const rel of ['manager', 'mentor']) {
    assert.match(factories, new RegExp(`\\{ connect: \\{ employeeKey: \\{ tenantId: ${rel}\\.tenantId, no: ${rel}\\.no \\} \\} \\}`));
  }
  // The seed sets each self-reference after the rows exist, both columns of each pair.
  const seed = files.get('seed-data.ts')!;
  assert.match(seed, /data: \{ managerTenantId: employeeRows\[0\]\.tenantId, managerNo: employeeRows\[0\]\.no \}/);
  assert.match(seed, /data: \{ mentorTenantId: employeeRows\[0\]\.tenantId, mentorNo: employeeRows\[0\]\.no \}/);
  // The missing-parent case of a compound self-FK sets two columns: its SQL breaks across lines.
  const constraints = files.get('constraints.test.ts')!;
  assert.match(constraints, /'"managerTenantId" = \(SELECT coalesce\(max\("tenantId"\), 0\) \+ 1 FROM "Employee"\), ' \+\n {6}'"managerNo" = /);
  for (const f of result.files) {
    // The header's first line names the schema path, which can be as long as it is.
    assert.deepEqual(f.contents.split('\n').filter((l, i) => i > 0 && l.length > 100), [], f.path);
  }
});

test('generate: a required self-relation must be passed in, and is neither seeded nor smoke-tested', async () => {
  const files = await caseFiles('gen-prisma-keys');
  assert.match(files.get('factories.ts')!, /export function buildNode\(overrides: NodeOverrides\): Prisma\.NodeCreateInput \{/);
  assert.match(files.get('factories.ts')!, /parent: Prisma\.NodeCreateInput\['parent'\] \| Node;/);
  assert.match(files.get('seed-data.ts')!, /\/\/ Node is not seeded: Node\.parent is a required relation back to Node\./);
  assert.doesNotMatch(files.get('seed-data.ts')!, /db\.node\.createMany/);
  assert.doesNotMatch(files.get('factories.smoke.test.ts')!, /createNode\(/);
  // NodeNote's optional relation to Node stays empty in the seed rows.
  assert.match(files.get('seed-data.ts')!, /db\.nodeNote\.createManyAndReturn/);
  assert.doesNotMatch(files.get('seed-data.ts')!, /nodeId:/);
});

test('generate: enums by their Prisma names, whatever the database labels', async () => {
  const files = await caseFiles('gen-prisma-blog');
  const seed = files.get('seed-data.ts')!;
  assert.match(seed, /status: PostStatus\.DRAFT/);
  assert.match(files.get('factories.ts')!, /status: faker\.helpers\.arrayElement\(Object\.values\(PostStatus\)\)/);
  const mapped = await generateFor('enum Role {\n  A @map("a")\n  B\n}\nmodel U {\n  id Int @id @default(autoincrement())\n  role Role\n}\n');
  const seedMapped = mapped.files.find((f) => f.path === 'seed-data.ts')!.contents;
  assert.match(seedMapped, /role: Role\.A\b/);
  assert.doesNotMatch(seedMapped, /'a'/);
});

test('generate: only Prisma input; other providers get a warning about the fixtures', async () => {
  const sql = await readSchema([{ path: 'schema.sql', text: 'CREATE TABLE t (id int PRIMARY KEY);' }], { format: 'sql', dialect: 'postgresql' });
  const refused = generateVitest(sql.schema, analyze(sql.schema), {});
  assert.deepEqual(refused.files, []);
  assert.equal(refused.diagnostics[0].code, 'generate/vitest-input');
  const mysql = await generateFor('datasource db {\n  provider = "mysql"\n}\nmodel U {\n  id Int @id\n}\n');
  assert.equal(mysql.files.length, 5);
  assert.deepEqual(mysql.diagnostics.map((d) => d.code), ['generate/vitest-provider']);
});

test('regeneration keeps user sections', async () => {
  const before = (await generateFor('model U {\n  id Int @id @default(autoincrement())\n  name String\n}\n')).files[0].contents;
  const edited = before.replace(
    "  // Change generated values here, e.g. data.name = '...'; the overrides below still win.\n",
    "  data.name = 'Ada';\n",
  );
  const after = (await generateFor('model U {\n  id Int @id @default(autoincrement())\n  name String\n  city String?\n}\n')).files[0].contents;
  const merged = mergeGenerated(edited, after, TYPESCRIPT);
  assert.equal(merged.conflict, null);
  assert.deepEqual(userSections(merged.text).get('buildU'), ["  data.name = 'Ada';"]);
  assert.match(merged.text, /city: faker\.location\.city\(\)/);
});

test('CLI: Prisma input generates for vitest into test/, importing the client from the generator output', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-vitest-cli-'));
  try {
    fs.mkdirSync(path.join(dir, 'prisma'));
    fs.writeFileSync(
      path.join(dir, 'prisma', 'schema.prisma'),
      'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\nmodel U {\n  id Int @id @default(autoincrement())\n}\n',
    );
    const run = await cli(['generate', 'prisma/schema.prisma'], dir);
    assert.equal(run.code, 0, run.stderr);
    const factories = fs.readFileSync(path.join(dir, 'test', 'factories.ts'), 'utf8');
    assert.match(factories, /from '\.\.\/src\/generated\/prisma\/client';/);
    assert.match(factories, /^\/\/ Regenerate with: npx fixture-scaffold generate prisma\/schema\.prisma --out test$/m);
    const custom = await cli(['generate', 'prisma/schema.prisma', '--out', 'spec', '--client-import', '@acme/db'], dir);
    assert.equal(custom.code, 0, custom.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'spec', 'fixtures.ts'), 'utf8'), /import \{ PrismaClient \} from '@acme\/db';/);
    fs.writeFileSync(path.join(dir, 'schema.sql'), 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const refused = await cli(['generate', 'schema.sql', '--target', 'vitest'], dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /the vitest target needs a Prisma schema/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
