// conftest.py for async code (AsyncSession, pytest-asyncio): the same database, schema, isolation
// and seed guarantees as the sync conftest, built so that no connection ever crosses event loops.
//
// Session setup (the per-worker database, the schema) runs synchronously through `asyncio.run`,
// in a loop of its own. Each test gets its own AsyncEngine, created and disposed in the test's
// loop, so the engine's loop scope always matches its fixture's scope, on pytest-asyncio 0.23 and
// later with no `event_loop` fixture and no loop-scope configuration.

import { PYTHON, stampChecksum, userSection } from '../regions';
import { Imports, pyStr } from './code';
import { THROWAWAY_POSTGRES, type ConftestInput } from './conftest';
import { firstPartyPackages, header, joinTopLevel } from './factories';

export function emitAsyncConftest(input: ConftestInput, driver: 'asyncpg' | 'psycopg'): string {
  const { options } = input;
  const imports = new Imports(firstPartyPackages(options));
  imports.fromImport('__future__', 'annotations');
  for (const m of ['asyncio', 'os', 'shutil', 'subprocess', 'tempfile']) imports.import(m);
  imports.fromImport('collections.abc', 'AsyncIterator', 'Iterator');
  imports.fromImport('pathlib', 'Path');
  imports.fromImport('typing', 'Any');
  imports.import('factory.random');
  imports.import('pytest');
  imports.import('pytest_asyncio');
  imports.import('sqlalchemy as sa');
  imports.fromImport('sqlalchemy.ext.asyncio', 'AsyncSession', 'create_async_engine');
  imports.fromImport('sqlalchemy.pool', 'NullPool');
  if (options.alembicIni) {
    imports.fromImport('alembic', 'command');
    imports.fromImport('alembic.config', 'Config');
  }
  const local = new Imports(firstPartyPackages(options));
  if (options.localPrefix === '.') {
    local.fromImport('.', 'factories');
    local.fromImport('.seed_data', 'seed_database');
  } else {
    local.import('factories');
    local.fromImport('seed_data', 'seed_database');
  }
  const metadata = input.metadata ?? { module: 'models', name: 'Base' };
  if (!options.alembicIni) local.fromImport(metadata.module, metadata.name);

  const parts: string[] = [header(options, 'async pytest fixtures')];
  parts.push(`"""Async database fixtures for the tests (SQLAlchemy AsyncSession + pytest-asyncio).

- A PostgreSQL database per test session and per pytest-xdist worker, on the server in
  TEST_DATABASE_URL (its user needs CREATEDB) or, when that is unset, on a throwaway cluster
  started from the initdb/pg_ctl on PATH or in /usr/lib/postgresql and removed afterwards.
- The schema, created once per session (in a loop of its own, through asyncio.run).
- \`db_session\`: an AsyncSession per test, on an engine created in the test's own event loop and
  joined to an outer transaction through a SAVEPOINT: code under test may commit() or
  rollback(); everything is rolled back when the test ends.
- Factories are synchronous factory_boy classes: in async tests create rows with
  \`await factories.create(UserFactory, ...)\` and \`await factories.create_batch(UserFactory, 5)\`.
- \`seeded\`: ROWS_PER_TABLE realistic rows per table (seed_data.py), committed into the test's
  transaction.

Mark async tests with @pytest.mark.asyncio, or set asyncio_mode = "auto" for pytest-asyncio.
"""`);
  if (options.importRoot !== null) {
    imports.import('sys');
    parts.push(imports.render());
    parts.push(
      [
        '# The models must be importable even when the project is not installed (pip install -e .).',
        `sys.path.insert(0, str((Path(__file__).parent / ${pyStr(options.importRoot)}).resolve()))`,
      ].join('\n'),
    );
    parts.push(local.render());
  } else parts.push(imports.merge(local).render());
  parts.push(userSection(PYTHON, 'imports', 'Your own imports.'));
  const settings = [`ASYNC_DRIVER = ${pyStr(`postgresql+${driver}`)}`, `FACTORY_SEED = ${options.seed}`];
  if (options.alembicIni) settings.unshift(`ALEMBIC_INI = Path(__file__).parent / ${pyStr(options.alembicIni)}`);
  parts.push(settings.join('\n'));
  parts.push(THROWAWAY_POSTGRES);
  parts.push(`def _async_url(url: str) -> str:
    async_url = sa.engine.make_url(url).set(drivername=ASYNC_DRIVER)
    return async_url.render_as_string(hide_password=False)`);
  parts.push(`async def _recreate_database(admin_url: str, name: str, drop_only: bool = False) -> None:
    admin = create_async_engine(_async_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if not drop_only:
                await connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()`);
  const createSchema = options.alembicIni
    ? `def _create_schema(url: str) -> None:
    config = Config(str(ALEMBIC_INI))
    location = config.get_main_option("script_location") or "alembic"
    if ":" not in location:
        config.set_main_option("script_location", str(ALEMBIC_INI.parent / location))
    config.set_main_option("sqlalchemy.url", _async_url(url).replace("%", "%%"))
    command.upgrade(config, "head")`
    : `async def _create_schema(url: str) -> None:
    engine = create_async_engine(_async_url(url), poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(${metadata.name}.metadata.create_all)
    finally:
        await engine.dispose()`;
  parts.push(createSchema);
  parts.push(`@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh database with the schema for this session (and xdist worker), dropped at the end."""
    server = None
    base_url = os.environ.get("TEST_DATABASE_URL")
    if not base_url:
        server = ThrowawayPostgres()
        base_url = server.start()
    url = sa.engine.make_url(base_url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{url.database or 'postgres'}_test_{worker}"[:63]
    try:
        asyncio.run(_recreate_database(base_url, name))
        test_url = url.set(database=name).render_as_string(hide_password=False)
        ${options.alembicIni ? '_create_schema(test_url)' : 'asyncio.run(_create_schema(test_url))'}
        yield test_url
        asyncio.run(_recreate_database(base_url, name, drop_only=True))
    finally:
        if server is not None:
            server.stop()`);
  parts.push(`@pytest_asyncio.fixture
async def db_session(database_url: str) -> AsyncIterator[AsyncSession]:
    """The session of one test: commits only release a SAVEPOINT of the test's transaction."""
    engine = create_async_engine(_async_url(database_url), poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            transaction = await connection.begin()
            session = AsyncSession(
                bind=connection,
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
            )
            factory.random.reseed_random(FACTORY_SEED)
            factories.bind_session(session)
            try:
                yield session
            finally:
                factories.bind_session(None)
                await session.close()
                await transaction.rollback()
    finally:
        await engine.dispose()`);
  parts.push(`@pytest_asyncio.fixture
async def seeded(db_session: AsyncSession) -> dict[str, list[Any]]:
    """Realistic rows in every table, by model name; committed so an app rollback keeps them."""
    rows = await db_session.run_sync(seed_database)
    await db_session.commit()
    return rows`);
  parts.push(userSection(PYTHON, 'fixtures', 'Your own fixtures.'));
  return stampChecksum(joinTopLevel(parts));
}
