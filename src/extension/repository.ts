// The schema repository: every read of a schema the editor shows, cached per input and per open
// document version, invalidated by editor and file events, plus the drift of the generated
// factories file against the schema. Views and providers only look things up here; the reading
// itself is the core's (`readSchema`, `analyze`, `checkDrift`), fed by the node layer the CLI uses.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { analyze, readSchema, type Analysis, type Diagnostic, type Schema, type SourceFile } from '../core';
import { checkDrift, type DriftItem } from '../core/drift';
import { looksLikeSchema, readGeneratedHeader, schemaFileKind } from '../core/sniff';
import { prepareJob } from '../node/generate-job';
import { collectInputs } from '../node/inputs';
import { readHead } from './read-head';
import { readSettings } from './config';
import { documentScope, jobOptions, modelsModuleFor, scopeContains, scopeOf, type Scope } from './inputs';

/** A model or table defined on a line: where code actions are offered. */
export interface Anchor {
  /** The model's class name, or the table's name when no model maps it (SQL). */
  name: string;
  table: string;
  kind: 'model' | 'table';
  /** 0-based line. */
  line: number;
}

/** One read of a schema input. */
export interface Snapshot {
  scope: Scope;
  schema: Schema;
  analysis: Analysis;
  /** The readers' and the analysis' diagnostics, paths relative to `scope.cwd`. */
  diagnostics: Diagnostic[];
  /** Problems collecting the input (a missing path...). */
  problems: string[];
  /** Absolute paths of the files read. */
  files: string[];
  /** Versions of the open documents whose text was read, by URI. */
  versions: Map<string, number>;
  /** Models and tables by absolute file path and 0-based line. */
  anchors: Map<string, Map<number, Anchor[]>>;
  /** How long reading and analysing took, in milliseconds. */
  readMs: number;
}

/** The drift of a workspace folder's generated factories file. */
export interface DriftState {
  folder: vscode.WorkspaceFolder;
  scope: Scope;
  factories: vscode.Uri;
  /** `tests/factories.py`, as titles show it. */
  factoriesLabel: string;
  items: DriftItem[];
  /** Drift items by model name. */
  byModel: Map<string, DriftItem>;
  /** Why the file could not be checked (the schema has errors...). */
  problems: string[];
}

interface Entry {
  snapshot?: Snapshot;
  pending?: Promise<Snapshot>;
  stale: boolean;
}

/** Folders never searched for schemas. */
const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,.env,__pycache__,.tox,.nox,site-packages,dist,build,.mypy_cache,.pytest_cache}/**';
/** How many candidate files discovery looks at, and how much of each. */
const DISCOVERY_LIMIT = 2000;
const SNIFF_BYTES = 256 * 1024;
/** The header of a generated file is in its first lines. */
const HEADER_BYTES = 4096;
/** Quiet time after the last keystroke before a changed schema is read again. */
const REREAD_DELAY_MS = 300;

export class SchemaRepository implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly documentScopes = new Map<string, Scope>();
  private readonly workspaceScopes = new Map<string, Promise<Scope | null>>();
  private readonly drifts = new Map<string, DriftState>();
  private readonly sniffs = new Map<string, { version: number; schema: boolean }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly snapshotEmitter = new vscode.EventEmitter<Snapshot>();
  private readonly driftEmitter = new vscode.EventEmitter<vscode.WorkspaceFolder>();
  private readonly workspaceEmitter = new vscode.EventEmitter<void>();
  /** A schema was read again. */
  readonly onDidChangeSnapshot = this.snapshotEmitter.event;
  /** The drift of a folder was checked again (or cleared). */
  readonly onDidChangeDrift = this.driftEmitter.event;
  /** The workspace schema may have changed: a setting, a new file, a save. */
  readonly onDidChangeWorkspace = this.workspaceEmitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Whether a document is a schema file whose text looks like a schema (cached per version). */
  isSchemaDocument(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file' || schemaFileKind(document.fileName) === null || schemaFileKind(document.fileName) === 'alembic') return false;
    const key = document.uri.toString();
    const cached = this.sniffs.get(key);
    if (cached?.version === document.version) return cached.schema;
    const schema = looksLikeSchema(document.fileName, document.getText());
    this.sniffs.set(key, { version: document.version, schema });
    return schema;
  }

  /** The snapshot of a document's schema if it is fresh for the document's version, without waiting. */
  cachedForDocument(document: vscode.TextDocument): Snapshot | undefined {
    const scope = this.documentScopes.get(document.uri.toString());
    const entry = scope && this.entries.get(scope.key);
    if (!entry?.snapshot || entry.stale) return undefined;
    return entry.snapshot.versions.get(document.uri.toString()) === document.version ? entry.snapshot : undefined;
  }

  /** The schema a document belongs to, read for its current text; null for other documents. */
  async snapshotForDocument(document: vscode.TextDocument): Promise<Snapshot | null> {
    if (!this.isSchemaDocument(document)) return null;
    const key = document.uri.toString();
    let scope = this.documentScopes.get(key) ?? (await this.scopeForFile(document.uri.fsPath));
    this.documentScopes.set(key, scope);
    let snapshot = await this.read(scope);
    if (needsItsPackage(snapshot, document.uri.fsPath)) {
      scope = scopeOf(path.dirname(document.uri.fsPath), scope.cwd);
      this.documentScopes.set(key, scope);
      snapshot = await this.read(scope);
    }
    // A read already under way when the document changed saw older text: read once more.
    if (snapshot.versions.get(key) !== document.version) snapshot = await this.read(scope);
    return snapshot;
  }

  /** The workspace folder's schema: the `schemaPath` setting, the generated files' source, or a discovered one. */
  async workspaceSnapshot(folder: vscode.WorkspaceFolder): Promise<Snapshot | null> {
    const scope = await this.workspaceScope(folder);
    return scope ? this.read(scope) : null;
  }

  /** Reads any scope (publishing its diagnostics), e.g. the input of a generation that failed. */
  readScope(scope: Scope): Promise<Snapshot> {
    return this.read(scope);
  }

  /** The first workspace folder with a schema, and its snapshot. */
  async firstWorkspaceSnapshot(): Promise<Snapshot | null> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const snapshot = await this.workspaceSnapshot(folder);
      if (snapshot) return snapshot;
    }
    return null;
  }

  /** The schema input of a workspace folder (cached until settings or files change). */
  workspaceScope(folder: vscode.WorkspaceFolder): Promise<Scope | null> {
    const key = folder.uri.toString();
    let scope = this.workspaceScopes.get(key);
    if (!scope) {
      scope = findWorkspaceScope(folder, this.log);
      this.workspaceScopes.set(key, scope);
    }
    return scope;
  }

  /** The last drift check of a folder, without waiting. */
  cachedDrift(folder: vscode.WorkspaceFolder): DriftState | undefined {
    return this.drifts.get(folder.uri.toString());
  }

  /**
   * Compares the folder's generated factories file (if there is one) with its schema as saved on
   * disk, with the settings a regeneration would use, and announces the result.
   */
  async refreshDrift(folder: vscode.WorkspaceFolder): Promise<DriftState | undefined> {
    const key = folder.uri.toString();
    const state = await this.checkFolderDrift(folder).catch((error: unknown) => {
      this.log.error(`drift check of ${folder.name} failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
      return undefined;
    });
    if (state) this.drifts.set(key, state);
    else this.drifts.delete(key);
    this.driftEmitter.fire(folder);
    return state;
  }

  /** Forgets cached reads of a changed file, and re-reads the open schemas it belongs to soon. */
  invalidate(file: string): void {
    for (const [key, entry] of this.entries) {
      const scope = entry.snapshot?.scope;
      if (!scope || !(entry.snapshot!.files.includes(file) || scopeContains(scope, file))) continue;
      entry.stale = true;
      this.scheduleReread(key, scope);
    }
  }

  /** Forgets which input each folder and document belongs to (settings or generated files changed). */
  resetScopes(): void {
    this.workspaceScopes.clear();
    this.documentScopes.clear();
    for (const entry of this.entries.values()) entry.stale = true;
    this.workspaceEmitter.fire();
  }

  /** Reads the schemas of documents already open at activation, and checks their drift. */
  warm(documents: readonly vscode.TextDocument[]): void {
    for (const document of documents) this.onOpened(document);
  }

  /** Subscribes to the editor and file events that invalidate the caches. */
  listen(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.py,*.sql,*.prisma,alembic.ini}');
    const onDisk = (uri: vscode.Uri) => this.onFileChanged(uri.fsPath);
    return vscode.Disposable.from(
      watcher,
      watcher.onDidChange(onDisk),
      watcher.onDidCreate((uri) => this.onFileCreatedOrDeleted(uri.fsPath)),
      watcher.onDidDelete((uri) => this.onFileCreatedOrDeleted(uri.fsPath)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.isSchemaDocument(e.document)) this.invalidate(e.document.uri.fsPath);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.onSaved(document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.onOpened(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.sniffs.delete(document.uri.toString())),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.snapshotEmitter.dispose();
    this.driftEmitter.dispose();
    this.workspaceEmitter.dispose();
  }

  /** Reads a scope once at a time; a read that is fresh is returned as is. */
  private read(scope: Scope): Promise<Snapshot> {
    let entry = this.entries.get(scope.key);
    if (!entry) {
      entry = { stale: true };
      this.entries.set(scope.key, entry);
    }
    if (entry.snapshot && !entry.stale) return Promise.resolve(entry.snapshot);
    if (entry.pending) return entry.pending;
    const current = entry;
    current.stale = false;
    current.pending = loadSnapshot(scope).then(
      (snapshot) => {
        current.snapshot = snapshot;
        current.pending = undefined;
        this.log.debug(`read ${scope.input}: ${snapshot.schema.tables.length} tables, ${snapshot.diagnostics.length} diagnostics in ${snapshot.readMs.toFixed(0)} ms`);
        this.snapshotEmitter.fire(snapshot);
        return snapshot;
      },
      (error: unknown) => {
        current.pending = undefined;
        current.stale = true;
        throw error;
      },
    );
    return current.pending;
  }

  /** Re-reads a stale scope after a quiet period, if anything still shows it. */
  private scheduleReread(key: string, scope: Scope): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.read(scope).catch((error: unknown) => this.log.error(`reading ${scope.input} failed:`, String(error)));
      }, REREAD_DELAY_MS),
    );
  }

  /** The workspace schema when it holds the file, else the file's own scope. */
  private async scopeForFile(file: string): Promise<Scope> {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    const workspace = folder ? await this.workspaceScope(folder) : null;
    return workspace && scopeContains(workspace, file) ? workspace : documentScope(file);
  }

  /** A file changed on disk (saved here, or by another tool): re-read it, re-check drift if it matters. */
  private onFileChanged(file: string): void {
    this.invalidate(file);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    if (!document?.isDirty) void this.driftIfRelevant(vscode.Uri.file(file));
  }

  private onFileCreatedOrDeleted(file: string): void {
    this.invalidate(file);
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    if (folder) this.workspaceScopes.delete(folder.uri.toString());
    this.workspaceEmitter.fire();
  }

  /** On open: warm the document's schema for code actions, and check drift if it concerns the factories. */
  private onOpened(document: vscode.TextDocument): void {
    if (this.isSchemaDocument(document)) {
      this.snapshotForDocument(document).catch((error: unknown) => this.log.error(`reading ${document.fileName} failed:`, String(error)));
    }
    void this.driftIfRelevant(document.uri);
  }

  /** On save: a generated factories file may name a new source; drift is checked again. */
  private onSaved(document: vscode.TextDocument): void {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (folder && isFactoriesFile(folder, document.uri.fsPath)) this.workspaceScopes.delete(folder.uri.toString());
    this.workspaceEmitter.fire();
    void this.driftIfRelevant(document.uri);
  }

  /** Checks drift soon when the file is the folder's factories file or part of its schema. */
  private async driftIfRelevant(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== 'file') return;
    const file = uri.fsPath;
    if (!isFactoriesFile(folder, file)) {
      if (schemaFileKind(file) === null || !fs.existsSync(factoriesPath(folder))) return;
      const scope = await this.workspaceScope(folder);
      if (!scope || !scopeContains(scope, file)) return;
    }
    // One check for a burst of events (a save is also a change on disk; generating writes several files).
    const key = `drift\u0000${folder.uri.toString()}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refreshDrift(folder);
      }, REREAD_DELAY_MS),
    );
  }

  private async checkFolderDrift(folder: vscode.WorkspaceFolder): Promise<DriftState | undefined> {
    const settings = readSettings(folder.uri);
    const file = factoriesPath(folder);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    const text = open ? open.getText() : fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (text === null || !readGeneratedHeader(text)?.stamped) return undefined;
    const scope = await this.workspaceScope(folder);
    if (!scope) return undefined;
    const { module } = modelsModuleFor(scope, settings.modelsModule);
    const job = await prepareJob(jobOptions(scope, settings, 'factories', module));
    const base = { folder, scope, factories: vscode.Uri.file(file), factoriesLabel: `${settings.outputFolder}/factories.py` };
    if (!job.python) {
      const problems = [...job.inputProblems, ...job.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)];
      return { ...base, items: [], byModel: new Map(), problems };
    }
    const result = checkDrift(job.schema, job.analysis, text, job.python);
    this.log.info(`drift check of ${base.factoriesLabel} against ${scope.input}: ${result.items.length} item(s)`);
    return { ...base, items: result.items, byModel: new Map(result.items.map((i) => [i.model, i])), problems: result.problems };
  }
}

/** Where a folder's generated factories file is, by the settings. */
export function factoriesPath(folder: vscode.WorkspaceFolder): string {
  return path.join(folder.uri.fsPath, readSettings(folder.uri).outputFolder, 'factories.py');
}

/** Whether `file` is the generated factories file of `folder`. */
function isFactoriesFile(folder: vscode.WorkspaceFolder, file: string): boolean {
  return path.resolve(file) === path.resolve(factoriesPath(folder));
}

/** A Python file read alone found no models but says they come from elsewhere (a shared base). */
function needsItsPackage(snapshot: Snapshot, file: string): boolean {
  return (
    snapshot.scope.absolute === file &&
    file.endsWith('.py') &&
    snapshot.schema.models.length === 0 &&
    snapshot.diagnostics.some((d) => d.code === 'python/no-models')
  );
}

/** Reads a scope: files from disk, except open documents, whose current text is used. */
async function loadSnapshot(scope: Scope): Promise<Snapshot> {
  const started = performance.now();
  const input = collectInputs(scope.input, scope.cwd);
  const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
  const versions = new Map<string, number>();
  const files: string[] = [];
  const sources: SourceFile[] = input.files.map((f) => {
    const absolute = path.resolve(scope.cwd, f.path);
    files.push(absolute);
    const document = open.get(absolute);
    if (!document) return f;
    versions.set(document.uri.toString(), document.version);
    return document.isDirty ? { path: f.path, text: document.getText() } : f;
  });
  const read = await readSchema(sources, { format: scope.format });
  const analysis = analyze(read.schema);
  return {
    scope,
    schema: read.schema,
    analysis,
    diagnostics: [...read.diagnostics, ...analysis.diagnostics],
    problems: input.problems,
    files,
    versions,
    anchors: anchorsOf(read.schema, scope.cwd),
    readMs: performance.now() - started,
  };
}

/** Where each model (or, for tables no model maps, each table) is defined. */
function anchorsOf(schema: Schema, cwd: string): Map<string, Map<number, Anchor[]>> {
  const out = new Map<string, Map<number, Anchor[]>>();
  const add = (file: string, line: number, anchor: Omit<Anchor, 'line'>) => {
    const absolute = path.resolve(cwd, file);
    const lines = out.get(absolute) ?? new Map<number, Anchor[]>();
    out.set(absolute, lines);
    const list = lines.get(line - 1) ?? [];
    list.push({ ...anchor, line: line - 1 });
    lines.set(line - 1, list);
  };
  for (const m of schema.models) add(m.location.file, m.location.line, { name: m.name, table: m.table, kind: 'model' });
  const mapped = new Set(schema.models.map((m) => m.table));
  for (const t of schema.tables) {
    if (!mapped.has(t.name)) add(t.location.file, t.location.line, { name: t.model ?? t.name, table: t.name, kind: 'table' });
  }
  return out;
}

/** The workspace folder's schema input: the setting, the generated files' header, or a discovered file. */
async function findWorkspaceScope(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<Scope | null> {
  const root = folder.uri.fsPath;
  const settings = readSettings(folder.uri);
  if (settings.schemaPath !== '') {
    const absolute = path.resolve(root, settings.schemaPath);
    if (fs.existsSync(absolute)) return scopeOf(absolute, root);
    log.warn(`fixtureScaffold.schemaPath: ${settings.schemaPath} does not exist in ${folder.name}`);
    return null;
  }
  const fromHeader = generatedSource(root, settings.outputFolder);
  if (fromHeader) return scopeOf(fromHeader, root);
  const discovered = await discoverSchema(folder, settings.outputFolder);
  if (discovered) log.info(`schema of ${folder.name}: ${path.relative(root, discovered) || '.'} (discovered; set fixtureScaffold.schemaPath to choose another)`);
  return discovered ? scopeOf(discovered, root) : null;
}

/** The source named by the header of the folder's generated factories file, when it exists. */
function generatedSource(root: string, outputFolder: string): string | null {
  for (const name of ['factories.py', 'factories.ts']) {
    const file = path.join(root, outputFolder, name);
    if (!fs.existsSync(file)) continue;
    const header = readGeneratedHeader(readHead(file, HEADER_BYTES));
    const source = header ? path.resolve(root, header.source) : null;
    if (source && fs.existsSync(source)) return source;
  }
  return null;
}

/**
 * Finds a schema in a folder: a Prisma schema first, then the shallowest Python models file, then
 * the shallowest SQL file with tables. Generated files (in the output folder) never count.
 */
async function discoverSchema(folder: vscode.WorkspaceFolder, outputFolder: string): Promise<string | null> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{prisma,py,sql}'), EXCLUDE, DISCOVERY_LIMIT);
  const output = path.join(folder.uri.fsPath, outputFolder) + path.sep;
  const files = uris.map((u) => u.fsPath).filter((f) => !f.startsWith(output));
  const depth = (f: string) => f.split(path.sep).length;
  files.sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const kind of ['prisma', 'python', 'sql'] as const) {
    for (const file of files) {
      if (schemaFileKind(file) === kind && looksLikeSchema(file, readHead(file, SNIFF_BYTES))) return file;
    }
  }
  return null;
}
