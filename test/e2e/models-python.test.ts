// Runs generated models.py under real Python and SQLAlchemy (1.4 classic style on both stacks,
// 2.0 style on the modern one): import, configure_mappers(), metadata.create_all on a throwaway
// PostgreSQL database, one row per mapped class inserted through the relationships (cycles
// included), and SQLAlchemy warnings treated as errors. Then the database create_all built is
// compared, column by column and constraint by constraint, with the one the generated DDL builds:
// both emitters must describe the same tables.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/core/analysis/graph';
import { emitPostgresDdl } from '../../src/core/emit/ddl';
import { emitSqlAlchemyModels, planModels, type SqlAlchemyVersion } from '../../src/core/emit/python/models';
import type { Schema } from '../../src/core/ir';
import { postgresBinDir, startPostgres, type PgCluster } from '../support/postgres';
import { pythonStackProblem, pythonStacks, type PythonStack } from '../support/python';
import { requireOrSkip } from '../support/e2e';
import { caseSchemas } from './case-schemas';
import { catalog } from './pg-catalog';
import { mysqlSchema, namesSchema, nullableCycleSchema, prismaSchema, shopSchema, socialSchema, sqliteSchema } from '../emit/schemas';

const SCHEMAS: Record<string, () => Schema> = {
  shop: shopSchema,
  cycle: nullableCycleSchema,
  names: namesSchema,
  mysql: mysqlSchema,
  sqlite: sqliteSchema,
  prisma: prismaSchema,
  social: socialSchema,
};

/**
 * Loads each models file as its own module, creates its tables and, unless the job says
 * `fill: false` (then it drops them again), inserts one row per class with a value for every
 * column that has no server default, links every many-to-one and many-to-many relationship to the
 * other class's row (a second pass links forward references, which is where post_update matters),
 * commits, and reports row counts and FK columns left NULL.
 */
const FILLER = `
import datetime, decimal, importlib.util, json, sys, traceback, uuid, warnings
import sqlalchemy as sa
from sqlalchemy.orm import Session, configure_mappers
from sqlalchemy.orm.interfaces import MANYTOMANY, MANYTOONE

warnings.simplefilter("error", sa.exc.SAWarning)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def value(column, n):
    t = column.type
    if isinstance(t, sa.Enum):
        return list(t.enum_class)[0] if t.enum_class else t.enums[0]
    try:
        py = t.python_type
    except NotImplementedError:
        return None
    if py is bool:
        return True
    if py is int:
        return 2 * n
    if py is float:
        return 1.5
    if py is decimal.Decimal:
        return decimal.Decimal("1.50")
    if py is str:
        length = getattr(t, "length", None)
        text = f"v{n}@example.org"
        return text[:length] if length else text
    if py is datetime.datetime:
        tz = datetime.timezone.utc if getattr(t, "timezone", False) else None
        return datetime.datetime(2024, 5, 17, 12, 30, tzinfo=tz)
    if py is datetime.date:
        return datetime.date(2024, 5, 17)
    if py is datetime.time:
        return datetime.time(12, 30)
    if py is datetime.timedelta:
        return datetime.timedelta(days=1)
    if py is uuid.UUID:
        return uuid.UUID(int=n)
    if py is dict:
        return {"n": n}
    if py is list:
        return []
    if py is bytes:
        return b"x"
    return None


def fill(job):
    module = load(job["path"], job["module"])
    configure_mappers()
    engine = sa.create_engine(job["url"])
    with engine.begin() as conn:
        for schema in job["schemas"]:
            conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    module.Base.metadata.create_all(engine)
    if not job["fill"]:
        module.Base.metadata.drop_all(engine)
        engine.dispose()
        return {}
    mappers = {m.class_.__name__: m for m in module.Base.registry.mappers}
    order = job["order"]
    objects = {}
    n = 0
    with Session(engine) as session:
        for name in order:
            mapper = mappers[name]
            obj = mapper.class_()
            linked = {c for r in mapper.relationships if r.direction is MANYTOONE for c in r.local_columns}
            mapper_key = set(mapper.primary_key) - set(mapper.local_table.primary_key)
            for prop in mapper.column_attrs:
                column = prop.columns[0]
                if column in linked:
                    continue
                if column.server_default is not None and column not in mapper_key:
                    continue
                n += 1
                setattr(obj, prop.key, value(column, n))
            for rel in mapper.relationships:
                target = objects.get(rel.mapper.class_.__name__)
                if target is None:
                    continue
                if rel.direction is MANYTOONE and rel.mapper is not mapper:
                    setattr(obj, rel.key, target)
                elif rel.direction is MANYTOMANY:
                    getattr(obj, rel.key).append(target)
            objects[name] = obj
            session.add(obj)
        for name in order:
            mapper = mappers[name]
            for rel in mapper.relationships:
                if rel.direction is MANYTOONE and rel.mapper is not mapper:
                    if getattr(objects[name], rel.key) is None:
                        setattr(objects[name], rel.key, objects[rel.mapper.class_.__name__])
        session.commit()
        counts = {name: session.query(mappers[name].class_).count() for name in order}
        unset = []
        for name in order:
            mapper = mappers[name]
            session.refresh(objects[name])
            for rel in mapper.relationships:
                if rel.direction is MANYTOONE and rel.mapper is not mapper:
                    for column in rel.local_columns:
                        key = mapper.get_property_by_column(column).key
                        if getattr(objects[name], key) is None:
                            unset.append(f"{name}.{key}")
    engine.dispose()
    return {"counts": counts, "unset": unset}


results = {}
for job in json.load(open(sys.argv[1])):
    try:
        results[job["module"]] = fill(job)
    except Exception:
        results[job["module"]] = {"error": traceback.format_exc()}
print(json.dumps(results))
`;

let pg: PgCluster | undefined;
let work: string;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-models-'));
  if (postgresBinDir() !== undefined) pg = await startPostgres();
});

after(() => {
  pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

type Report = Record<string, { counts?: Record<string, number>; unset?: string[]; error?: string }>;

/** Writes every schema's models in one style, runs the filler once for all of them, returns its report. */
async function runStack(stack: PythonStack, version: SqlAlchemyVersion, schemas: [string, Schema][], fill: boolean): Promise<Report> {
  const jobs = [];
  for (const [name, schema] of schemas) {
    const analysis = analyze(schema);
    const module = `models_${name.replace(/\W/g, '_')}_${stack.name}_${version.replace('.', '')}`;
    const file = path.join(work, `${module}.py`);
    fs.writeFileSync(file, emitSqlAlchemyModels(schema, analysis, { header: `Models for ${name}.`, sqlalchemy: version }));
    await pg!.createDatabase(module);
    const plan = planModels(schema, analysis);
    jobs.push({
      path: file,
      module,
      url: pg!.url(module),
      schemas: plan.pg.schemas,
      order: plan.classes.map((c) => c.name),
      fill,
    });
  }
  const jobFile = path.join(work, `jobs_${stack.name}_${version}_${fill}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(jobs));
  const scriptFile = path.join(work, 'filler.py');
  fs.writeFileSync(scriptFile, FILLER);
  const run = spawnSync(stack.python, [scriptFile, jobFile], { env: stack.env, encoding: 'utf8', timeout: 300_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

for (const [stackName, version] of [['classic', '1.4'], ['modern', '1.4'], ['modern', '2.0']] as const) {
  test(`models e2e: ${version}-style models run on the ${stackName} stack and match the DDL`, async (t) => {
    if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return;
    const stack = pythonStacks().find((s) => s.name === stackName);
    if (!requireOrSkip(t, `the ${stackName} Python stack (${pythonStackProblem(stackName) ?? ''})`, stack !== undefined)) return;
    const report = await runStack(stack!, version, Object.entries(SCHEMAS).map(([name, make]) => [name, make()]), true);
    for (const [name, make] of Object.entries(SCHEMAS)) {
      const module = `models_${name}_${stackName}_${version.replace('.', '')}`;
      const result = report[module];
      assert.equal(result.error, undefined, `${name}: ${result.error}`);
      const schema = make();
      const plan = planModels(schema, analyze(schema));
      assert.deepEqual(result.counts, Object.fromEntries(plan.classes.map((c) => [c.name, 1])), name);
      assert.deepEqual(result.unset, [], name);
      // The same schema through the DDL: identical columns, constraints and enum types.
      const ddlDb = `${module}_ddl`;
      await pg!.createDatabase(ddlDb);
      await pg!.psql(emitPostgresDdl(make()), ddlDb);
      assert.deepEqual(await catalog(pg!, module), await catalog(pg!, ddlDb), name);
    }
  });
}

for (const [stackName, version] of [['classic', '1.4'], ['modern', '2.0']] as const) {
  test(`models e2e: the ${version}-style models of every golden case import and create their tables (${stackName})`, async (t) => {
    if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return;
    const stack = pythonStacks().find((s) => s.name === stackName);
    if (!requireOrSkip(t, `the ${stackName} Python stack (${pythonStackProblem(stackName) ?? ''})`, stack !== undefined)) return;
    // Modules and databases are named by index: case names can be longer than PostgreSQL allows.
    const all = await caseSchemas();
    const report = await runStack(stack!, version, all.map((c, i): [string, Schema] => [`case${i}`, c.schema]), false);
    const failures = all.flatMap((c, i) => {
      const error = report[`models_case${i}_${stackName}_${version.replace('.', '')}`]?.error;
      return error === undefined ? [] : [`${c.name}: ${error}`];
    });
    assert.deepEqual(failures, []);
    assert.equal(Object.keys(report).length, all.length);
  });
}
