// The "FK Dependency Order" view: the workspace schema's tables in insertion order, each expanding
// to the tables it depends on; tables in a cycle carry a warning and the proposed break. A thin
// TreeDataProvider over the repository's snapshot; `contextValue` drives the item menu.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CycleBreak, Table } from '../core';
import type { SchemaRepository, Snapshot } from './repository';

/** A table in the order (top level) or a table it depends on (child). */
export interface OrderNode {
  snapshot: Snapshot;
  table: string;
  /** 1-based position in the insertion order, for top-level rows. */
  position?: number;
  /** For a dependency row: the table that depends on `table`, and the break when the cycle is cut there. */
  dependent?: string;
  broken?: CycleBreak;
}

/** `contextValue`s; the "Generate factory" menu matches them. */
export const TABLE_CONTEXT = 'fixtureScaffold.table';
export const DEPENDENCY_CONTEXT = 'fixtureScaffold.dependency';

export class OrderTreeProvider implements vscode.TreeDataProvider<OrderNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OrderNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The snapshot shown. */
  current: Snapshot | null = null;
  /**
   * Whether the last top level found no workspace schema: mirrored in the context key
   * `fixtureScaffold.noSchema`, which shows the view's welcome content (package.json viewsWelcome).
   */
  noSchema = false;
  /** Called with each snapshot the view shows (the view's description follows it). */
  onDidLoad: (snapshot: Snapshot | null) => void = () => undefined;

  constructor(private readonly repository: SchemaRepository) {}

  /** Shows the workspace schema again (after a save, a setting, a generation). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: OrderNode): Promise<OrderNode[]> {
    if (!node) {
      const snapshot = await this.shownSnapshot();
      this.current = snapshot;
      this.onDidLoad(snapshot);
      if (this.noSchema !== (snapshot === null)) {
        this.noSchema = snapshot === null;
        await vscode.commands.executeCommand('setContext', 'fixtureScaffold.noSchema', this.noSchema);
      }
      return snapshot ? snapshot.analysis.order.map((table, i) => ({ snapshot, table, position: i + 1 })) : [];
    }
    if (node.dependent !== undefined) return [];
    const { analysis } = node.snapshot;
    const breaks = analysis.cycles.flatMap((c) => c.breakAt).filter((b) => b.table === node.table);
    return (analysis.dependencies[node.table] ?? []).map((dep) => ({
      snapshot: node.snapshot,
      table: dep,
      dependent: node.table,
      broken: breaks.find((b) => b.refTable === dep),
    }));
  }

  /**
   * The schema to show. In a multi-root workspace, that of the folder the user works in: the active
   * editor's folder when it has a schema, else the first folder that has one (the view's
   * description names the folder).
   */
  private async shownSnapshot(): Promise<Snapshot | null> {
    const folder = this.activeFolder();
    const active = folder ? await this.repository.workspaceSnapshot(folder) : null;
    return active ?? this.repository.firstWorkspaceSnapshot();
  }

  /** The workspace folder of the active editor, if any. */
  activeFolder(): vscode.WorkspaceFolder | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  }

  /** Shows another folder's schema when the active editor moves to a folder other than the shown one. */
  followActiveEditor(): void {
    const folder = this.activeFolder();
    if (!folder || (vscode.workspace.workspaceFolders?.length ?? 0) < 2) return;
    const shown = this.current ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(this.current.scope.absolute)) : undefined;
    if (shown?.uri.toString() !== folder.uri.toString()) this.refresh();
  }

  getTreeItem(node: OrderNode): vscode.TreeItem {
    const table = node.snapshot.schema.tables.find((t) => t.name === node.table);
    return node.dependent === undefined ? tableItem(node, table) : dependencyItem(node, table);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A numbered table row: model name as description, a warning icon and the break when in a cycle. */
function tableItem(node: OrderNode, table: Table | undefined): vscode.TreeItem {
  const { analysis } = node.snapshot;
  const deps = analysis.dependencies[node.table] ?? [];
  const item = new vscode.TreeItem(`${node.position}. ${node.table}`, deps.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const cycle = analysis.cycles.find((c) => c.tables.includes(node.table));
  const breaks = cycle?.breakAt.filter((b) => b.table === node.table) ?? [];
  const notes = [table?.model ?? ''];
  if (cycle) notes.push(breaks.length > 0 ? `cycle, break: ${breaks.map(shortBreak).join('; ')}` : `cycle with ${cycle.tables.filter((t) => t !== node.table).join(', ')}`);
  item.description = notes.filter((n) => n !== '').join(' · ');
  item.iconPath = cycle ? new vscode.ThemeIcon(cycle.breakable ? 'warning' : 'error', new vscode.ThemeColor(cycle.breakable ? 'list.warningForeground' : 'list.errorForeground')) : new vscode.ThemeIcon('table');
  item.tooltip = tooltip(node, table, cycle ? (cycle.breakable ? breaks.map(breakText) : ['no insert order exists: every FK of the cycle is NOT NULL and not deferrable']) : []);
  item.contextValue = TABLE_CONTEXT;
  item.id = `${node.snapshot.scope.key}\u0000${node.table}`;
  item.command = revealCommand(node, table);
  return item;
}

/** A table the parent row depends on; the dependency cut to break a cycle is marked. */
function dependencyItem(node: OrderNode, table: Table | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(node.table, vscode.TreeItemCollapsibleState.None);
  item.description = node.broken ? `linked after insert (${node.broken.columns.join(', ')})` : table?.model ?? '';
  item.iconPath = new vscode.ThemeIcon(node.broken ? 'debug-disconnect' : 'arrow-small-right');
  item.tooltip = node.broken ? `${node.dependent} → ${node.table}: ${breakText(node.broken)}` : `${node.dependent} references ${node.table}, so ${node.table} is inserted first`;
  item.contextValue = DEPENDENCY_CONTEXT;
  item.command = revealCommand(node, table);
  return item;
}

/** The break in a row's description: which columns are linked later. */
function shortBreak(b: CycleBreak): string {
  return `${b.columns.join(', ')} ${b.strategy === 'nullable' ? 'set after insert' : 'deferred'}`;
}

/** How a cycle is broken at one FK, in a sentence. */
function breakText(b: CycleBreak): string {
  const cols = b.columns.join(', ');
  return b.strategy === 'nullable' ? `insert ${cols} as NULL, set it once ${b.refTable} exists` : `${cols} is DEFERRABLE: insert both in one transaction`;
}

/** The row's tooltip: where the table is defined, and the cycle notes. */
function tooltip(node: OrderNode, table: Table | undefined, notes: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${node.table}**${table?.model ? ` (\`${table.model}\`)` : ''}`);
  if (table) md.appendMarkdown(`\n\n${table.location.file}:${table.location.line}`);
  for (const n of notes) md.appendMarkdown(`\n\n$(warning) ${n}`);
  md.supportThemeIcons = true;
  return md;
}

/** Clicking a row opens the table's definition (its model's class when it has one). */
function revealCommand(node: OrderNode, table: Table | undefined): vscode.Command | undefined {
  if (!table) return undefined;
  const model = node.snapshot.schema.models.find((m) => m.table === table.name && m.parent === null) ?? null;
  const location = model?.location ?? table.location;
  const uri = vscode.Uri.file(path.resolve(node.snapshot.scope.cwd, location.file));
  const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
  return { command: 'vscode.open', title: 'Open definition', arguments: [uri, { selection: new vscode.Range(position, position) }] };
}
