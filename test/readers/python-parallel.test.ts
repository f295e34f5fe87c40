// The Python reader's parallel path: a large input is split from its text on the reader's thread
// while a worker thread parses it, and the parse confirms the split or the reader starts over from
// the tree. These tests hold that path to the one-thread read: the same schema and diagnostics for
// every Python case of the golden tests, for random edits of them, and for a 1,000-model schema;
// they check that the path is really taken (and really falls back), that a worker that cannot
// start or dies costs only the speed-up, and that the built CLI runs its bundled worker from dist/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, inspectJson, readSchema, type SourceFile } from '../../src/core';
import { parallelReads, type ParseThread } from '../../src/core/readers/python';
import { SyntaxWorker, syntaxWorker } from '../../src/core/readers/python/syntax-check';
import { syntheticSchema } from '../bench/inspect';

const ROOT = path.join(__dirname, '..', '..');
const CASES = path.join(ROOT, 'test', 'cases');

function pythonFiles(dir: string, base = dir): SourceFile[] {
  const out: SourceFile[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pythonFiles(full, base));
    else if (e.name.endsWith('.py')) out.push({ path: path.relative(base, full), bytes: fs.readFileSync(full) });
  }
  return out;
}

/** The Python cases: SQLAlchemy and SQLModel inputs (Alembic cases read their own way). */
const cases = fs
  .readdirSync(CASES)
  .filter((c) => /^(sa-|gen-sa|gen-sqlmodel|sqlmodel-)/.test(c))
  .map((c) => ({ name: c, files: pythonFiles(path.join(CASES, c)) }));

/** Everything `inspect --json` would print for `files` read on `thread`. */
async function inspectOn(files: SourceFile[], thread: ParseThread): Promise<string> {
  const read = await readSchema(files, { pythonParseThread: thread });
  return JSON.stringify(inspectJson(read.schema, analyze(read.schema), read.diagnostics), null, 1);
}

/**
 * Reads `files` on `thread`, asserting that the read took the parallel path and printed what the
 * one-thread read prints; returns the parsed document.
 */
async function readInParallel(files: SourceFile[], thread: ParseThread): Promise<{ tables: unknown[] }> {
  const before = parallelReads.parallel;
  const parallel = await inspectOn(files, thread);
  assert.equal(parallelReads.parallel, before + 1, 'the read did not take the parallel path');
  assert.equal(parallel, await inspectOn(files, 'never'));
  return JSON.parse(parallel);
}

test('python parallel read: every Python case reads the same as on one thread', async () => {
  assert.ok(cases.length >= 20, `found ${cases.length} Python cases`);
  const before = { ...parallelReads };
  for (const c of cases) {
    assert.equal(await inspectOn(c.files, 'always'), await inspectOn(c.files, 'never'), c.name);
  }
  const parallel = parallelReads.parallel - before.parallel;
  const fromTree = parallelReads.fromTree - before.fromTree;
  assert.equal(parallel + fromTree, cases.length);
  // Most cases are plain enough for the text split; the syntax-error and decorator cases are not.
  assert.ok(parallel > cases.length / 2, `${parallel} of ${cases.length} cases read in parallel`);
  assert.ok(fromTree >= 3, `${fromTree} cases fell back to the tree`);
});

test('python parallel read: a 1,000-model schema is read in parallel by default, the same as on one thread', async () => {
  const { file, text } = syntheticSchema('sqlalchemy', 1000);
  const read = await readInParallel([{ path: file, text }], 'auto');
  assert.equal(read.tables.length, 1000);
});

test('python parallel read: in a package, a file the text split leaves to the tree is parsed as usual', async () => {
  const { text } = syntheticSchema('sqlalchemy', 40);
  const files = [
    { path: 'app/models.py', text },
    {
      path: 'app/events.py',
      text: [
        'from sqlalchemy import event',
        'from sqlalchemy.orm import Mapped, mapped_column',
        'from .models import Base',
        '',
        '',
        '@event.listens_for(Base, "init", propagate=True)',
        'def on_init(target, args, kwargs):',
        '    pass',
        '',
        '',
        'class Audit(Base):',
        '    __tablename__ = "audit"',
        '',
        '    id: Mapped[int] = mapped_column(primary_key=True)',
        '',
      ].join('\n'),
    },
  ];
  const read = await readInParallel(files, 'always');
  assert.equal(read.tables.length, 41);
});

test('python parallel read: small inputs stay on one thread by default', async () => {
  const { file, text } = syntheticSchema('sqlalchemy', 10);
  const before = { ...parallelReads };
  await inspectOn([{ path: file, text }], 'auto');
  assert.deepEqual(parallelReads, before);
});

test('python parallel read: random edits of the cases read the same as on one thread', async () => {
  const files = cases.flatMap((c) => c.files).filter((f) => /^class /m.test(f.bytes!.toString()));
  const snippets = ['\t', ';', '@decorator\n', 'f"{x}"', '# c\n', '\\\n', '\r\n', '\r', '"', '"""', '(', ')', '\n', '    ', 'x = 1\n', 'else:\n', 'class Z(Base): pass\n', 'if TYPE_CHECKING:\n    import a\n'];
  const before = { ...parallelReads };
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: files.length - 1 }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...snippets), fc.boolean()), { minLength: 1, maxLength: 3 }),
      async (which, edits) => {
        let text = files[which].bytes!.toString();
        for (const [at, snippet, lineStart] of edits) {
          let i = Math.floor(at * text.length);
          if (lineStart) i = text.lastIndexOf('\n', i - 1) + 1;
          text = text.slice(0, i) + snippet + text.slice(i);
        }
        const edited = [{ path: files[which].path, text }];
        assert.equal(await inspectOn(edited, 'always'), await inspectOn(edited, 'never'));
      },
    ),
    { numRuns: 150, seed: 20261206 },
  );
  // Both outcomes happened: edits the parse confirmed, and edits it sent back to the tree.
  assert.ok(parallelReads.parallel - before.parallel > 10, 'too few edited files were read in parallel');
  assert.ok(parallelReads.fromTree - before.fromTree > 10, 'too few edited files fell back to the tree');
});

test('python parallel read: a worker that cannot start or dies answers null, never throws', async () => {
  const none = new SyntaxWorker(null);
  assert.equal(none.available, false);
  assert.equal(await none.check('x = 1\n'), null);

  const missing = new SyntaxWorker(path.join(os.tmpdir(), 'fixture-scaffold-no-such-worker.js'));
  assert.equal(missing.available, true);
  assert.equal(await missing.check('x = 1\n'), null);
  assert.equal(missing.available, false, 'a failed worker is not retried');
  assert.equal(await missing.check('x = 1\n'), null);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-worker-'));
  const dying = path.join(dir, 'dying.js');
  fs.writeFileSync(dying, 'process.exit(3);\n');
  assert.equal(await new SyntaxWorker(dying).check('x = 1\n'), null);

  const silent = path.join(dir, 'silent.js');
  fs.writeFileSync(silent, 'setInterval(() => {}, 1000);\n');
  const stopped = new SyntaxWorker(silent);
  const pending = stopped.check('x = 1\n');
  await stopped.stop();
  assert.equal(await pending, null, 'stopping the worker settles what it had pending');

  const real = syntaxWorker();
  const verdict = await real.check('class A(Base):\n    x = 1\n\n(\n');
  assert.equal(verdict?.hasError, true);
  assert.deepEqual([...(await real.check('import a\n# c\nx = 1\n'))!.starts], [0, 13]);
});

test('python parallel read: the built CLI starts its bundled worker from dist/ alone and exits', () => {
  const dist = path.join(ROOT, 'dist');
  assert.ok(fs.existsSync(path.join(dist, 'python-syntax-worker.js')), 'run npm run build first');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-dist-'));
  for (const f of fs.readdirSync(dist)) if (/\.(js|wasm)$/.test(f)) fs.copyFileSync(path.join(dist, f), path.join(copy, f));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-big-'));
  const { file, text } = syntheticSchema('sqlalchemy', 1000);
  fs.writeFileSync(path.join(work, file), text);
  const run = (dir: string) =>
    spawnSync(process.execPath, [path.join(dir, 'cli.js'), 'inspect', file, '--json'], { cwd: work, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  // The copy's worker script leaves a mark when the CLI starts it, then runs the bundled worker.
  const marker = path.join(work, 'worker-started');
  fs.renameSync(path.join(copy, 'python-syntax-worker.js'), path.join(copy, 'bundled-worker.js'));
  fs.writeFileSync(
    path.join(copy, 'python-syntax-worker.js'),
    `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes');\nrequire('./bundled-worker.js');\n`,
  );
  const parallel = run(copy);
  assert.equal(parallel.status, 0, parallel.stderr);
  assert.ok(fs.existsSync(marker), 'the CLI did not start the worker beside it');
  // Without the worker script the same bundle reads on one thread.
  const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-dist-'));
  for (const f of fs.readdirSync(copy)) if (!f.endsWith('worker.js')) fs.copyFileSync(path.join(copy, f), path.join(alone, f));
  const oneThread = run(alone);
  assert.equal(oneThread.status, 0, oneThread.stderr);
  assert.equal(parallel.stdout, oneThread.stdout);
  assert.equal(JSON.parse(parallel.stdout).tables.length, 1000);
});

test.after(() => syntaxWorker().stop());
