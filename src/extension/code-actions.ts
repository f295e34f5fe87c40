// Code actions on models: on a class line, a Prisma `model` line or a `CREATE TABLE` line, and as
// source actions (`source.generate.fixtures`) anywhere in a schema file; plus the quick fixes of
// drift diagnostics. Everything is looked up in the repository's cached reads: the provider never
// parses when the document's read is fresh, and otherwise waits for the one read of its version.

import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, DRIFT_CODE } from './diagnostics';
import type { Anchor, DriftState, SchemaRepository, Snapshot } from './repository';

/** The kinds of the actions: in the lightbulb (refactor), in "Source Action…", and quick fixes. */
export const GENERATE_KIND = vscode.CodeActionKind.Refactor.append('generate').append('fixtures');
export const SOURCE_GENERATE_KIND = vscode.CodeActionKind.Source.append('generate').append('fixtures');

export class FixtureCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [GENERATE_KIND, SOURCE_GENERATE_KIND, vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly repository: SchemaRepository) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (document.uri.scheme !== 'file') return [];
    const snapshot = this.repository.cachedForDocument(document) ?? (await this.repository.snapshotForDocument(document));
    if (!snapshot) return [];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const drift = folder ? this.repository.cachedDrift(folder) : undefined;
    const fromThisSchema = drift && snapshot.scope.key === drift.scope.key ? drift : undefined;
    const anchors = snapshot.anchors.get(document.uri.fsPath);
    const fixes = drift ? quickFixes(context.diagnostics, drift) : [];
    const fixed = new Set(fixes.map((f) => String(f.command?.arguments?.[1])));
    const here = anchors?.get(range.start.line) ?? [];
    const actions = here.flatMap((anchor) => modelActions(document, anchor, fromThisSchema, fixed));
    const wantsSource = context.only !== undefined && SOURCE_GENERATE_KIND.intersects(context.only);
    if (anchors && anchors.size > 0 && (here.length > 0 || wantsSource)) actions.push(...fileActions(document, snapshot));
    return [...fixes, ...actions];
  }
}

/** The actions on one model's line, by the state of its factory (none when a quick fix already covers it). */
function modelActions(document: vscode.TextDocument, anchor: Anchor, drift: DriftState | undefined, fixed: Set<string>): vscode.CodeAction[] {
  const item = drift?.byModel.get(anchor.name);
  if (item && fixed.has(item.factory)) return [];
  if (drift && item?.kind === 'missing-factory') {
    return [action(`Add \`${anchor.name}\` to ${drift.factoriesLabel}`, GENERATE_KIND, 'fixtureScaffold.fixFactory', [drift.folder.uri, item.factory])];
  }
  if (drift && item?.kind === 'stale-factory') {
    return [action(`Update \`${item.factory}\` in ${drift.factoriesLabel}`, GENERATE_KIND, 'fixtureScaffold.fixFactory', [drift.folder.uri, item.factory])];
  }
  return [action(`Generate factory for \`${anchor.name}\``, GENERATE_KIND, 'fixtureScaffold.generateFactoryFor', [document.uri, anchor.name])];
}

/** "Generate factories for all models in this file", in the lightbulb and as a source action. */
function fileActions(document: vscode.TextDocument, snapshot: Snapshot): vscode.CodeAction[] {
  const title = 'Generate factories for all models in this file';
  const target = snapshot.scope.absolute === document.uri.fsPath ? document.uri : vscode.Uri.file(snapshot.scope.absolute);
  return [
    action(title, GENERATE_KIND, 'fixtureScaffold.generateFactories', [target]),
    action(title, SOURCE_GENERATE_KIND, 'fixtureScaffold.generateFactories', [target]),
  ];
}

/** Quick fixes for our drift diagnostics in the request. */
function quickFixes(diagnostics: readonly vscode.Diagnostic[], drift: DriftState): vscode.CodeAction[] {
  const out: vscode.CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !d.code.startsWith(DRIFT_CODE)) continue;
    const item = drift.items.find((i) => d.message.includes(`\`${i.factory}\``));
    if (!item || item.kind === 'orphan-factory') continue;
    const verb = item.kind === 'missing-factory' ? `Add \`${item.model}\` to` : `Update \`${item.factory}\` in`;
    const fix = action(`${verb} ${drift.factoriesLabel}`, vscode.CodeActionKind.QuickFix, 'fixtureScaffold.fixFactory', [drift.folder.uri, item.factory]);
    fix.diagnostics = [d];
    fix.isPreferred = true;
    out.push(fix);
  }
  return out;
}

/** A code action that runs one of our commands. */
function action(title: string, kind: vscode.CodeActionKind, command: string, args: unknown[]): vscode.CodeAction {
  const a = new vscode.CodeAction(title, kind);
  a.command = { command, title, arguments: args };
  return a;
}
