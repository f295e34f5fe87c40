// factories.ts: per Prisma model `build<Model>(overrides?)` (the data of a new row, typed with the
// user's generated `Prisma.<Model>CreateInput`), `create<Model>(db, overrides?)` and
// `create<Model>List(db, count, overrides?)`, parents first.

import { stampChecksum, TYPESCRIPT, userSection } from '../regions';
import { docComment, EDIT_IN_REGIONS, header, joinBlocks, lineComment, member, parameterList, propertyKey, TsImports, tsStr } from './code';
import { layoutAssignment, layoutStatement, objectLiteral } from './layout';
import { fakerImport, type VitestEmitOptions } from './options';
import { expressionFor, type Helper } from './values';
import type { ListView, ModelView, ParentView, TsView } from './view';

/** The helper functions factories.ts may define, in the order they appear. */
const HELPERS: Record<Helper, string> = {
  unique: `/** \`value\` made unique by this worker's number and the next sequence number, within \`maxLength\`. */
function unique(value: string, maxLength: number | null = null): string {
  const tag = \`-w\${WORKER}n\${nextSequence()}\`;
  const at = value.indexOf('@');
  let local = at === -1 ? value : value.slice(0, at);
  let domain = at === -1 ? '' : value.slice(at);
  if (maxLength !== null && tag.length + domain.length >= maxLength) domain = '';
  if (maxLength !== null) {
    local = local.slice(0, Math.max(0, maxLength - tag.length - domain.length));
  }
  return \`\${local}\${tag}\${domain}\`;
}`,
  fit: `/** \`value\` cut to \`maxLength\` and padded to \`minLength\`, as the column requires. */
function fit(value: string, minLength: number, maxLength: number | null): string {
  return (maxLength === null ? value : value.slice(0, maxLength)).padEnd(minLength, 'x');
}`,
  shortCode: `/** A code of exactly \`length\` digits and capitals, unique for this worker and sequence number. */
function shortCode(length: number): string {
  const space = 36 ** length;
  const n = (WORKER * Math.floor(space / 64) + nextSequence()) % space;
  return n.toString(36).toUpperCase().padStart(length, '0');
}`,
  uniqueInt: `/** An integer in [min, max], unique for this worker (a slice of the range) and sequence number. */
function uniqueInt(min: number, max: number): number {
  const span = max - min + 1;
  return min + ((WORKER * Math.max(1, Math.floor(span / 64)) + nextSequence()) % span);
}`,
};

/** The generated factories.ts. */
export function emitFactories(view: TsView, options: VitestEmitOptions): string {
  const imports = new TsImports();
  imports.value('@faker-js/faker', fakerImport(options.fakerLocale));
  imports.type(options.clientImport, 'Prisma');
  const ctx: Context = { view, imports, helpers: new Set(), client: options.clientImport };
  const models = view.models.map((m) => emitModel(m, ctx));

  const blocks = [
    header(options, 'factories for the Prisma models', EDIT_IN_REGIONS),
    lineComment(
      `Factories for the models of ${options.source}, parents first. \`build<Model>()\` returns the data ` +
        'of a new row: realistic values, and a nested create for each required parent. ' +
        '`create<Model>(db)` inserts one row and `create<Model>List(db, n)` several. Overrides set any ' +
        'field; a parent passed as a row is connected, a list of rows linked. Unique values carry the ' +
        'vitest worker and a sequence number, so they never collide within a run or across workers.',
    ),
    imports.render(),
    userSection(TYPESCRIPT, 'imports', 'Your own imports and helpers.'),
    [
      `/** This vitest worker's number (1, 2, ...), which unique values carry so workers never collide. */`,
      'export const WORKER = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0);',
      'let sequence = 0;',
    ].join('\n'),
    `/** The next number of the sequence that keeps unique values unique within this worker. */
export function nextSequence(): number {
  sequence += 1;
  return sequence;
}`,
    `/** Seeds faker, so a test's generated values repeat from run to run (the \`db\` fixture calls it). */
export function seedFaker(seed: number): void {
  faker.seed(seed);
}`,
    ...(Object.keys(HELPERS) as Helper[]).filter((h) => ctx.helpers.has(h)).map((h) => HELPERS[h]),
    ...models,
    userSection(TYPESCRIPT, 'factories', 'Your own factories, e.g. variants: (o) => buildUser({ name: "Ada", ...o }).'),
  ];
  return stampChecksum(joinBlocks(blocks));
}

/** What emitting one model needs besides the model: the view, and what the file collects. */
interface Context {
  view: TsView;
  imports: TsImports;
  helpers: Set<Helper>;
  /** The module of the user's generated Prisma Client. */
  client: string;
}

/** The relations type, overrides type, build, create and createList of one model. */
function emitModel(m: ModelView, ctx: Context): string {
  ctx.imports.type(ctx.client, modelImport(m));
  for (const p of m.parents) ctx.imports.type(ctx.client, modelImport(p.target));
  for (const l of m.lists) ctx.imports.type(ctx.client, modelImport(l.target));
  const blocks = [relationsType(m), overridesType(m), buildFunction(m, ctx), createFunction(m), createListFunction(m)];
  return blocks.filter((b) => b !== '').join('\n\n');
}

/** `User`, or `Date as DateRow` for a model imported under an alias. */
export function modelImport(m: ModelView): string {
  return m.typeName === m.model.name ? m.model.name : `${m.model.name} as ${m.typeName}`;
}

/** The name of the `<Model>Relations` interface. */
function relationsName(m: ModelView): string {
  return m.overrides.replace(/Overrides$/, 'Relations');
}

/** The relations that also accept rows; empty when the model has none. */
function relationsType(m: ModelView): string {
  if (m.parents.length === 0 && m.lists.length === 0) return '';
  const input = `Prisma.${m.model.name}CreateInput`;
  const members = [
    ...m.parents.map((p) => unionMember(`${propertyKey(p.field)}${p.strategy === 'given' ? '' : '?'}`, [`${input}[${tsStr(p.field)}]`, p.target.typeName])),
    ...m.lists.map((l) => unionMember(`${propertyKey(l.field)}?`, [`${input}[${tsStr(l.field)}]`, `${l.target.typeName}[]`])),
  ];
  return [
    docComment(`Relations of \`${m.model.name}\` that also accept rows: a parent to connect, or a list of rows to link.`),
    `export interface ${relationsName(m)} {`,
    ...members,
    '}',
  ].join('\n');
}

/** An interface member typed with a union, one alternative per line when it is too long. */
function unionMember(name: string, types: string[]): string {
  const one = `  ${name}: ${types.join(' | ')};`;
  if (one.length <= 100) return one;
  return `  ${name}:\n${types.map((t) => `    | ${t}`).join('\n')};`;
}

/** `<Model>Overrides`: every field of the create input is optional; relations also take rows. */
function overridesType(m: ModelView): string {
  const input = `Prisma.${m.model.name}CreateInput`;
  const doc = docComment(`What \`${m.build}\` and \`${m.create}\` accept: any field of the create input; relations also as rows.`);
  if (m.parents.length === 0 && m.lists.length === 0) return `${doc}\nexport type ${m.overrides} = Partial<${input}>;`;
  const relations = relationsName(m);
  const omit = `Omit<Partial<${input}>, keyof ${relations}>`;
  const head = `export type ${m.overrides} = `;
  const one = `${head}${omit} & ${relations};`;
  if (one.length <= 100) return `${doc}\n${one}`;
  if (`${head}${omit} &`.length <= 100) return `${doc}\n${head}${omit} &\n  ${relations};`;
  return `${doc}\n${head}Omit<\n  Partial<${input}>,\n  keyof ${relations}\n> &\n  ${relations};`;
}

/** What a parent relation holds by default, for the build function's doc comment. */
function describeParents(m: ModelView): string {
  const parts = m.parents.map((p) => {
    switch (p.strategy) {
      case 'create':
        return `a new \`${p.target.model.name}\` as \`${p.field}\` unless one is passed`;
      case 'given':
        return `\`${p.field}\` must be passed`;
      case 'optional':
        return `\`${p.field}\` is left empty unless passed`;
    }
  });
  return parts.length === 0 ? '' : ` ${upperFirstSentence(parts.join('; '))}.`;
}

/** Capitalizes the first letter of a sentence that does not start with code. */
function upperFirstSentence(s: string): string {
  return s.startsWith('`') ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/** `build<Model>`: generated values, then the user's section, then the overrides. */
function buildFunction(m: ModelView, ctx: Context): string {
  const input = `Prisma.${m.model.name}CreateInput`;
  const entries: string[] = [];
  for (const s of m.scalars) {
    const enumView = s.column.enumName === null ? null : (ctx.view.enums.get(s.column.enumName) ?? null);
    const e = expressionFor(s.plan.value, s.column.name, enumView);
    e.helpers.forEach((h) => ctx.helpers.add(h));
    e.enums.forEach((name) => ctx.imports.value(ctx.client, enumImport(ctx.view, name)));
    if (e.code !== null) entries.push(`${propertyKey(s.field)}: ${e.code}`);
    else if (s.plan.required) entries.push(`// ${s.field}: required, but no value can be generated; pass it in the overrides`);
  }
  const required = m.parents.filter((p) => p.strategy !== 'optional');
  for (const p of required) entries.push(`${propertyKey(p.field)}: ${toParentInput(p)}`);

  const destructured = [
    ...m.parents.map((p) => destructure(p.field, p.local, p.strategy === 'create' ? `{ create: ${p.target.build}() }` : null)),
    ...m.lists.map((l) => destructure(l.field, l.local, null)),
  ];
  const hasRelations = destructured.length > 0;
  const lines: string[] = [
    docComment(`The data of a new \`${m.model.name}\` row, with realistic values.${describeParents(m)}`),
    parameterList('', `export function ${m.build}`, [`overrides: ${m.overrides}${m.needsParents ? '' : ' = {}'}`], `: ${input} {`),
  ];
  if (hasRelations) lines.push(destructureStatement(destructured));
  lines.push(`  const data: ${input} = ${objectLiteral(entries, '  ', `  const data: ${input} = `.length)};`);
  const example = m.scalars.find((s) => s.plan.value.kind === 'text');
  const withExample = example && `Change generated values here, e.g. data.${example.field} = '...'; the overrides below still win.`;
  const hint = withExample && withExample.length <= 95 ? withExample : 'Change generated values here; the overrides below still win.';
  lines.push(userSection(TYPESCRIPT, m.build, hint, '  '));
  for (const p of m.parents.filter((x) => x.strategy === 'optional')) {
    lines.push(`  if (${p.local} !== undefined) {`, layoutAssignment('    ', member('data', p.field), toParentInput(p)), '  }');
  }
  for (const l of m.lists) lines.push(...linkList(l));
  lines.push(`  return { ...data, ...${hasRelations ? 'fields' : 'overrides'} };`, '}');
  return lines.join('\n');
}

/** `Role`, or `Role as RoleEnum` for an enum imported under an alias. */
export function enumImport(view: TsView, typeName: string): string {
  const e = [...view.enums.values()].find((x) => x.typeName === typeName);
  const name = e?.enum.className ?? typeName;
  return name === typeName ? name : `${name} as ${typeName}`;
}

/** A required parent: the row passed in is connected; a nested input is used as it is. */
function toParentInput(p: ParentView): string {
  return `${tsStr(p.rowKey)} in ${p.local} ? { connect: ${p.where(p.local)} } : ${p.local}`;
}

/** One entry of the destructuring of `overrides`: `author`, `author = {...}`, `class: classInput`. */
function destructure(field: string, local: string, fallback: string | null): string {
  const binding = field === local ? field : `${propertyKey(field)}: ${local}`;
  return fallback === null ? binding : `${binding} = ${fallback}`;
}

/** `const { a, b, ...fields } = overrides;`, wrapped one binding per line when too long. */
function destructureStatement(bindings: string[]): string {
  const all = [...bindings, '...fields'];
  const one = `  const { ${all.join(', ')} } = overrides;`;
  if (one.length <= 100) return one;
  // A rest element takes no trailing comma.
  return `  const {\n${all.map((b) => `    ${b}`).join(',\n')}\n  } = overrides;`;
}

/** The statement that turns a list of rows into a `connect` list. */
function linkList(l: ListView): string[] {
  const where = listWhere(l);
  return [
    `  if (${l.local} !== undefined) {`,
    layoutAssignment('    ', member('data', l.field), `Array.isArray(${l.local}) ? { connect: ${l.local}.map((row) => (${where})) } : ${l.local}`),
    '  }',
  ];
}

/** `{ id: row.id }`: implicit many-to-many relations always connect by the target's single id. */
function listWhere(l: ListView): string {
  const id = l.target.table.primaryKey[0];
  const field = l.target.table.columns.find((c) => c.name === id)?.attribute ?? id;
  return `{ ${propertyKey(field)}: row.${field} }`;
}

/** `create<Model>`: inserts the built data. */
function createFunction(m: ModelView): string {
  return [
    docComment(`Inserts a \`${m.model.name}\` (and the new parents its data holds) and returns it.`),
    parameterList(
      '',
      `export function ${m.create}`,
      ['db: Prisma.TransactionClient', `overrides: ${m.overrides}${m.needsParents ? '' : ' = {}'}`],
      `: Promise<${m.typeName}> {`,
    ),
    layoutStatement('  ', `return db.${m.delegate}.create({ data: ${m.build}(overrides) })`),
    '}',
  ].join('\n');
}

/** `create<Model>List`: inserts rows one after another; overrides may depend on the index. */
function createListFunction(m: ModelView): string {
  const fallback = m.needsParents ? '' : ' = {}';
  let overrides = `overrides: ${m.overrides} | ((index: number) => ${m.overrides})${fallback}`;
  // A union parameter too long for its line gets one alternative per line.
  if (`  ${overrides},`.length > 100) {
    overrides = `overrides:\n    | ${m.overrides}\n    | ((index: number) => ${m.overrides})${fallback}`;
  }
  return [
    docComment(`Inserts \`count\` \`${m.model.name}\` rows one after another; \`overrides\` may depend on the row's index.`),
    parameterList('', `export async function ${m.createList}`, ['db: Prisma.TransactionClient', 'count: number', overrides], `: Promise<${m.typeName}[]> {`),
    `  const rows: ${m.typeName}[] = [];`,
    '  for (let index = 0; index < count; index++) {',
    "    const given = typeof overrides === 'function' ? overrides(index) : overrides;",
    `    rows.push(await ${m.create}(db, given));`,
    '  }',
    '  return rows;',
    '}',
  ].join('\n');
}
