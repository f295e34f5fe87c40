// test_factories_smoke.py: proof that every factory (and trait) inserts valid rows, that batches
// respect unique constraints, and that every test starts from the same database ("count is five").

import { PYTHON, stampChecksum, userSection } from '../regions';
import { Imports, pyStr } from './code';
import { firstPartyPackages, header, joinTopLevel } from './factories';
import { formatStatement } from './format';
import type { PythonEmitOptions } from './options';
import type { SeededManyToMany } from './seed';
import type { ModelView, PythonView } from './view';

/** The model the isolation tests count: a root whose factory adds exactly one row of its table. */
function countedModel(view: PythonView): ModelView | null {
  return (
    view.models.find(
      (m) => m.isRoot && !m.fks.some((f) => f.targetTable === m.table.name) && !view.models.some((x) => x !== m && x.table === m.table),
    ) ?? null
  );
}

export function emitSmokeTests(view: PythonView, options: PythonEmitOptions, joins: SeededManyToMany[] = []): string {
  if (options.async) return emitAsyncSmokeTests(view, options, joins);
  const imports = new Imports(firstPartyPackages(options));
  imports.fromImport('__future__', 'annotations');
  imports.import('pytest');
  imports.import('sqlalchemy as sa');
  if (options.localPrefix === '.') {
    imports.fromImport('.', 'factories');
    imports.fromImport('.seed_data', 'ROWS_PER_TABLE');
  } else {
    imports.import('factories');
    imports.fromImport('seed_data', 'ROWS_PER_TABLE');
  }
  const counted = countedModel(view);
  if (counted) imports.fromImport(counted.module, counted.model.name);

  const options_ = traitList(view);
  const parts: string[] = [];
  parts.push(header(options, 'smoke tests for the fixtures'));
  parts.push(`"""Every factory inserts valid rows, and every test starts from the same database."""`);
  parts.push(imports.render());
  parts.push(`def _count(session, model) -> int:\n    return session.scalar(sa.select(sa.func.count()).select_from(model))`);
  parts.push(`@pytest.mark.parametrize("factory_class", factories.ALL_FACTORIES, ids=lambda f: f.__name__)
def test_factory_creates_a_valid_row(db_session, factory_class):
    instance = factory_class()
    db_session.flush()
    assert sa.inspect(instance).persistent`);
  parts.push(`@pytest.mark.parametrize("factory_class", factories.ALL_FACTORIES, ids=lambda f: f.__name__)
def test_create_batch_keeps_unique_values_unique(db_session, factory_class):
    model = factory_class._meta.model
    before = _count(db_session, model)
    instances = factory_class.create_batch(50)
    db_session.flush()
    assert len({sa.inspect(i).identity for i in instances}) == 50
    assert _count(db_session, model) >= before + 50`);
  if (options_.length > 0) {
    parts.push(`TRAITS = [\n${options_.join('\n')}\n]`);
    parts.push(`@pytest.mark.parametrize(
    ("factory_class", "trait"), TRAITS, ids=lambda v: v if isinstance(v, str) else v.__name__
)
def test_trait_creates_a_valid_row(db_session, factory_class, trait):
    instance = factory_class(**{trait: True})
    db_session.flush()
    assert sa.inspect(instance).persistent`);
  }
  for (const m of view.models) {
    for (const mm of m.manyToMany) {
      if (!mm.target) continue;
      const rel = mm.relationship.name;
      const loading = mm.relationship.loading;
      const check =
        loading === 'dynamic'
          ? `    assert instance.${rel}.count() == 2`
          : loading === 'write-only'
            ? `    assert len(db_session.scalars(instance.${rel}.select()).all()) == 2`
            : `    db_session.expire(instance)\n    assert len(instance.${rel}) == 2`;
      parts.push(`def test_${snake(m.factory)}_${rel}_links_rows(db_session):
    linked = factories.${mm.target.factory}.create_batch(2)
    instance = factories.${m.factory}(${rel}=linked)
    db_session.flush()
${check}`);
    }
  }
  parts.push(`def test_seeded_has_the_rows_of_every_table(seeded):
    assert seeded
    assert all(len(rows) == ROWS_PER_TABLE for rows in seeded.values())`);
  if (joins.length > 0) {
    const checks = linkedChecks(joins, 'db_session').map((c) => formatStatement('    ', 'assert ', c));
    // The session is asked for only when a write-only collection has to be queried through it.
    const fixtures = checks.some((c) => c.includes('db_session.')) ? 'db_session, seeded' : 'seeded';
    parts.push(`def test_seeded_links_many_to_many_rows(${fixtures}):\n${checks.join('\n')}`);
  }
  if (counted) {
    const M = counted.model.name;
    const F = `factories.${counted.factory}`;
    parts.push(`# The isolation tests pass in any order (and under pytest-xdist): each one starts from exactly
# the seed rows, whatever the others inserted, committed or rolled back.
def test_isolation_count_is_the_seed(db_session, seeded):
    assert _count(db_session, ${M}) == ROWS_PER_TABLE`);
    parts.push(`def test_isolation_can_add_one(db_session, seeded):
    ${F}()
    db_session.flush()
    assert _count(db_session, ${M}) == ROWS_PER_TABLE + 1`);
    parts.push(`def test_isolation_commit_stays_inside_the_test(db_session, seeded):
    ${F}()
    db_session.commit()
    assert _count(db_session, ${M}) == ROWS_PER_TABLE + 1`);
    parts.push(`def test_isolation_rollback_keeps_the_seed(db_session, seeded):
    ${F}()
    db_session.flush()
    db_session.rollback()
    assert _count(db_session, ${M}) == ROWS_PER_TABLE`);
  }
  parts.push(userSection(PYTHON, 'tests', 'Your own tests.'));
  return stampChecksum(joinTopLevel(parts));
}

/** The async twin: every test is a coroutine and creates rows through `factories.create`. */
function emitAsyncSmokeTests(view: PythonView, options: PythonEmitOptions, joins: SeededManyToMany[]): string {
  const imports = new Imports(firstPartyPackages(options));
  imports.fromImport('__future__', 'annotations');
  imports.import('pytest');
  imports.import('sqlalchemy as sa');
  if (options.localPrefix === '.') {
    imports.fromImport('.', 'factories');
    imports.fromImport('.seed_data', 'ROWS_PER_TABLE');
  } else {
    imports.import('factories');
    imports.fromImport('seed_data', 'ROWS_PER_TABLE');
  }
  const counted = countedModel(view);
  if (counted) imports.fromImport(counted.module, counted.model.name);
  const traits = traitList(view);
  const parts: string[] = [];
  parts.push(header(options, 'async smoke tests for the fixtures'));
  parts.push(`"""Every factory inserts valid rows through the AsyncSession, and every test is isolated."""`);
  parts.push(imports.render());
  parts.push('pytestmark = pytest.mark.asyncio');
  parts.push(`async def _count(session, model) -> int:
    return await session.scalar(sa.select(sa.func.count()).select_from(model))`);
  parts.push(`@pytest.mark.parametrize("factory_class", factories.ALL_FACTORIES, ids=lambda f: f.__name__)
async def test_factory_creates_a_valid_row(db_session, factory_class):
    instance = await factories.create(factory_class)
    await db_session.flush()
    assert sa.inspect(instance).persistent`);
  parts.push(`@pytest.mark.parametrize("factory_class", factories.ALL_FACTORIES, ids=lambda f: f.__name__)
async def test_create_batch_keeps_unique_values_unique(db_session, factory_class):
    model = factory_class._meta.model
    before = await _count(db_session, model)
    instances = await factories.create_batch(factory_class, 50)
    await db_session.flush()
    assert len({sa.inspect(i).identity for i in instances}) == 50
    assert await _count(db_session, model) >= before + 50`);
  if (traits.length > 0) {
    parts.push(`TRAITS = [\n${traits.join('\n')}\n]`);
    parts.push(`@pytest.mark.parametrize(
    ("factory_class", "trait"), TRAITS, ids=lambda v: v if isinstance(v, str) else v.__name__
)
async def test_trait_creates_a_valid_row(db_session, factory_class, trait):
    instance = await factories.create(factory_class, **{trait: True})
    await db_session.flush()
    assert sa.inspect(instance).persistent`);
  }
  for (const m of view.models) {
    for (const mm of m.manyToMany) {
      if (!mm.target) continue;
      const rel = mm.relationship.name;
      const loading = mm.relationship.loading;
      const check =
        loading === 'dynamic'
          ? `    assert await db_session.run_sync(lambda _: instance.${rel}.count()) == 2`
          : loading === 'write-only'
            ? `    linked_rows = (await db_session.scalars(instance.${rel}.select())).all()\n    assert len(linked_rows) == 2`
            : `    await db_session.refresh(instance, ["${rel}"])\n    assert len(instance.${rel}) == 2`;
      parts.push(`async def test_${snake(m.factory)}_${rel}_links_rows(db_session):
    linked = await factories.create_batch(factories.${mm.target.factory}, 2)
    instance = await factories.create(factories.${m.factory}, ${rel}=linked)
    await db_session.flush()
${check}`);
    }
  }
  parts.push(`async def test_seeded_has_the_rows_of_every_table(seeded):
    assert seeded
    assert all(len(rows) == ROWS_PER_TABLE for rows in seeded.values())`);
  if (joins.length > 0) {
    const checks = linkedChecks(joins, 'session').map((c) => formatStatement('        ', 'assert ', c));
    parts.push(`async def test_seeded_links_many_to_many_rows(db_session, seeded):
    def check_links(session) -> None:
${checks.join('\n')}

    await db_session.run_sync(check_links)`);
  }
  if (counted) {
    const M = counted.model.name;
    const F = `factories.${counted.factory}`;
    parts.push(`# The isolation tests pass in any order (and under pytest-xdist): each one starts from exactly
# the seed rows, whatever the others inserted, committed or rolled back.
async def test_isolation_count_is_the_seed(db_session, seeded):
    assert await _count(db_session, ${M}) == ROWS_PER_TABLE`);
    parts.push(`async def test_isolation_can_add_one(db_session, seeded):
    await factories.create(${F})
    assert await _count(db_session, ${M}) == ROWS_PER_TABLE + 1`);
    parts.push(`async def test_isolation_commit_stays_inside_the_test(db_session, seeded):
    await factories.create(${F})
    await db_session.commit()
    assert await _count(db_session, ${M}) == ROWS_PER_TABLE + 1`);
    parts.push(`async def test_isolation_rollback_keeps_the_seed(db_session, seeded):
    await factories.create(${F})
    await db_session.rollback()
    assert await _count(db_session, ${M}) == ROWS_PER_TABLE`);
  }
  parts.push(userSection(PYTHON, 'tests', 'Your own tests.'));
  return stampChecksum(joinTopLevel(parts));
}

/** `all(post.tags for post in seeded["Post"])` for both sides of every seeded association table. */
function linkedChecks(joins: SeededManyToMany[], session: string): string[] {
  const out: string[] = [];
  const check = (model: ModelView, collection: string) => {
    const row = snake(model.model.name);
    const loading = model.manyToMany.find((mm) => mm.relationship.name === collection)?.relationship.loading;
    const linked =
      loading === 'dynamic'
        ? `${row}.${collection}.count()`
        : loading === 'write-only'
          ? `${session}.scalars(${row}.${collection}.select()).first()`
          : `${row}.${collection}`;
    out.push(`all(${linked} for ${row} in seeded[${pyStr(model.model.name)}])`);
  };
  for (const j of joins) {
    check(j.owner, j.relationship);
    if (j.reverse) check(j.target, j.reverse);
  }
  return out;
}

function snake(factory: string): string {
  return factory
    .replace(/Factory$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** `(factories.XFactory, "trait"),` lines for every trait, self-reference trait and cycle hook. */
function traitList(view: PythonView): string[] {
  const out: string[] = [];
  for (const m of view.models) {
    for (const t of m.traits) out.push(`    (factories.${m.factory}, ${pyStr(t.name)}),`);
    for (const f of m.fks) {
      if (f.strategy.kind === 'self' && f.target) out.push(`    (factories.${m.factory}, ${pyStr(f.strategy.trait)}),`);
      if (f.strategy.kind === 'cycle-break' && f.target) out.push(`    (factories.${m.factory}, ${pyStr(f.strategy.hook)}),`);
    }
  }
  return out;
}
