// seed-data.ts: the rows of the `seeded` fixture, written out as data so a reader sees exactly
// what is in the database. One `createManyAndReturn` per model in foreign-key order, parent keys
// taken from the rows already inserted, then the self-references and cycle-breaking keys as updates.

import type { SeedData, SeedGroup, SeedRef, SeedValue } from '../../seed';
import { stampChecksum } from '../regions';
import { docComment, header, joinBlocks, lowerFirst, member, propertyKey, TsImports, tsNumber, tsStr } from './code';
import { layoutAssignment, layoutStatement, objectLiteral } from './layout';
import { enumImport, modelImport } from './factories';
import type { VitestEmitOptions } from './options';
import { enumMember } from './values';
import { seededLists, type ModelView, type TsView } from './view';

/** What rendering the rows needs: the view, the imports collected, and each group's variable. */
interface Context {
  view: TsView;
  imports: TsImports;
  client: string;
  variables: Map<string, string>;
  models: Map<string, ModelView>;
}

/** The generated seed-data.ts. */
export function emitSeedData(view: TsView, seed: SeedData, options: VitestEmitOptions): string {
  const imports = new TsImports();
  imports.type(options.clientImport, 'Prisma');
  const models = new Map(view.models.map((m) => [m.model.name, m]));
  const groups = seed.groups.filter((g) => g.model !== null && models.has(g.model.name) && !models.get(g.model.name)!.needsParents);
  const variables = new Map(groups.map((g) => [g.name, `${lowerFirst(g.name)}Rows`]));
  const ctx: Context = { view, imports, client: options.clientImport, variables, models };

  const body: string[] = [];
  for (const m of view.models.filter((x) => x.needsParents)) {
    body.push(`  // ${m.model.name} is not seeded: ${m.needsReason}.`);
  }
  for (const g of groups) {
    imports.type(options.clientImport, modelImport(models.get(g.name)!));
    body.push(...insertGroup(g, ctx));
  }
  body.push(...links(seed, ctx));
  body.push(...manyToManyLinks(groups, ctx));
  const result = groups.map((g) => `${propertyKey(g.name)}: ${variables.get(g.name)}`);
  body.push(`  return ${objectLiteral(result, '  ', '  return '.length)};`);

  const rowsType = groups.map((g) => `  ${propertyKey(g.name)}: ${models.get(g.name)!.typeName}[];`);
  const blocks = [
    header(options, 'the rows of the `seeded` fixture', 'Rewritten on every regeneration: change the seed or the row count with --seed / --seed-rows.'),
    imports.render(),
    `${docComment('Rows per model that `seedDatabase` inserts.')}\nexport const SEED_ROWS_PER_MODEL = ${seed.rowsPerTable};`,
    [docComment('The seed rows by model name, as inserted.'), 'export interface SeedRows {', ...rowsType, '}'].join('\n'),
    [
      docComment(
        `Inserts ${seed.rowsPerTable} realistic rows per model (generator seed ${seed.seed}), parents first, and returns them by model name.`,
      ),
      'export async function seedDatabase(db: Prisma.TransactionClient): Promise<SeedRows> {',
      ...body,
      '}',
    ].join('\n'),
  ];
  return stampChecksum(joinBlocks(blocks));
}

/** `const userRows = await db.user.createManyAndReturn({ data: [...] });` for one model. */
function insertGroup(g: SeedGroup, ctx: Context): string[] {
  const m = ctx.models.get(g.name)!;
  const table = g.tables[g.tables.length - 1];
  const rows = g.rows.map((row) => {
    const entries: string[] = [];
    for (const column of table.columns) {
      const value = row.values[column.name];
      if (value === undefined || value.kind === 'null' || column.type === 'unknown') continue;
      entries.push(`${propertyKey(column.attribute ?? column.name)}: ${render(value, ctx)}`);
    }
    for (const ref of row.refs) {
      if (!ctx.variables.has(ref.group)) continue;
      for (const pair of refPairs(ref, m, ctx)) entries.push(`${propertyKey(pair.field)}: ${pair.value}`);
    }
    return `{ ${entries.join(', ')} }`;
  });
  const variable = ctx.variables.get(g.name)!;
  if (rows.length === 0) return [`  const ${variable}: ${m.typeName}[] = [];`];
  return [layoutAssignment('  ', `const ${variable}`, `await db.${m.delegate}.createManyAndReturn({ data: [${rows.join(', ')}] })`)];
}

/** `authorId` and `userRows[2].id`: each foreign-key field takes the parent row's referenced field. */
function refPairs(ref: SeedRef, m: ModelView, ctx: Context): { field: string; value: string }[] {
  const parent = ctx.models.get(ref.group)!;
  const row = `${ctx.variables.get(ref.group)}[${ref.row}]`;
  return ref.fk.columns.map((c, i) => {
    const refColumn = ref.fk.refColumns[i];
    const parentField = parent.table.columns.find((x) => x.name === refColumn)?.attribute ?? refColumn;
    return { field: fieldOf(m, c), value: member(row, parentField) };
  });
}

/** The Prisma field of one of the model's columns. */
function fieldOf(m: ModelView, column: string): string {
  return m.table.columns.find((x) => x.name === column)?.attribute ?? column;
}

/**
 * The self-references and cycle-breaking keys, set once every row exists: an `updateMany` by the
 * row's primary key, and the same change on the returned row. A unique key gets at most one row
 * per parent, so a one-to-one self-relation stays valid.
 */
function links(seed: SeedData, ctx: Context): string[] {
  const lines: string[] = [];
  const taken = new Set<string>();
  for (const link of seed.links) {
    const m = ctx.models.get(link.group);
    if (!m || !ctx.variables.has(link.group) || !ctx.variables.has(link.ref.group)) continue;
    const target = `${link.group}\u0000${link.ref.fk.columns.join(',')}\u0000${link.ref.row}`;
    if (isUniqueKey(m, link.ref.fk.columns)) {
      if (taken.has(target)) continue;
      taken.add(target);
    }
    const row = `${ctx.variables.get(link.group)}[${link.row}]`;
    // A model without @id is identified by its first unique constraint (Prisma requires one).
    const key = m.table.primaryKey.length > 0 ? m.table.primaryKey : (m.table.uniqueConstraints[0]?.columns ?? []);
    if (key.length === 0) continue;
    const where = key.map((c) => `${propertyKey(fieldOf(m, c))}: ${member(row, fieldOf(m, c))}`);
    const pairs = refPairs(link.ref, m, ctx);
    const sets = pairs.map((pair) => `${propertyKey(pair.field)}: ${pair.value}`);
    lines.push(layoutStatement('  ', `await db.${m.delegate}.updateMany({ where: { ${where.join(', ')} }, data: { ${sets.join(', ')} } })`));
    for (const pair of pairs) lines.push(`  ${member(row, pair.field)} = ${pair.value};`);
  }
  if (lines.length === 0) return [];
  return ['  // Self-references and the foreign keys that break cycles, set once every row exists.', ...lines];
}

/**
 * Join rows of the implicit many-to-many relations, once both sides exist: row i of the owning model
 * is connected to rows i and i + 1 of the other side (wrapping around), or for a relation of a model
 * to itself to row i + 1 only, so every seeded row of both sides has links.
 */
function manyToManyLinks(groups: SeedGroup[], ctx: Context): string[] {
  const counts = new Map(groups.map((g) => [g.name, g.rows.length]));
  const lines: string[] = [];
  for (const { owner, list } of seededLists(ctx.view)) {
    const n = counts.get(owner.model.name) ?? 0;
    const targetCount = counts.get(list.target.model.name) ?? 0;
    if (n === 0 || targetCount === 0) continue;
    const idField = fieldOf(owner, owner.table.primaryKey[0] ?? '');
    const targetId = fieldOf(list.target, list.target.table.primaryKey[0] ?? '');
    const rows = ctx.variables.get(owner.model.name)!;
    const targetRows = ctx.variables.get(list.target.model.name)!;
    const self = list.target === owner;
    for (let i = 0; i < n; i++) {
      const picks = self ? [(i + 1) % n] : [...new Set([i % targetCount, (i + 1) % targetCount])];
      const connect = picks.map((k) => `{ ${propertyKey(targetId)}: ${member(`${targetRows}[${k}]`, targetId)} }`);
      const where = `{ ${propertyKey(idField)}: ${member(`${rows}[${i}]`, idField)} }`;
      const data = `{ ${propertyKey(list.field)}: { connect: [${connect.join(', ')}] } }`;
      lines.push(layoutStatement('  ', `await db.${owner.delegate}.update({ where: ${where}, data: ${data} })`));
    }
  }
  if (lines.length === 0) return [];
  return ['  // Join rows of the implicit many-to-many relations, set once both sides exist.', ...lines];
}

/** True when the columns are the model's primary key or one of its unique constraints. */
function isUniqueKey(m: ModelView, columns: string[]): boolean {
  const same = (other: string[]) => other.length === columns.length && other.every((c) => columns.includes(c));
  return same(m.table.primaryKey) || m.table.uniqueConstraints.some((u) => same(u.columns));
}

/** A seed value as a TypeScript expression that Prisma's create-many input accepts. */
function render(v: SeedValue, ctx: Context): string {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'literal':
      return typeof v.value === 'string' ? tsStr(v.value) : typeof v.value === 'number' ? tsNumber(v.value) : String(v.value);
    case 'decimal':
      return tsStr(v.text);
    case 'date':
      return `new Date(${tsStr(v.iso)})`;
    case 'datetime':
      return `new Date(${tsStr(v.iso)})`;
    case 'time':
      return `new Date(${tsStr(`1970-01-01T${v.text}Z`)})`;
    case 'interval':
      return tsStr(`PT${v.minutes}M`);
    case 'uuid':
      return tsStr(v.text);
    case 'json':
      return jsonLiteral(v.value);
    case 'bytes':
      return `Uint8Array.from(Buffer.from(${tsStr(v.hex)}, 'hex'))`;
    case 'array':
      return `[${v.items.map((x) => render(x, ctx)).join(', ')}]`;
    case 'enum':
      return enumValue(v.label, v.enumName, ctx);
  }
}

/** `Role.ADMIN` for a database label of a Prisma enum (imported as a value), else the label. */
function enumValue(label: string, enumName: string | null, ctx: Context): string {
  const e = enumName === null ? undefined : ctx.view.enums.get(enumName);
  const memberName = e?.memberOf.get(label);
  if (!e || memberName === undefined) return tsStr(label);
  ctx.imports.value(ctx.client, enumImport(ctx.view, e.typeName));
  return enumMember(e.typeName, memberName);
}

/** A JSON value as a TypeScript literal. */
function jsonLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, x]) => `${propertyKey(k)}: ${jsonLiteral(x)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? tsStr(value) : String(value);
}
