// factories.smoke.test.ts: proof that every factory inserts a valid row, that lists of 50 keep
// unique values unique, that parents passed as rows are connected and lists of rows linked, that the
// seed rows exist, and that every test starts from the same database whatever ran before it.

import { stampChecksum, TYPESCRIPT, userSection } from '../regions';
import { docComment, EDIT_IN_REGIONS, header, joinBlocks, lineComment, member, propertyKey, TsImports, tsStr } from './code';
import { layoutStatement } from './layout';
import type { VitestEmitOptions } from './options';
import { seededLists, type ModelView, type TsView } from './view';

/** The generated smoke tests. */
export function emitSmokeTests(view: TsView, options: VitestEmitOptions): string {
  const imports = new TsImports().value('vitest', 'describe', 'expect').value('./fixtures', 'test');
  const factories = new Set<string>();
  const use = (name: string) => {
    factories.add(name);
    return name;
  };
  const ready = view.models.filter((m) => !m.needsParents);
  const counted = ready[0];
  const blocks: string[] = [];
  for (const m of view.models.filter((x) => x.needsParents)) {
    blocks.push(lineComment(`${m.model.name} gets no smoke test: ${m.needsReason}, so every row needs one passed in.`));
  }
  blocks.push(
    group(
      'each factory inserts a valid row',
      ready.map((m) =>
        test(m.model.name, 'db', [
          `const before = await db.${m.delegate}.count();`,
          `await ${use(m.create)}(db);`,
          `expect(await db.${m.delegate}.count()).toBe(before + 1);`,
        ]),
      ),
    ),
    group(
      'lists of 50 keep unique values unique',
      ready.map((m) =>
        test(m.model.name, 'db', [
          `const before = await db.${m.delegate}.count();`,
          `expect(await ${use(m.createList)}(db, 50)).toHaveLength(50);`,
          `expect(await db.${m.delegate}.count()).toBe(before + 50);`,
        ]),
      ),
    ),
  );
  const parents = ready.flatMap((m) =>
    m.parents
      .filter((p) => !p.target.needsParents)
      .map((p) =>
        test(`${m.model.name}.${p.field}`, 'db', [
          `const parent = await ${use(p.target.create)}(db);`,
          `const row = await ${use(m.create)}(db, { ${propertyKey(p.field)}: parent });`,
          ...p.pairs.map((pair) => `expect(${member('row', pair.field)}).toEqual(${member('parent', pair.parentField)});`),
        ]),
      ),
  );
  if (parents.length > 0) blocks.push(group('a parent passed as a row is connected', parents));
  const lists = ready.flatMap((m) =>
    m.lists
      .filter((l) => !l.target.needsParents)
      .map((l) => {
        // Implicit many-to-many needs a single-field id on both models.
        const idColumn = m.table.primaryKey[0] ?? '';
        const idField = m.table.columns.find((c) => c.name === idColumn)?.attribute ?? idColumn;
        const where = `{ ${propertyKey(l.backField)}: { some: { ${propertyKey(idField)}: ${member('row', idField)} } } }`;
        return test(`${m.model.name}.${l.field}`, 'db', [
          `const linked = await ${use(l.target.createList)}(db, 2);`,
          `const row = await ${use(m.create)}(db, { ${propertyKey(l.field)}: linked });`,
          `expect(await db.${l.target.delegate}.count({ where: ${where} })).toBe(2);`,
        ]);
      }),
  );
  if (lists.length > 0) blocks.push(group('a list of rows is linked (many-to-many)', lists));
  blocks.push(seededTest(view));
  if (counted) {
    imports.type(options.clientImport, 'Prisma');
    blocks.push(...isolationTests(counted, use(counted.create)), savepointTest(counted), committedTest(view));
    use('WORKER');
    blocks.push(ownDatabaseTest());
  }
  blocks.push(userSection(TYPESCRIPT, 'tests', 'Your own tests.'));
  imports.value('./factories', ...factories);
  if (view.models.some((m) => !m.needsParents)) imports.value('./seed-data', 'SEED_ROWS_PER_MODEL');
  return stampChecksum(
    joinBlocks([
      header(options, 'smoke tests for the factories and fixtures', EDIT_IN_REGIONS),
      lineComment(
        'Every factory inserts valid rows, lists keep unique values unique, parents and lists of rows ' +
          'are connected, the seed rows exist, and every test starts from the same database whatever ' +
          'ran before it (the isolation tests run in both orders).',
      ),
      imports.render(),
      ...blocks,
    ]),
  );
}

/** `describe(title, () => { ...tests })`. */
function group(title: string, tests: string[]): string {
  return [`describe(${tsStr(title)}, () => {`, tests.map((t) => indent(t)).join('\n\n'), '});'].join('\n');
}

/**
 * An async test asking for the named fixtures; each body line is one statement. `depth` is how many
 * levels the test will be indented (inside a `describe`), for the line length of its first line.
 */
function test(title: string, fixtures: string, body: string[], depth = 1): string {
  const opening = `test(${tsStr(title)}, async ({ ${fixtures} }) => {`;
  // Prettier breaks the destructured fixtures of a test whose title is long.
  const first =
    2 * depth + opening.length <= 100
      ? opening
      : `test(${tsStr(title)}, async ({\n${fixtures
          .split(', ')
          .map((f) => `  ${f},`)
          .join('\n')}\n}) => {`;
  // Laid out at the depth the lines will have, then dedented: `describe` indents them back.
  const lines = body.map((l) =>
    layoutStatement('  '.repeat(depth + 1), l.replace(/;$/, ''))
      .split('\n')
      .map((line) => line.slice(2 * depth))
      .join('\n'),
  );
  return [first, ...lines, '});'].join('\n');
}

/** Indents every non-empty line by two spaces. */
function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
}

/** The seed rows exist: every seeded model has its rows, in the returned value and in the table. */
function seededTest(view: TsView): string {
  const body: string[] = [];
  for (const m of view.models.filter((x) => !x.needsParents)) {
    body.push(`expect(${member('seeded', m.model.name)}).toHaveLength(SEED_ROWS_PER_MODEL);`);
    body.push(`expect(await db.${m.delegate}.count()).toBe(SEED_ROWS_PER_MODEL);`);
  }
  // Every seeded row of both sides of an implicit many-to-many relation is linked.
  for (const { owner, list } of seededLists(view)) {
    for (const [m, field] of [[owner, list.field], [list.target, list.backField]] as const) {
      body.push(`expect(await db.${m.delegate}.count({ where: { ${propertyKey(field)}: { some: {} } } })).toBe(SEED_ROWS_PER_MODEL);`);
    }
  }
  return test('seeded holds SEED_ROWS_PER_MODEL rows of every model', 'db, seeded', body, 0);
}

/** The same two tests in both orders: each starts from exactly the seed rows, adds one and sees it. */
function isolationTests(m: ModelView, create: string): string[] {
  const helper = [
    docComment(`Starts from exactly the seed rows, whatever ran before, adds one \`${m.model.name}\` and sees it.`),
    'async function startsFromTheSeed(db: Prisma.TransactionClient): Promise<void> {',
    `  expect(await db.${m.delegate}.count()).toBe(SEED_ROWS_PER_MODEL);`,
    `  await ${create}(db);`,
    `  expect(await db.${m.delegate}.count()).toBe(SEED_ROWS_PER_MODEL + 1);`,
    '}',
  ].join('\n');
  const pair = (order: string[]) =>
    group(
      `isolation: ${order.join(' then ')}`,
      order.map((name) =>
        test(name, 'db, seeded', [
          `expect(${member('seeded', m.model.name)}).toHaveLength(SEED_ROWS_PER_MODEL);`,
          'await startsFromTheSeed(db);',
        ]),
      ),
    );
  return [helper, pair(['A', 'B']), pair(['B', 'A'])];
}

/** A failing statement inside a nested transaction (a savepoint) leaves the test's transaction usable. */
function savepointTest(m: ModelView): string {
  return test('a failed statement in a nested transaction leaves the test usable', 'db', [
    `const before = await db.${m.delegate}.count();`,
    "await expect(db.$transaction((tx) => tx.$executeRawUnsafe('SELECT 1 / 0'))).rejects.toThrow();",
    `expect(await db.${m.delegate}.count()).toBe(before);`,
  ], 0);
}

/** Outside the test transactions the worker's database is still empty: nothing was committed. */
function committedTest(view: TsView): string {
  const counts = view.models.map((m) => `await prisma.${m.delegate}.count()`);
  const body = [`const counts = [${counts.join(', ')}]`, 'expect(counts).toEqual(counts.map(() => 0))'];
  return test('nothing the tests wrote was committed', 'prisma', body, 0);
}

/** Each vitest worker works in a database of its own, named after the worker. */
function ownDatabaseTest(): string {
  return test(
    'this worker has a database of its own',
    'db',
    [
      'const [{ name }] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`',
      'expect(name.endsWith(`_test_w${WORKER}`)).toBe(true)',
    ],
    0,
  );
}
