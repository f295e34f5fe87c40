// Regeneration through the CLI: user code in the marked regions survives a schema change, edits
// outside the regions are never overwritten silently, and output is byte-identical run to run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/cli';

const shop = path.join(__dirname, 'cases', 'gen-sa2-shop', 'models.py');

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-regen-'));
  fs.copyFileSync(shop, path.join(dir, 'models.py'));
  return dir;
}

const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, 'tests', f), 'utf8');

/** Puts `code` inside the user region `name` of a generated file. */
function addUserCode(file: string, name: string, code: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const marker = new RegExp(`(\\n( *)# region user code: ${name}\\n)`);
  assert.match(text, marker, `no user region ${name} in ${file}`);
  fs.writeFileSync(file, text.replace(marker, (_m, open: string, indent: string) => `${open}${indent}${code}\n`));
}

test('generate: two runs give byte-identical files, the second reports them unchanged', async () => {
  const a = project();
  const b = project();
  assert.equal((await cli(['generate', 'models.py'], a)).code, 0);
  assert.equal((await cli(['generate', 'models.py'], b)).code, 0);
  for (const f of ['factories.py', 'conftest.py', 'seed_data.py', 'test_factories_smoke.py', 'test_constraints.py']) {
    assert.equal(read(a, f), read(b, f), `${f} differs between runs`);
  }
  const again = await cli(['generate', 'models.py'], a);
  assert.equal(again.code, 0);
  assert.equal(again.stdout.match(/: unchanged/g)?.length, 5, again.stdout);
});

test('generate: user code survives a schema change', async () => {
  const dir = project();
  assert.equal((await cli(['generate', 'models.py'], dir)).code, 0);
  addUserCode(path.join(dir, 'tests', 'factories.py'), 'CustomerFactory', 'first_name = "Ada"');
  addUserCode(path.join(dir, 'tests', 'conftest.py'), 'fixtures', '# keep me: a fixture of my own');

  const models = path.join(dir, 'models.py');
  fs.writeFileSync(
    models,
    fs
      .readFileSync(models, 'utf8')
      .replace('    phone: Mapped[Optional[str]] = mapped_column(String(30))\n', '    phone: Mapped[Optional[str]] = mapped_column(String(30))\n    nickname: Mapped[str] = mapped_column(String(20))\n'),
  );
  const regen = await cli(['generate', 'models.py'], dir);
  assert.equal(regen.code, 0, regen.stderr);
  assert.match(regen.stdout, /factories\.py: updated/);
  const factories = read(dir, 'factories.py');
  assert.match(factories, /^ {4}nickname = /m, 'the new column is in the factory');
  assert.match(factories, /# region user code: CustomerFactory\n {4}first_name = "Ada"\n/);
  assert.match(read(dir, 'conftest.py'), /# keep me: a fixture of my own/);
});

test('generate: user code of a removed model is kept, commented out, at the end', async () => {
  const dir = project();
  assert.equal((await cli(['generate', 'models.py'], dir)).code, 0);
  addUserCode(path.join(dir, 'tests', 'factories.py'), 'TagFactory', 'label = factory.Sequence(lambda n: f"tag-{n}")');
  const models = path.join(dir, 'models.py');
  const text = fs.readFileSync(models, 'utf8');
  // Drop the Tag model and the association table that needs it.
  const withoutTag = text
    .replace(/product_tags = Table\([\s\S]*?\n\)\n\n\n/, '')
    .replace(/class Tag\(Base\):[\s\S]*?(?=\nclass Product)/, '')
    .replace('    tags: Mapped[list[Tag]] = relationship(secondary=product_tags)\n', '');
  fs.writeFileSync(models, withoutTag);
  const regen = await cli(['generate', 'models.py'], dir);
  assert.equal(regen.code, 0, regen.stderr);
  assert.match(regen.stdout, /user code of "TagFactory" has no place any more/);
  const factories = read(dir, 'factories.py');
  assert.doesNotMatch(factories, /^class TagFactory/m);
  assert.match(factories, /# region user code: TagFactory \(orphaned\)\n[\s\S]*# label = factory\.Sequence\(lambda n: f"tag-\{n\}"\)/);
  // Regenerating again keeps the orphaned section as it is.
  assert.equal((await cli(['generate', 'models.py'], dir)).code, 0);
  assert.equal(read(dir, 'factories.py'), factories);
});

test('generate: a file edited outside its regions is not overwritten unless forced', async () => {
  const dir = project();
  assert.equal((await cli(['generate', 'models.py'], dir)).code, 0);
  const file = path.join(dir, 'tests', 'factories.py');
  const edited = fs.readFileSync(file, 'utf8').replace('class BaseFactory', '# my note\nclass BaseFactory');
  fs.writeFileSync(file, edited);
  const refused = await cli(['generate', 'models.py'], dir);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /factories\.py: not written: it was edited outside its "user code" regions/);
  assert.equal(fs.readFileSync(file, 'utf8'), edited, 'the edited file is untouched');

  const forced = await cli(['generate', 'models.py', '--force'], dir);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /previous version saved as tests\/factories\.py\.bak/);
  assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), edited);
  assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /# my note/);
});

test('generate: a file that fixture-scaffold did not write is left alone', async () => {
  const dir = project();
  fs.mkdirSync(path.join(dir, 'tests'));
  fs.writeFileSync(path.join(dir, 'tests', 'conftest.py'), 'import pytest\n');
  const run = await cli(['generate', 'models.py'], dir);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /conftest\.py: not written: this file was not generated by fixture-scaffold/);
  assert.equal(read(dir, 'conftest.py'), 'import pytest\n');
  assert.ok(fs.existsSync(path.join(dir, 'tests', 'factories.py')), 'the other files are still written');
});

test('generate --dry-run writes nothing', async () => {
  const dir = project();
  const run = await cli(['generate', 'models.py', '--dry-run'], dir);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /factories\.py: would be created/);
  assert.equal(fs.existsSync(path.join(dir, 'tests')), false);
});

test('check: exits 0 when up to date and 1 with the drift named', async () => {
  const dir = project();
  assert.equal((await cli(['generate', 'models.py'], dir)).code, 0);
  const ok = await cli(['check', 'models.py'], dir);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const models = path.join(dir, 'models.py');
  fs.writeFileSync(models, fs.readFileSync(models, 'utf8').replace('label: Mapped[str] = mapped_column(String(24), unique=True)', 'label: Mapped[str] = mapped_column(String(8), unique=True)'));
  const drift = await cli(['check', 'models.py'], dir);
  assert.equal(drift.code, 1);
  assert.match(drift.stdout, /tests\/factories\.py:\d+:1: warning: `TagFactory` is out of date with model `Tag`: `label` changed/);
  assert.match(drift.stdout, /models\.py:\d+:\d+: info: model `Tag` is defined here/);
});
