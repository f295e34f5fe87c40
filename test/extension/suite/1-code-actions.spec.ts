// Code actions through VS Code's own provider pipeline (`vscode.executeCodeActionProvider`): on a
// model's class line, a Prisma `model` line, a `CREATE TABLE` line, as a source action anywhere in a
// schema file, and nowhere else; unsaved edits count, untitled documents get none.
import assert from 'node:assert/strict';
import { describe, it, before } from 'mocha';
import * as vscode from 'vscode';
import { actionTitles, api, eventually, file, lineOf, write } from './helpers';

const GENERATE = vscode.CodeActionKind.Refactor.append('generate.fixtures');
const SOURCE = vscode.CodeActionKind.Source.append('generate.fixtures');
const ALL_IN_FILE = 'Generate factories for all models in this file';

/** Opens a workspace file and waits until the extension offers actions on the line containing `text`. */
async function ready(relative: string, text: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(file(relative));
  await eventually(`code actions in ${relative}`, async () => ((await actionTitles(document.uri, lineOf(document, text))).length > 0 ? true : undefined));
  return document;
}

describe('code actions', () => {
  before(async () => {
    await api();
  });

  it('offers the generate actions on a model class line', async () => {
    const document = await ready('models.py', 'class Department(Base)');
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'class Department(Base)')), ['Generate factory for `Department`', ALL_IN_FILE]);
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'class Manager(Employee)')), ['Generate factory for `Manager`', ALL_IN_FILE]);
  });

  it('offers nothing on lines that define no model', async () => {
    const document = await ready('models.py', 'class Department(Base)');
    for (const text of ['class Base(DeclarativeBase)', 'class EmploymentType', '__tablename__ = "departments"', 'from sqlalchemy import', 'budget: Mapped']) {
      assert.deepEqual(await actionTitles(document.uri, lineOf(document, text)), [], text);
    }
  });

  it('offers the file action as a source action from any line', async () => {
    const document = await ready('models.py', 'class Department(Base)');
    assert.deepEqual(await actionTitles(document.uri, 0, SOURCE), [ALL_IN_FILE]);
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'class Employee(Base)'), GENERATE), ['Generate factory for `Employee`', ALL_IN_FILE]);
  });

  it('offers them on a Prisma model block line, not on its fields', async () => {
    const document = await ready('prisma/schema.prisma', 'model User {');
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'model User {')), ['Generate factory for `User`', ALL_IN_FILE]);
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'email     String')), []);
  });

  it('offers them on a CREATE TABLE line, not on its columns', async () => {
    const document = await ready('sql/schema.sql', 'CREATE TABLE orders');
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'CREATE TABLE orders')), ['Generate factory for `orders`', ALL_IN_FILE]);
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'customer_id integer')), []);
  });

  it('offers nothing in a Python file without models', async () => {
    const document = await vscode.workspace.openTextDocument(file('notes/helpers.py'));
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'class Helper')), []);
    assert.deepEqual(await actionTitles(document.uri, 0, SOURCE), []);
  });

  it('follows unsaved edits: a new class gets actions, shifted lines move with their class', async () => {
    const uri = write('scratch/unsaved.py', 'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass Tag(Base):\n    __tablename__ = "tags"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await eventually('Tag actions', async () => ((await actionTitles(uri, 7)).length > 0 ? true : undefined));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '# a comment\n# and another\n');
    edit.insert(uri, document.lineAt(document.lineCount - 1).range.end, '\n\nclass Label(Base):\n    __tablename__ = "labels"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty, 'the edit is not saved');
    assert.deepEqual(await actionTitles(uri, lineOf(document, 'class Tag(Base)')), ['Generate factory for `Tag`', ALL_IN_FILE]);
    assert.deepEqual(await actionTitles(uri, lineOf(document, 'class Label(Base)')), ['Generate factory for `Label`', ALL_IN_FILE]);
    assert.deepEqual(await actionTitles(uri, 7), [], 'the old line of Tag is now inside Base');
  });

  it('offers nothing in an untitled document, and does not fail', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: (await vscode.workspace.openTextDocument(file('models.py'))).getText() });
    assert.deepEqual(await actionTitles(document.uri, lineOf(document, 'class Department(Base)')), []);
  });
});
