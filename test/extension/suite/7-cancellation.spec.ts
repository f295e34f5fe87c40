// Cancelling a long generation: a folder of many model files is generated under a cancellable
// progress notification (a single file only shows in the status bar), and a cancel while the job
// runs writes nothing. The notification's Cancel button cannot be clicked through the `vscode` API,
// so the tests cancel through the extension's seam `onDidStartGeneration`, whose `cancel` is linked
// to the same token the button cancels; the UI click itself is not exercised here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import type { GenerationStarted } from '../../../src/extension/generate';
import { api, file, setting, write } from './helpers';

/** Model files in the long-running folder. */
const MODELS = 40;

/** Lists a workspace folder ([] when it does not exist). */
function list(relative: string): string[] {
  return fs.existsSync(file(relative).fsPath) ? fs.readdirSync(file(relative).fsPath).sort() : [];
}

/** Writes `catalog/`: a package with a declarative base and one model per file. */
function writeCatalog(): void {
  write('catalog/__init__.py', '');
  write('catalog/base.py', 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n');
  for (let i = 0; i < MODELS; i++) {
    const n = String(i).padStart(2, '0');
    write(
      `catalog/item_${n}.py`,
      [
        'from sqlalchemy import String',
        'from sqlalchemy.orm import Mapped, mapped_column',
        '',
        'from .base import Base',
        '',
        '',
        `class Item${n}(Base):`,
        `    __tablename__ = "item_${n}"`,
        '',
        '    id: Mapped[int] = mapped_column(primary_key=True)',
        '    name: Mapped[str] = mapped_column(String(40))',
        '',
      ].join('\n'),
    );
  }
}

/** Runs a generate command, recording the progress indicators it opens and cancelling them when told. */
async function generateRecording(target: vscode.Uri, cancel: boolean): Promise<GenerationStarted[]> {
  const seen: GenerationStarted[] = [];
  const subscription = (await api()).onDidStartGeneration((started) => {
    seen.push(started);
    if (cancel) started.cancel();
  });
  try {
    await vscode.commands.executeCommand('fixtureScaffold.generate', target);
  } finally {
    subscription.dispose();
  }
  return seen;
}

describe('cancelling a generation', () => {
  before(async () => {
    await api();
    writeCatalog();
  });
  after(async () => {
    await setting('outputFolder', 'tests');
  });

  it('a folder of many model files is generated under a cancellable notification', async () => {
    await setting('outputFolder', 'generated/catalog-whole');
    const seen = await generateRecording(file('catalog'), false);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].location, vscode.ProgressLocation.Notification);
    assert.equal(seen[0].cancellable, true);
    assert.equal(seen[0].title, 'Fixture Scaffold: generating fixtures from catalog');
    // Not cancelled, the same folder writes its files: what the next test's cancel prevents.
    assert.ok(list('generated/catalog-whole').includes('factories.py'), `files written: ${list('generated/catalog-whole').join(', ')}`);
  });

  it('cancelled while the job runs (through the seam, not the button), it writes nothing', async () => {
    await setting('outputFolder', 'generated/catalog-cancelled');
    const seen = await generateRecording(file('catalog'), true);
    assert.equal(seen.length, 1, 'the generation started');
    assert.deepEqual(list('generated/catalog-cancelled'), []);
  });

  it('a single file shows its progress in the status bar, without a Cancel button', async () => {
    await setting('outputFolder', 'generated/catalog-one');
    const seen = await generateRecording(file('catalog/item_00.py'), false);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].location, vscode.ProgressLocation.Window);
    assert.equal(seen[0].cancellable, false);
  });
});
