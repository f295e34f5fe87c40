// Problems in the Problems panel: what the readers report about a schema (unknown FK target,
// unbreakable cycle...), and drift between the generated factories file and the schema, shown on
// the model's line and on the factory. Both are published from the repository's events.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Diagnostic } from '../core';
import type { DriftItem } from '../core/drift';
import type { DriftState, SchemaRepository, Snapshot } from './repository';

/** The `source` of every diagnostic we publish; quick fixes look for it. */
export const DIAGNOSTIC_SOURCE = 'Fixture Scaffold';
/** Codes of drift diagnostics start with this. */
export const DRIFT_CODE = 'drift/';

/** Publishes schema and drift diagnostics whenever the repository has new ones. */
export function publishDiagnostics(repository: SchemaRepository): vscode.Disposable {
  const schema = vscode.languages.createDiagnosticCollection('fixture-scaffold');
  const drift = vscode.languages.createDiagnosticCollection('fixture-scaffold-drift');
  /** The files each drift state put diagnostics on, by folder, to clear them on the next check. */
  const driftFiles = new Map<string, vscode.Uri[]>();
  return vscode.Disposable.from(
    schema,
    drift,
    repository.onDidChangeSnapshot((snapshot) => publishSchema(schema, snapshot)),
    repository.onDidChangeDrift((folder) => {
      for (const uri of driftFiles.get(folder.uri.toString()) ?? []) drift.delete(uri);
      const state = repository.cachedDrift(folder);
      const published = state ? publishDrift(drift, state) : [];
      driftFiles.set(folder.uri.toString(), published);
    }),
  );
}

/** Replaces the diagnostics of every file a snapshot read. */
function publishSchema(collection: vscode.DiagnosticCollection, snapshot: Snapshot): void {
  const byFile = new Map<string, vscode.Diagnostic[]>(snapshot.files.map((f) => [f, []]));
  for (const d of snapshot.diagnostics) {
    const file = path.resolve(snapshot.scope.cwd, d.file);
    const list = byFile.get(file) ?? [];
    list.push(toVscode(d));
    byFile.set(file, list);
  }
  for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
}

/** A core diagnostic as VS Code shows it: the word at its position underlined. */
function toVscode(d: Diagnostic): vscode.Diagnostic {
  const position = new vscode.Position(Math.max(0, d.line - 1), Math.max(0, d.column - 1));
  const severity =
    d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const out = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), d.message, severity);
  out.source = DIAGNOSTIC_SOURCE;
  if (d.code) out.code = d.code;
  return out;
}

/** Publishes one folder's drift; returns the files it put diagnostics on. */
function publishDrift(collection: vscode.DiagnosticCollection, state: DriftState): vscode.Uri[] {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const add = (file: string, d: vscode.Diagnostic) => byFile.set(file, [...(byFile.get(file) ?? []), d]);
  const factoriesLines = readLines(state.factories.fsPath);
  for (const item of state.items) {
    if (item.modelLocation) {
      const file = path.resolve(state.scope.cwd, item.modelLocation.file);
      add(file, driftDiagnostic(item, lineRange(readLines(file), item.modelLocation.line - 1), modelMessage(item, state)));
    }
    const classLine = factoryClassLine(factoriesLines, item);
    if (classLine !== null) add(state.factories.fsPath, driftDiagnostic(item, lineRange(factoriesLines, classLine), item.message));
  }
  if (state.problems.length > 0) {
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), `cannot check this file against the schema: ${state.problems.join('; ')}`, vscode.DiagnosticSeverity.Information);
    d.source = DIAGNOSTIC_SOURCE;
    add(state.factories.fsPath, d);
  }
  const uris: vscode.Uri[] = [];
  for (const [file, list] of byFile) {
    const uri = vscode.Uri.file(file);
    collection.set(uri, list);
    uris.push(uri);
  }
  return uris;
}

/** The message on the model's line: which factory, in which file, and what changed. */
function modelMessage(item: DriftItem, state: DriftState): string {
  if (item.kind === 'missing-factory') return `\`${item.model}\` has no factory in ${state.factoriesLabel}; add \`${item.factory}\``;
  return `\`${item.factory}\` in ${state.factoriesLabel} is out of date with \`${item.model}\`: ${item.details.join('; ')}`;
}

/** A drift diagnostic: a warning whose code names the kind and whose tags stay readable. */
function driftDiagnostic(item: DriftItem, range: vscode.Range, message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = `${DRIFT_CODE}${item.kind}`;
  return d;
}

/** The 0-based line of `class XFactory(` in the factories file, or null when it has none. */
function factoryClassLine(lines: string[], item: DriftItem): number | null {
  if (!item.factoryLines) return null;
  for (let i = item.factoryLines.start - 1; i < Math.min(lines.length, item.factoryLines.end); i++) {
    if (lines[i].startsWith(`class ${item.factory}(`)) return i;
  }
  return item.factoryLines.start - 1;
}

/** The range of a line's text without its indentation (the whole line when blank). */
export function lineRange(lines: string[], line: number): vscode.Range {
  const text = lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  return new vscode.Range(line, start, line, Math.max(start + 1, text.trimEnd().length));
}

/** The lines of a file as an open editor shows them, else as saved. */
export function readLines(file: string): string[] {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  if (open) return open.getText().split(/\r?\n/);
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return [];
  }
}
