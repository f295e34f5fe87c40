// Differential tests of the reader's fast paths against the general code they shortcut:
// - `parseAssignment` (class-body statements, target skipped) against `parseStatement`, for every
//   single-line assignment of the test cases' Python files, random edits of them, and statements
//   whose first name starts an expression (`lambda: 1`) rather than naming a target;
// - the single-inheritance MRO shortcut against the C3 merge, via whole reads of class
//   hierarchies with mixins, diamonds and inheritance cycles (the columns and their order depend
//   on the MRO).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { assignmentTarget, parseAssignment, parseStatement } from '../../src/core/readers/python/expr';
import { readSchema } from '../../src/core';

const CASES = path.join(__dirname, '..', 'cases');

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pythonFiles(full));
    else if (e.name.endsWith('.py')) out.push(full);
  }
  return out.sort();
}

/** The outcome of a parse: the parts, or the error it throws. */
function outcome(parse: () => unknown): string {
  try {
    return JSON.stringify(parse());
  } catch (e) {
    return `error ${String((e as Error).message)} at ${String((e as { at?: number }).at)}`;
  }
}

/** Checks one statement `text` the way class bodies use it: only when it has a name target. */
function check(text: string): void {
  const target = outcome(() => assignmentTarget(text, 0, text.length));
  if (target === 'null' || target.startsWith('error')) return;
  const fast = outcome(() => parseAssignment(text, 0, text.length));
  const general = outcome(() => {
    const st = parseStatement(text, 0, text.length);
    return { annotation: st.annotation, value: st.value };
  });
  assert.equal(fast, general, text);
}

const LINES = pythonFiles(CASES)
  .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
  .map((l) => l.trim())
  .filter((l) => l.length > 0);

test('parseAssignment reads every assignment of the test cases like parseStatement', () => {
  for (const line of LINES) check(line);
});

test('parseAssignment falls back on statements that only look like assignments', () => {
  for (const text of [
    'lambda: 1',
    'lambda: x = 2',
    'yield: int',
    'await = 1',
    'not = 1',
    'True = 1',
    'x = y = z',
    'x: int = y = 3',
    'x += 1',
    'x = 1 += 2',
    'x: "unterminated',
    'x = (1,',
    'x = 1; y = 2',
    'x: Mapped[int] = mapped_column(primary_key=True) # c',
    'x = \\\n  1',
  ]) {
    check(text);
  }
});

test('parseAssignment matches parseStatement on random edits', () => {
  const edit = fc.tuple(fc.integer({ min: 0, max: LINES.length - 1 }), fc.nat(), fc.constantFrom('', '=', ':', '(', ')', '"', "'", ',', ' = 1', '[', 'lambda ', '**', '#', ';', '+='));
  fc.assert(
    fc.property(edit, ([i, at, insert]) => {
      const line = LINES[i];
      const p = at % (line.length + 1);
      check(line.slice(0, p) + insert + line.slice(p));
    }),
    { numRuns: 3000, seed: 42 },
  );
});

const HIERARCHY = `
from typing import List, Optional
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class IdMixin:
    id: Mapped[int] = mapped_column(primary_key=True)

class TsMixin:
    created: Mapped[str] = mapped_column(String(20))

class Left(IdMixin):
    left: Mapped[Optional[str]]

class Right(IdMixin, TsMixin):
    right: Mapped[str]

class Diamond(Left, Right, Base):
    __tablename__ = "diamond"

class Child(Diamond):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(ForeignKey("diamond.id"), primary_key=True)
    own: Mapped[int]

class Chain(TsMixin, Base):
    __tablename__ = "chain"
    id: Mapped[int] = mapped_column(primary_key=True)

class Cycle1(Cycle2):
    a: Mapped[int] = mapped_column(primary_key=True)

class Cycle2(Cycle1):
    b: Mapped[int]

class Mapped1(Cycle2, Base):
    __tablename__ = "mapped1"
    c: Mapped[int] = mapped_column(primary_key=True)

class Inconsistent(IdMixin, Left, Base):
    __tablename__ = "inconsistent"
`;

test('class hierarchies read the same columns in MRO order (single inheritance shortcut, C3, cycles)', async () => {
  const { schema } = await readSchema([{ path: 'models.py', bytes: Buffer.from(HIERARCHY) }], { format: 'sqlalchemy' });
  const columns = Object.fromEntries(schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  // As the reader read them before the shortcut (the C3 merge for every class).
  assert.deepEqual(columns, {
    diamond: ['left', 'right', 'id', 'created'],
    child: ['id', 'own'],
    chain: ['created', 'id'],
    mapped1: ['b', 'a', 'c'],
    inconsistent: ['id', 'left'],
  });
});
