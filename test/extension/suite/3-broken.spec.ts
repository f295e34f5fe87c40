// Broken schemas give diagnostics, never exceptions: an FK to a missing table, a syntax error in
// SQL and in Python. The rest of the file keeps its code actions.
import assert from 'node:assert/strict';
import { describe, it, before } from 'mocha';
import * as vscode from 'vscode';
import { actionTitles, api, eventually, lineOf, ours, write } from './helpers';

describe('broken schemas', () => {
  before(async () => {
    await api();
  });

  it('reports an FK to a missing table and a syntax error on their lines', async () => {
    const uri = write('broken/schema.sql', 'CREATE TABLE teams (\n    id serial PRIMARY KEY\n);\n\nCREATE TABLE players (\n    id serial PRIMARY KEY,\n    club_id integer NOT NULL REFERENCES clubs (id)\n);\n\nCREATE TABLE oops (id int,,);\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await eventually('diagnostics on broken/schema.sql', () => {
      const found = ours(uri);
      return found.length >= 2 ? found : undefined;
    });
    const byLine = diagnostics.map((d) => [d.range.start.line + 1, d.severity, d.message]);
    assert.ok(byLine.some(([line, severity, message]) => line === 7 && severity === vscode.DiagnosticSeverity.Error && /clubs/.test(String(message))), JSON.stringify(byLine));
    assert.ok(byLine.some(([line, severity]) => line === 10 && severity === vscode.DiagnosticSeverity.Error), JSON.stringify(byLine));
    assert.deepEqual(await actionTitles(uri, lineOf(document, 'CREATE TABLE teams')), ['Generate factory for `teams`', 'Generate factories for all models in this file']);
  });

  it('reports a Python syntax error and keeps the other models', async () => {
    const uri = write('broken/models.py', 'from sqlalchemy import ForeignKey\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass Team(Base):\n    __tablename__ = "teams"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n    name: Mapped[str] = mapped_column(\n\n\nclass Player(Base):\n    __tablename__ = "players"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await eventually('a syntax error diagnostic', () => {
      const found = ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(diagnostics.some((d) => d.range.start.line === lineOf(document, 'name: Mapped[str]')), diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n'));
    assert.deepEqual(await actionTitles(uri, lineOf(document, 'class Player(Base)')), ['Generate factory for `Player`', 'Generate factories for all models in this file']);
  });

  it('a generate command on a broken schema writes nothing and does not throw', async () => {
    await vscode.commands.executeCommand('fixtureScaffold.generate', write('broken/cycle.sql', 'CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL REFERENCES b (id));\nCREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id));\n'));
    const diagnostics = await eventually('the unbreakable cycle diagnostic', () => {
      const found = ours(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'broken/cycle.sql'));
      return found.length > 0 ? found : undefined;
    });
    assert.ok(diagnostics.some((d) => /cycle/i.test(d.message)), diagnostics.map((d) => d.message).join('\n'));
  });
});
