// Fixing one drifted factory (the editor's quick fix): the result is what regenerating gives for
// that factory, other factories and user code stay as they are, and the file still reads as ours.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { checkDrift } from '../../src/core/drift';
import { fixFactoryDrift } from '../../src/core/drift-fix';
import { mergeGenerated, PYTHON } from '../../src/core/emit/regions';
import { generatePython } from '../../src/core/generate';
import { looksLikeSchema, readGeneratedHeader } from '../../src/core/sniff';
import { prepareJob, type PreparedJob } from '../../src/node/generate-job';

const HR = fs.readFileSync(path.join(__dirname, '..', 'cases', 'gen-sa2-hr', 'models.py'), 'utf8');
const KIND_LINE = '    kind: Mapped[str] = mapped_column(String(20))\n';
const WITH_BADGE = HR.replace(KIND_LINE, `${KIND_LINE}    badge: Mapped[str] = mapped_column(String(12))\n`);
const ROOM = [
  'class Room(Base):',
  '    __tablename__ = "rooms"',
  '',
  '    id: Mapped[int] = mapped_column(primary_key=True)',
  '    label: Mapped[str] = mapped_column(String(30))',
  '    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))',
  '',
  '',
  'class Contractor(Employee):',
].join('\n');
const WITH_ROOM = HR.replace('class Contractor(Employee):', ROOM);

/** Reads `models` from a throwaway folder as the CLI would (tests/ as the output folder). */
async function read(t: TestContext, models: string): Promise<PreparedJob> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-drift-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'models.py'), models);
  const job = await prepareJob({ input: 'models.py', out: 'tests', cwd: dir });
  assert.ok(job.python, `the models read: ${job.diagnostics.map((d) => d.message).join('; ')}`);
  return job;
}

/** The factories.py a fresh generation writes for a job. */
function factories(job: PreparedJob): string {
  return generatePython(job.schema, job.analysis, { ...job.python!, factoriesOnly: true }).files[0].contents;
}

test('a new NOT NULL column: the fixed factory is the regenerated one, byte for byte', async (t) => {
  const old = factories(await read(t, HR));
  const job = await read(t, WITH_BADGE);
  const fix = fixFactoryDrift(job.schema, job.analysis, old, job.python!, 'EmployeeFactory');
  assert.equal(fix?.item.kind, 'stale-factory');
  assert.equal(fix?.text, factories(job));
});

test('a new model: its factory, its import and its ALL_FACTORIES entry are added', async (t) => {
  const old = factories(await read(t, HR));
  const job = await read(t, WITH_ROOM);
  const fix = fixFactoryDrift(job.schema, job.analysis, old, job.python!, 'RoomFactory');
  assert.equal(fix?.item.kind, 'missing-factory');
  assert.equal(fix?.text, factories(job));
  assert.match(fix!.text, /^from models import .*\bRoom\b/m);
});

test('fixing one factory leaves the others drifted, keeps user code, and keeps the checksum valid', async (t) => {
  const generated = factories(await read(t, HR));
  const userLine = '    hired_on = datetime.date(2024, 1, 1)';
  const old = generated.replace('    # Declarations here override the generated ones above.\n    # endregion user code: EmployeeFactory', `${userLine}\n    # endregion user code: EmployeeFactory`);
  const both = WITH_ROOM.replace(KIND_LINE, `${KIND_LINE}    badge: Mapped[str] = mapped_column(String(12))\n`);
  const job = await read(t, both);
  const fix = fixFactoryDrift(job.schema, job.analysis, old, job.python!, 'EmployeeFactory');
  assert.ok(fix);
  assert.ok(fix.text.includes(userLine), 'the user code of EmployeeFactory is kept');
  assert.ok(!fix.text.includes('class RoomFactory('), 'RoomFactory is not added by fixing EmployeeFactory');
  const remaining = checkDrift(job.schema, job.analysis, fix.text, job.python!).items.map((i) => `${i.kind} ${i.factory}`);
  assert.deepEqual(remaining, ['missing-factory RoomFactory']);
  assert.equal(mergeGenerated(fix.text, factories(job), PYTHON).conflict, null, 'regeneration still accepts the fixed file');
});

test('a name only a kept factory imports stays imported', async (t) => {
  const old = factories(await read(t, WITH_ROOM));
  // Room is gone from the models, but RoomFactory stays until the user removes it.
  const job = await read(t, WITH_BADGE);
  const fix = fixFactoryDrift(job.schema, job.analysis, old, job.python!, 'EmployeeFactory');
  assert.ok(fix?.text.includes('class RoomFactory('));
  assert.match(fix!.text, /^from models import Room$/m);
});

test('an up-to-date factory has nothing to fix', async (t) => {
  const job = await read(t, HR);
  assert.equal(fixFactoryDrift(job.schema, job.analysis, factories(job), job.python!, 'EmployeeFactory'), null);
});

test('the cheap checks: schema-looking text, and the header of a generated file', async (t) => {
  assert.ok(looksLikeSchema('app/models.py', HR));
  assert.ok(!looksLikeSchema('app/views.py', 'def index(request):\n    return "hi"\n'));
  assert.ok(looksLikeSchema('db/schema.sql', 'create unlogged table t (id int);'));
  assert.ok(!looksLikeSchema('db/seed.sql', "insert into t values (1, 'x');"));
  assert.ok(looksLikeSchema('schema.prisma', 'model User {\n  id Int @id\n}\n'));
  assert.ok(!looksLikeSchema('README.md', 'class X(Base): __tablename__ = "x"'));
  const header = readGeneratedHeader(factories(await read(t, HR)));
  assert.deepEqual(header && { ...header, options: { ...header.options } }, {
    source: 'models.py',
    command: 'npx fixture-scaffold generate models.py --out tests',
    options: { out: 'tests' },
    stamped: true,
  });
  assert.equal(readGeneratedHeader(HR), null);
});
