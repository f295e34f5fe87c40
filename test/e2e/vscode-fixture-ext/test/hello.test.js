// One in-host test using the real `vscode` API: the fixture extension is active and its command
// writes its file into the workspace.
'use strict';

const assert = require('assert');
const vscode = require('vscode');

describe('harness fixture (inside the extension host)', () => {
  it('runs "Harness: Say Hello" through the vscode API', async () => {
    const extension = vscode.extensions.getExtension('fixture-scaffold-test.harness-fixture');
    assert.ok(extension, 'the fixture extension is loaded');
    await extension.activate();
    await vscode.commands.executeCommand('harnessFixture.sayHello');
    const folder = vscode.workspace.workspaceFolders[0];
    const written = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'hello-from-harness.txt'));
    assert.strictEqual(Buffer.from(written).toString('utf8'), 'hello from the harness fixture\n');
    console.log('in-host test: hello file verified');
  });
});
