// The Prisma schema reader: one `schema.prisma` or a folder of `.prisma` files (Prisma's
// prismaSchemaFolder) read as one schema. Passes: parse every file into blocks, read the datasource,
// declare every block name, read enums, then models, then relations (which need every model).
// Never throws; problems become diagnostics and the rest of the schema is still read.

import type { Assignment, Datasource, Generator } from '@mrleebo/prisma-ast';
import type { Diagnostic, ReadResult, Schema, SqlDialect } from '../../ir';
import { emptySchema } from '../../build';
import type { DecodedFile } from '../../source';
import { stringValue } from './ast';
import { offsetOf, report, type ReaderContext } from './context';
import { readEnum } from './enums';
import { readModel } from './models';
import { parsePrismaFile, type BlockKind, type ParsedBlock } from './parse';
import { readRelations } from './relations';

/** Reads a Prisma schema (one file or a multi-file folder). */
export async function readPrisma(files: DecodedFile[]): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const blocks: ParsedBlock[] = [];
  const broken = new Map<string, BlockKind>();
  let emptyFiles = 0;
  for (const file of files) {
    const parsed = parsePrismaFile(file);
    diagnostics.push(...parsed.diagnostics);
    blocks.push(...parsed.blocks);
    for (const b of parsed.broken) broken.set(b.name, b.kind);
    if (parsed.empty) {
      emptyFiles++;
      diagnostics.push(fileDiagnostic(file.path, 'warning', 'this Prisma file is empty: it declares no datasource, model or enum', 'prisma/empty'));
    }
  }
  const ctx: ReaderContext = {
    dialect: 'postgresql',
    provider: null,
    logicalForeignKeys: false,
    models: new Map(),
    enums: new Map(),
    declared: new Map(),
    broken,
    diagnostics,
  };
  const schema = emptySchema('prisma', 'postgresql');
  readDatasource(ctx, schema, blocks);
  readBlocks(ctx, schema, declareBlocks(ctx, blocks));
  if (files.length === 0) {
    diagnostics.push(fileDiagnostic('.', 'warning', 'no .prisma file found; point fixture-scaffold at schema.prisma or its folder', 'prisma/empty'));
  } else if (schema.models.length === 0 && emptyFiles < files.length && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(fileDiagnostic(files[0].path, 'warning', 'the schema declares no model: there are no tables to generate fixtures for', 'prisma/no-models'));
  }
  return { schema, diagnostics };
}

/** A diagnostic about a whole file, at its start. */
function fileDiagnostic(file: string, severity: Diagnostic['severity'], message: string, code: string): Diagnostic {
  return { severity, message, file, line: 1, column: 1, code };
}

/** Provider names Prisma accepts for SQL databases, and the dialect each is read as. */
const PROVIDERS: Readonly<Record<string, SqlDialect>> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  cockroachdb: 'postgresql',
  mysql: 'mysql',
  sqlite: 'sqlite',
};

/**
 * Reads the datasource (provider, relation mode) and generators into the context and `schema.meta`.
 * Without a datasource the schema is read as PostgreSQL.
 */
function readDatasource(ctx: ReaderContext, schema: Schema, blocks: ParsedBlock[]): void {
  const sources = blocks.filter((b) => b.node.type === 'datasource');
  for (const extra of sources.slice(1)) {
    report(ctx, extra, extra.node, 'error', 'a Prisma schema has one datasource block; remove this one — it is ignored', 'prisma/datasource');
  }
  const source = sources[0];
  const generators = blocks.flatMap((b) => (b.node.type === 'generator' ? [b.node] : []));
  if (generators.length > 0) schema.meta.prismaGenerators = generators.map(generatorMeta);
  if (!source) {
    if (blocks.some((b) => b.node.type === 'model')) {
      ctx.diagnostics.push(fileDiagnostic(blocks[0].file.path, 'info', 'no datasource block: the schema is read as PostgreSQL', 'prisma/datasource'));
    }
    return;
  }
  const node = source.node as Datasource;
  const provider = assignment(node, 'provider');
  ctx.provider = provider ? stringValue(provider.value) : null;
  const dialect = ctx.provider === null ? undefined : PROVIDERS[ctx.provider];
  if (dialect) {
    ctx.dialect = dialect;
  } else {
    const message =
      ctx.provider === 'mongodb'
        ? 'MongoDB is not a SQL database: models are read as tables and relations as foreign keys, as if it were PostgreSQL'
        : `provider ${ctx.provider === null ? 'is missing' : `"${ctx.provider}" is not supported`}: the schema is read as PostgreSQL`;
    report(ctx, source, provider ?? node, 'info', message, 'prisma/provider');
  }
  schema.dialect = ctx.dialect;
  const mode = assignment(node, 'relationMode') ?? assignment(node, 'referentialIntegrity');
  const modeValue = mode ? stringValue(mode.value) : null;
  if (modeValue === 'prisma' || modeValue === 'foreignKeys') schema.meta.prismaRelationMode = modeValue;
  ctx.logicalForeignKeys = modeValue === 'prisma';
}

/** The `key = value` assignment of a datasource or generator block. */
function assignment(node: Datasource | Generator, key: string): Assignment | undefined {
  return node.assignments.find((a): a is Assignment => a.type === 'assignment' && a.key === key);
}

/** What emitters need of a generator: where and how Prisma Client is generated. */
function generatorMeta(node: Generator): { name: string; provider: string | null; output: string | null } {
  const value = (key: string) => {
    const a = assignment(node, key);
    return a ? stringValue(a.value) : null;
  };
  return { name: node.name, provider: value('provider'), output: value('output') };
}

/**
 * Records every model, enum, view and type name (the first declaration wins; later ones are
 * reported) and returns the blocks to read, in declaration order.
 */
function declareBlocks(ctx: ReaderContext, blocks: ParsedBlock[]): ParsedBlock[] {
  const first = new Map<string, ParsedBlock>();
  const kept: ParsedBlock[] = [];
  for (const block of blocks) {
    const { node } = block;
    if (node.type === 'datasource' || node.type === 'generator') continue;
    const earlier = first.get(node.name);
    if (earlier) {
      const where = earlier.file.lines.position(offsetOf(earlier.node));
      report(ctx, block, node, 'error', `"${node.name}" is already declared (first at ${earlier.file.path}:${where.line}); rename one — this ${node.type} is ignored`, 'prisma/duplicate');
      continue;
    }
    first.set(node.name, block);
    ctx.declared.set(node.name, node.type);
    kept.push(block);
  }
  return kept;
}

/** Reads enums first (models use them), then models, then relations; views and types are no tables. */
function readBlocks(ctx: ReaderContext, schema: Schema, blocks: ParsedBlock[]): void {
  for (const block of blocks) {
    if (block.node.type !== 'enum') continue;
    const info = readEnum(block, block.node, ctx.dialect);
    ctx.enums.set(block.node.name, info);
    schema.enums.push(info.type);
  }
  for (const block of blocks) {
    const { node } = block;
    if (node.type === 'model') {
      const info = readModel(ctx, block, node);
      ctx.models.set(node.name, info);
      schema.tables.push(info.table);
      schema.models.push(info.model);
    } else if (node.type === 'view') {
      report(ctx, block, node, 'info', `view "${node.name}" is not a table: no fixtures are generated for it`, 'prisma/view');
    } else if (node.type === 'type') {
      report(ctx, block, node, 'info', `composite type "${node.name}" is embedded in documents, not a table: fields of this type are read as JSON`, 'prisma/type');
    }
  }
  schema.tables.push(...readRelations(ctx));
}
