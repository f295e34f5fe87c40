// A deliberately tiny extension: one of each UI surface the harness must be able to drive.
'use strict';

const vscode = require('vscode');

/** The file "Harness: Say Hello" writes into the first workspace folder. */
const HELLO_FILE = 'hello-from-harness.txt';

/** The comment the "Harness action" code action appends to a Python file. */
const ACTION_COMMENT = '# harness action applied';

/**
 * Registers the command, the explorer menu command, the tree view and the code action provider.
 * @param {vscode.ExtensionContext} context
 */
function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('harnessFixture.sayHello', sayHello),
    vscode.commands.registerCommand('harnessFixture.markFile', markFile),
    vscode.commands.registerCommand('harnessFixture.appendComment', appendComment),
    vscode.window.registerTreeDataProvider('harnessFixture.tree', treeProvider()),
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, codeActionProvider(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
  console.log('harness-fixture activated');
}

/** Writes HELLO_FILE into the workspace and shows an information message. */
async function sayHello() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    await vscode.window.showErrorMessage('Harness: open a folder first.');
    return;
  }
  const target = vscode.Uri.joinPath(folder.uri, HELLO_FILE);
  await vscode.workspace.fs.writeFile(target, Buffer.from('hello from the harness fixture\n', 'utf8'));
  console.log(`harness-fixture wrote ${HELLO_FILE}`);
  void vscode.window.showInformationMessage(`Harness says hello: wrote ${HELLO_FILE}`);
}

/**
 * Writes `<file>.mark` beside the file the explorer menu was opened on.
 * @param {vscode.Uri | undefined} uri
 */
async function markFile(uri) {
  if (!uri) {
    return;
  }
  const mark = uri.with({ path: `${uri.path}.mark` });
  await vscode.workspace.fs.writeFile(mark, Buffer.from(`marked ${uri.path}\n`, 'utf8'));
}

/**
 * Appends ACTION_COMMENT to a document and saves it, so the edit is visible on disk.
 * @param {vscode.Uri} uri
 */
async function appendComment(uri) {
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  const end = document.lineAt(document.lineCount - 1).range.end;
  const separator = document.lineAt(document.lineCount - 1).text === '' ? '' : '\n';
  edit.insert(uri, end, `${separator}${ACTION_COMMENT}\n`);
  await vscode.workspace.applyEdit(edit);
  await document.save();
}

/** A tree view with two fixed rows. */
function treeProvider() {
  return {
    getChildren: (element) => (element ? [] : ['Alpha item', 'Beta item']),
    getTreeItem: (label) => new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None),
  };
}

/** Offers "Harness action" on every line of a Python file that declares a class. */
function codeActionProvider() {
  return {
    provideCodeActions(document, range) {
      if (!document.lineAt(range.start.line).text.startsWith('class ')) {
        return [];
      }
      const action = new vscode.CodeAction('Harness action', vscode.CodeActionKind.QuickFix);
      action.command = {
        command: 'harnessFixture.appendComment',
        title: 'Harness action',
        arguments: [document.uri],
      };
      return [action];
    },
  };
}

module.exports = { activate };
