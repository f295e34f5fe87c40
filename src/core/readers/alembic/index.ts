// The Alembic reader: a migration history read statically into the schema it leaves at its heads.
//   1. `ini.ts` finds the migrations through alembic.ini (`script_location`, `version_locations`)
//      and the dialect through `sqlalchemy.url`; without an ini, the given .py files are the
//      versions folder;
//   2. `revisions.ts` reads each revision file's identifiers and function bodies (tree-sitter);
//   3. `graph.ts` orders the revisions parents first and reports multiple heads, missing parents
//      and cycles;
//   4. `replay.ts` replays each `upgrade()` onto one catalog (`catalog.ts` records what each
//      revision did), `op.execute` SQL through the SQL reader (`sql.ts`);
//   5. the history (`history.ts`) goes into `schema.meta.alembic` for the migration tests.
// Nothing is imported or executed, so a history with syntax errors still reads up to them.

import type { Diagnostic, ReadResult, Schema, SqlDialect, Table } from '../../ir';
import type { CatalogOptions } from '../../catalog';
import { diagnosticAt, type DecodedFile } from '../../source';
import { pythonParser } from '../python/outline';
import { postgresConstraintName } from '../sql/postgres';
import { ReplayCatalog } from './catalog';
import { targetMetadata, targetMetadataImport } from './env';
import { revisionGraph, type RevisionGraph } from './graph';
import type { AlembicHistory, AlembicRevisionInfo } from './history';
import { isInside, joinPath, readAlembicIni, type AlembicIni } from './ini';
import { replayUpgrade } from './replay';
import { readRevisionFile, type RevisionFile } from './revisions';

/** How each dialect names things (the same rules the SQL reader's catalog follows). */
const DIALECTS: Record<SqlDialect, Omit<CatalogOptions, 'format' | 'dialect'>> = {
  postgresql: { defaultSchema: 'public', tableNamesIgnoreCase: false, columnNamesIgnoreCase: false, implicitConstraintName: postgresConstraintName },
  mysql: { defaultSchema: null, tableNamesIgnoreCase: false, columnNamesIgnoreCase: true },
  sqlite: { defaultSchema: 'main', tableNamesIgnoreCase: true, columnNamesIgnoreCase: true },
};

/** Whether a file is an Alembic project's ini. */
export function isAlembicIni(path: string): boolean {
  return /(^|\/)alembic\.ini$/i.test(path);
}

/** Module-level `revision = ...` and `down_revision = ...`: the mark of a revision file. */
const REVISION_MARKERS = [/^revision\s*(?::[^=\n]*)?=/m, /^down_revision\s*(?::[^=\n]*)?=/m];

/** Whether Python source looks like an Alembic revision file. */
export function looksLikeRevision(text: string): boolean {
  return REVISION_MARKERS.every((re) => re.test(text));
}

/** Reads an Alembic project (alembic.ini + migrations) or a versions folder. */
export async function readAlembic(files: DecodedFile[], options: { dialect?: SqlDialect } = {}): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const iniFile = files.filter((f) => isAlembicIni(f.path)).sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1))[0];
  let ini: AlembicIni | null = null;
  if (iniFile) {
    const read = readAlembicIni(iniFile);
    ini = read.ini;
    diagnostics.push(...read.diagnostics);
  }
  const dialect = options.dialect ?? ini?.dialect ?? 'postgresql';
  const parser = await pythonParser();
  const revisions: RevisionFile[] = [];
  for (const f of revisionCandidates(files, ini)) {
    const r = readRevisionFile(parser, f, diagnostics);
    if (r) revisions.push(r);
  }
  const graph = revisionGraph(revisions);
  diagnostics.push(...graph.diagnostics);

  const catalog = new ReplayCatalog({ format: 'alembic', dialect, ...DIALECTS[dialect] });
  const target = { catalog, diagnostics: [] as Diagnostic[] };
  const infos: AlembicRevisionInfo[] = [];
  for (const rev of graph.order) {
    catalog.beginRevision();
    await replayUpgrade(rev, target, dialect);
    const effects = catalog.endRevision(rev.id);
    infos.push(revisionInfo(rev, effects));
  }
  const schema = catalog.build();
  for (const info of infos) info.before = beforeRevision(info, graph, catalog);
  const env = ini?.scriptLocation ? files.find((f) => f.path === joinPath(ini!.scriptLocation!, 'env.py')) : undefined;
  const metadata = env ? targetMetadata(parser, env) : null;
  const history: AlembicHistory = {
    ini: iniFile?.path ?? null,
    scriptLocation: ini?.scriptLocation ?? null,
    targetMetadata: metadata,
    targetMetadataImport: env && metadata ? targetMetadataImport(env.text, metadata) : null,
    revisions: infos,
    heads: graph.heads,
  };
  schema.meta = { files: graph.order.map((r) => r.outline.file.path), alembic: history };
  if (revisions.length === 0) diagnostics.push(noRevisions(files, ini));
  diagnostics.push(...target.diagnostics, ...catalog.diagnostics);
  return { schema, diagnostics };
}

function depth(path: string): number {
  return path.split('/').length;
}

/**
 * The files that may be revisions: the .py files in the ini's version locations, or, when there
 * is no ini or none of the given files lies there, every .py file given except env.py.
 */
function revisionCandidates(files: DecodedFile[], ini: AlembicIni | null): DecodedFile[] {
  const python = files.filter((f) => f.path.toLowerCase().endsWith('.py'));
  if (ini) {
    const inside = python.filter((f) => ini.versionLocations.some((dir) => isInside(f.path, dir)));
    if (inside.length > 0) return inside;
  }
  return python.filter((f) => !/(^|\/)env\.py$/.test(f.path));
}

function revisionInfo(rev: RevisionFile, effects: AlembicRevisionInfo['effects']): AlembicRevisionInfo {
  return {
    id: rev.id,
    downRevisions: rev.downRevisions,
    branchLabels: rev.branchLabels,
    dependsOn: rev.dependsOn,
    message: rev.message,
    file: rev.outline.file.path,
    line: rev.outline.file.lines.position(rev.idOffset).line,
    effects,
    before: null,
  };
}

/**
 * For a revision that alters existing tables: its ancestors and the schema they leave, cut down to
 * the altered tables and the tables they reference (directly or not), which rows must be written
 * to. The altered tables also get the constraints the revision adds to their existing columns, so
 * rows written before it also satisfy what it enforces (a new foreign key, NOT NULL, UNIQUE,
 * CHECK): a data test must fail for a migration that loses or rejects valid data, not for rows
 * that were never valid under the new schema.
 */
function beforeRevision(info: AlembicRevisionInfo, graph: RevisionGraph, catalog: ReplayCatalog): AlembicRevisionInfo['before'] {
  if (info.effects.altered.length === 0) return null;
  const ancestors = ancestorsOf(info.id, graph);
  const schema: Schema = catalog.rebuild(ancestors);
  const after = catalog.rebuild([...ancestors, info.id]);
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const renamedBack = new Map(Object.entries(info.effects.renamed).map(([from, to]) => [to, from]));
  for (const name of info.effects.altered) {
    const table = byName.get(name);
    const later = after.tables.find((t) => t.name === (info.effects.renamed[name] ?? name));
    if (table && later) strengthen(table, later, (n) => byName.has(renamedBack.get(n) ?? n) ? (renamedBack.get(n) ?? n) : null);
  }
  const keep = new Set<string>();
  const visit = (name: string) => {
    const t = byName.get(name);
    if (!t || keep.has(name)) return;
    keep.add(name);
    for (const fk of t.foreignKeys) visit(fk.refTable);
  };
  info.effects.altered.forEach(visit);
  const tables: Table[] = schema.tables.filter((t) => keep.has(t.name));
  const enums = schema.enums.filter((e) => tables.some((t) => t.columns.some((c) => c.enumName === e.name)));
  return { ancestors, tables, enums };
}

/**
 * Adds to `table` what `later` (the same table after the revision) enforces on columns both have:
 * NOT NULL, foreign keys to tables that exist before (`existing` maps a later table name to its
 * earlier one), unique constraints, and CHECKs that name no column the table does not have yet.
 */
function strengthen(table: Table, later: Table, existing: (name: string) => string | null): void {
  const has = (c: string) => table.columns.some((x) => x.name === c);
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);
  for (const c of table.columns) {
    const l = later.columns.find((x) => x.name === c.name);
    if (l && !l.nullable) c.nullable = false;
  }
  for (const fk of later.foreignKeys) {
    const ref = existing(fk.refTable);
    if (ref === null || !fk.columns.every(has) || table.foreignKeys.some((f) => same(f.columns, fk.columns))) continue;
    table.foreignKeys.push({ ...fk, refTable: ref });
  }
  for (const u of later.uniqueConstraints) {
    if (u.columns.every(has) && !table.uniqueConstraints.some((x) => same(x.columns, u.columns))) table.uniqueConstraints.push(u);
  }
  const missing = later.columns.filter((c) => !has(c.name)).map((c) => new RegExp(`\\b${c.name.replace(/[^\w]/g, '')}\\b`, 'i'));
  for (const check of later.checks) {
    if (!table.checks.some((x) => x.expression === check.expression) && !missing.some((re) => re.test(check.expression))) table.checks.push(check);
  }
}

/** Every revision a revision requires, directly or not, in replay order. */
function ancestorsOf(id: string, graph: RevisionGraph): string[] {
  const found = new Set<string>();
  const pending = [...(graph.requires.get(id) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(graph.requires.get(next) ?? []));
  }
  return graph.order.map((r) => r.id).filter((r) => found.has(r));
}

function noRevisions(files: DecodedFile[], ini: AlembicIni | null): Diagnostic {
  const where = ini?.versionLocations.join(', ') ?? 'the given files';
  const file = files.find((f) => isAlembicIni(f.path)) ?? files[0];
  const message = `no Alembic revision files found in ${where}: expected .py files with \`revision = "..."\` and \`down_revision = ...\`; point fixture-scaffold at the folder holding alembic.ini or at its versions/ folder`;
  return file ? diagnosticAt(file, 0, 'warning', message, 'alembic/no-revisions') : { severity: 'warning', message, file: '.', line: 1, column: 1, code: 'alembic/no-revisions' };
}
