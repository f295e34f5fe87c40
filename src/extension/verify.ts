// "Verify Fixtures": the CLI's `verify` from the editor. The seed rows, a create_batch-like batch
// and the boundary cases go into an embedded PostgreSQL (PGlite, loaded only now, from the files
// beside the bundle); every violation becomes a problem on the schema line it comes from, in a
// collection of its own (cleared when the schema file is edited or verified again).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDiagnostic, type Diagnostic } from '../core';
import type { VerifyResult, VerifySummary } from '../core/verify';
import { readSettings } from './config';
import { DIAGNOSTIC_SOURCE, lineRange, readLines } from './diagnostics';
import { Cancelled } from './errors';
import type { Services } from './generate';
import type { Scope } from './inputs';
import { readCommandInput } from './schema-input';

/** What a verification found, for tests. */
export interface VerifyOutcome {
  scope: Scope;
  result: VerifyResult;
}

/** The Problems-panel collection of verification results. */
export class VerifyDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('fixture-scaffold-verify');
  /** The last run: which input, how many problems, what was inserted (for tests and the log). */
  lastRun: { input: string; problems: number; summary: VerifySummary; fromSnapshot: boolean } | undefined;
  private readonly listener = vscode.workspace.onDidChangeTextDocument((event) => {
    // An edited schema makes its last verification stale.
    if (event.contentChanges.length > 0 && this.collection.has(event.document.uri)) this.collection.delete(event.document.uri);
  });

  /** Replaces every result with those of one run; returns the number of problems. */
  publish(scope: Scope, result: VerifyResult): number {
    const { diagnostics } = result;
    this.collection.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const d of diagnostics) {
      const file = path.resolve(scope.cwd, d.file);
      byFile.set(file, [...(byFile.get(file) ?? []), toVscode(d, readLines(file))]);
    }
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
    this.lastRun = { input: scope.input, problems: diagnostics.length, summary: result.summary, fromSnapshot: result.timings.fromSnapshot };
    return diagnostics.length;
  }

  dispose(): void {
    this.listener.dispose();
    this.collection.dispose();
  }
}

export interface VerifyServices extends Services {
  verifyDiagnostics: VerifyDiagnostics;
}

/** Verifies the schema of `target` (or the command's usual input); undefined when it did not run. */
export async function verifyFixtures(services: VerifyServices, target: vscode.Uri | undefined): Promise<VerifyOutcome | undefined> {
  const { log } = services;
  const snapshot = await readCommandInput(services, target, 'Verify Fixtures');
  if (!snapshot) return undefined;
  const { scope, schema, analysis } = snapshot;
  const settings = readSettings(vscode.Uri.file(scope.absolute));
  const options = { rows: settings.seedRows, seed: settings.seed, locale: settings.fakerLocale };
  log.info(`verify ${scope.input} (in ${scope.cwd}): ${schema.tables.length} tables, ${options.rows} seed rows per table, seed ${options.seed}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Fixture Scaffold: verifying ${scope.input} in an embedded PostgreSQL`, cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'starting PostgreSQL…' });
      // Loaded here, not at activation: PGlite is only needed when someone verifies.
      const { verifySchema } = await import('../core/verify');
      // Cancel stops the run at its next statement (PGlite cannot interrupt the one running) and
      // closes the database; the notification goes away at once.
      const abort = new AbortController();
      const running = verifySchema(schema, analysis, { ...options, signal: abort.signal });
      const cancelled = new Promise<never>((_, reject) =>
        token.onCancellationRequested(() => {
          abort.abort();
          reject(new Cancelled());
        }),
      );
      running.catch(() => undefined);
      return Promise.race([running, cancelled]);
    },
  );
  const { summary, timings } = result;
  log.info(
    `verified ${scope.input}: ${summary.seedRows} seed rows, ${summary.batchRows} batch rows, ${summary.boundaryCases} boundary cases` +
      `${summary.boundaryCasesNotRun > 0 ? ` (${summary.boundaryCasesNotRun} not run)` : ''}, ${summary.skippedRows} rows skipped; ` +
      `PostgreSQL started in ${timings.startMs.toFixed(0)} ms${timings.fromSnapshot ? ' from the snapshot' : ' (initdb)'}, total ${timings.totalMs.toFixed(0)} ms`,
  );
  for (const d of result.diagnostics) log.error(formatDiagnostic(d));
  const problems = services.verifyDiagnostics.publish(scope, result);
  announce(scope, result, problems);
  return { scope, result };
}

/** The summary notification. */
function announce(scope: Scope, result: VerifyResult, problems: number): void {
  const { summary } = result;
  const what = `${count(summary.tables, 'table')}, ${count(summary.seedRows + summary.batchRows, 'row')}, ${count(summary.boundaryCases, 'boundary case')}`;
  const seconds = `${(result.timings.totalMs / 1000).toFixed(1)} s`;
  if (problems === 0) {
    void vscode.window.showInformationMessage(`Fixture Scaffold: ${scope.input} verified, no problems (${what} in ${seconds}).`);
    return;
  }
  void vscode.window
    .showWarningMessage(`Fixture Scaffold: ${scope.input}: ${count(problems, 'problem')} found verifying the generated data (${what}).`, 'Show Problems', 'Open Log')
    .then((choice) => {
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      if (choice === 'Open Log') void vscode.commands.executeCommand('fixtureScaffold.showLog');
    });
}

/** A verify problem on its schema line. */
function toVscode(d: Diagnostic, lines: string[]): vscode.Diagnostic {
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const out = new vscode.Diagnostic(lineRange(lines, Math.max(0, d.line - 1)), d.message, severity);
  out.source = DIAGNOSTIC_SOURCE;
  if (d.code) out.code = d.code;
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
