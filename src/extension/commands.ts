// Every command of the extension, as small factories over the shared services. `extension.ts`
// registers them in one loop, wrapped in the one error helper. Commands that need an argument (a
// model, a tree item) are hidden from the palette in package.json (`"when": "false"`).

import * as vscode from 'vscode';
import { checkFixtures, fixFactory, generateFactoryFor } from './factories';
import { generateFixtures } from './generate';
import type { OrderNode, OrderTreeProvider } from './order-tree';
import type { SeedPreviewPanel } from './seed-preview';
import { verifyFixtures, type VerifyServices } from './verify';

/** A command: its id, the title errors are reported under, and what it does. */
export interface Command {
  id: string;
  title: string;
  run: (...args: unknown[]) => Promise<unknown>;
}

/** What commands need beyond the services: the order view, the verify results, the seed preview. */
export interface CommandServices extends VerifyServices {
  orderTree: OrderTreeProvider;
  seedPreview: SeedPreviewPanel;
}

/** The commands, in the order package.json lists them. */
export function commands(s: CommandServices): Command[] {
  return [
    { id: 'fixtureScaffold.generate', title: 'Generate Fixtures', run: (uri) => generateFixtures(s, asUri(uri), 'all') },
    { id: 'fixtureScaffold.generateFactories', title: 'Generate Factories Only', run: (uri) => generateFixtures(s, asUri(uri), 'factories') },
    { id: 'fixtureScaffold.generateMigrationTests', title: 'Generate Migration Tests', run: (uri) => generateFixtures(s, asUri(uri), 'migrations') },
    { id: 'fixtureScaffold.showOrder', title: 'Show FK Dependency Order', run: () => showOrder(s) },
    { id: 'fixtureScaffold.check', title: 'Check Fixtures Are Up To Date', run: () => checkFixtures(s) },
    { id: 'fixtureScaffold.verify', title: 'Verify Fixtures', run: (uri) => verifyFixtures(s, asUri(uri)) },
    { id: 'fixtureScaffold.previewSeed', title: 'Preview Seed Data', run: (uri) => s.seedPreview.show(asUri(uri)) },
    { id: 'fixtureScaffold.showLog', title: 'Open Output Log', run: async () => s.log.show() },
    { id: 'fixtureScaffold.refreshOrder', title: 'Refresh', run: async () => refreshOrder(s) },
    { id: 'fixtureScaffold.generateFactoryFor', title: 'Generate factory', run: (uri, model) => generateFactoryFor(s, requireUri(uri), String(model)) },
    { id: 'fixtureScaffold.generateFactoryForTable', title: 'Generate factory', run: (node) => generateForNode(s, node as OrderNode) },
    { id: 'fixtureScaffold.fixFactory', title: 'Update factory', run: (folder, factory) => fixFactory(s, requireUri(folder), String(factory)) },
  ];
}

/** Reads the schema again and shows the order view. */
async function showOrder(s: CommandServices): Promise<void> {
  refreshOrder(s);
  await vscode.commands.executeCommand('fixtureScaffold.order.focus');
}

/** Forgets cached reads of the workspace schema and redraws the order view. */
function refreshOrder(s: CommandServices): void {
  s.repository.resetScopes();
  s.orderTree.refresh();
}

/** "Generate factory" on a row of the order view. */
async function generateForNode(s: CommandServices, node: OrderNode | undefined): Promise<void> {
  if (!node) throw new Error('choose a table in the FK Dependency Order view');
  const table = node.snapshot.schema.tables.find((t) => t.name === node.table);
  await generateFactoryFor(s, vscode.Uri.file(node.snapshot.scope.absolute), table?.model ?? node.table);
}

/** A URI argument (menus pass the clicked resource), or undefined. */
function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

/** A URI argument the command cannot do without. */
function requireUri(value: unknown): vscode.Uri {
  const uri = asUri(value);
  if (!uri) throw new Error('this command is run from a code action or a menu, not from the command palette');
  return uri;
}
