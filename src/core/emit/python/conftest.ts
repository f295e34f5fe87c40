// conftest.py: a test database per session (and per xdist worker), the schema, per-test
// transaction + SAVEPOINT isolation, the factories' session, and the seed rows.

import type { Schema } from '../../ir';
import { PYTHON, stampChecksum, userSection } from '../regions';
import { Imports, pyStr } from './code';
import { firstPartyPackages, header, joinTopLevel } from './factories';
import type { PythonEmitOptions } from './options';

export interface ConftestInput {
  schema: Schema;
  options: PythonEmitOptions;
  /** Where `Base`/`SQLModel` (the metadata) is imported from, for `create_all`. */
  metadata: { module: string; name: string } | null;
}

export const THROWAWAY_POSTGRES = `class ThrowawayPostgres:
    """A private PostgreSQL cluster in a temporary folder, reachable only through its socket."""

    def __init__(self) -> None:
        self.bindir = self._find_binaries()
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        self.root = Path(tempfile.mkdtemp(prefix="pytest-postgres-", dir=base))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.socket.mkdir()
        # initdb refuses to run as root: run the server as the "postgres" user instead.
        self.as_user: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @staticmethod
    def _find_binaries() -> Path:
        found = shutil.which("pg_ctl")
        if found and shutil.which("initdb"):
            return Path(found).parent
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
            key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
        )
        if versions:
            return versions[-1].parent
        pytest.exit(
            "No PostgreSQL for the tests: set TEST_DATABASE_URL to a database URL whose user "
            "may CREATE DATABASE (e.g. postgresql://postgres@localhost/postgres), or install "
            "PostgreSQL so that initdb and pg_ctl are on PATH (apt-get install postgresql).",
            returncode=3,
        )

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True)

    def start(self) -> str:
        initdb = str(self.bindir / "initdb")
        pg_ctl = str(self.bindir / "pg_ctl")
        self._run(initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.root / "server.log")
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
        return f"postgresql+psycopg2://postgres@/postgres?host={self.socket}"

    def stop(self) -> None:
        pg_ctl = str(self.bindir / "pg_ctl")
        subprocess.run(
            [*self.as_user, pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)`;

export function emitConftest(input: ConftestInput): string {
  const { options } = input;
  const pg = options.db === 'postgresql';
  const imports = new Imports(firstPartyPackages(options));
  imports.fromImport('__future__', 'annotations');
  imports.import('pytest');
  imports.import('sqlalchemy as sa');
  imports.fromImport('collections.abc', 'Iterator');
  imports.fromImport('typing', 'Any');
  imports.fromImport('sqlalchemy.orm', 'Session');
  imports.import('factory.random');
  imports.import('os');
  if (pg) {
    imports.import('shutil');
    imports.import('subprocess');
    imports.import('tempfile');
  }
  const needsPath = pg || options.importRoot !== null || options.schemaSource === 'ddl' || options.alembicIni !== null;
  if (needsPath) imports.fromImport('pathlib', 'Path');
  if (options.alembicIni) {
    imports.fromImport('alembic', 'command');
    imports.fromImport('alembic.config', 'Config');
  }
  // Local modules (factories, seed data) and the models go after a sys.path fix when needed.
  const local = new Imports(firstPartyPackages(options));
  const prefix = options.localPrefix;
  if (prefix === '.') {
    local.fromImport('.', 'factories');
    local.fromImport('.seed_data', 'seed_database');
  } else {
    local.import('factories');
    local.fromImport('seed_data', 'seed_database');
  }
  // With alembic.ini the metadata is the fallback when ALEMBIC_INI is set to None.
  if (input.metadata && (options.schemaSource === 'models' || options.alembicIni)) {
    local.fromImport(input.metadata.module, input.metadata.name);
  }

  const parts: string[] = [];
  parts.push(header(options, 'pytest fixtures'));
  parts.push(docstring(options));
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
  } else {
    // Local and third-party imports share one sorted block.
    parts.push(mergeImports(imports, local));
  }
  parts.push(userSection(PYTHON, 'imports', 'Your own imports.'));
  parts.push(settings(input));
  if (pg) parts.push(THROWAWAY_POSTGRES);
  parts.push(databaseFixture(input));
  parts.push(engineFixture(input));
  parts.push(connectionFixture());
  parts.push(sessionFixture(options));
  parts.push(seededFixture(options));
  parts.push(userSection(PYTHON, 'fixtures', 'Your own fixtures.'));
  return stampChecksum(joinTopLevel(parts));
}

function mergeImports(a: Imports, b: Imports): string {
  // Imports renders one block per section; merging means rendering the union.
  return a.merge(b).render();
}

function docstring(options: PythonEmitOptions): string {
  const db = options.db === 'postgresql'
    ? `- A PostgreSQL database per test session and per pytest-xdist worker, on the server in
  TEST_DATABASE_URL (its user needs CREATEDB) or, when that is unset, on a throwaway cluster
  started from the initdb/pg_ctl on PATH or in /usr/lib/postgresql and removed afterwards.`
    : `- A SQLite database file per test session and per pytest-xdist worker (TEST_DATABASE_URL
  overrides it).`;
  const schema = options.alembicIni
    ? `- The schema, migrated once per session with \`alembic upgrade head\` (ALEMBIC_INI below).`
    : options.schemaSource === 'ddl'
      ? '- The schema, created once per session from schema.sql (foreign keys added last).'
      : "- The schema, created once per session from the models' metadata.";
  return `"""Database fixtures for the tests.

${db}
${schema}
- Per-test isolation: every test runs inside a transaction that is rolled back at the end, and
  \`db_session\` joins it through a SAVEPOINT, so code under test may commit() or rollback().
- \`db_session\`: the session every factory in factories.py is bound to.
- \`seeded\`: ROWS_PER_TABLE realistic rows per table (seed_data.py), committed into the
  test's transaction.
"""`;
}

function settings(input: ConftestInput): string {
  const o = input.options;
  const lines: string[] = [];
  if (o.alembicIni) {
    lines.push(
      '# Migrations create the test schema; point this at another alembic.ini, or set it to None to',
      "# create the tables from the models' metadata instead.",
      `ALEMBIC_INI = Path(__file__).parent / ${pyStr(o.alembicIni)}`,
    );
  }
  if (o.schemaSource === 'ddl') lines.push(`SCHEMA_SQL = Path(__file__).parent / "schema.sql"`);
  lines.push(`FACTORY_SEED = ${o.seed}`);
  return lines.join('\n');
}

function databaseFixture(input: ConftestInput): string {
  const o = input.options;
  if (o.db === 'sqlite') {
    return `@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite database file for this session (and pytest-xdist worker)."""
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    yield f"sqlite:///{tmp_path_factory.mktemp('db') / f'test_{worker}.sqlite3'}"`;
  }
  return `@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh, empty database for this session (and pytest-xdist worker), dropped at the end."""
    server = None
    base_url = os.environ.get("TEST_DATABASE_URL")
    if not base_url:
        server = ThrowawayPostgres()
        base_url = server.start()
    admin_url = sa.engine.make_url(base_url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{admin_url.database or 'postgres'}_test_{worker}"[:63]
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield admin_url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
        if server is not None:
            server.stop()`;
}

function engineFixture(input: ConftestInput): string {
  const o = input.options;
  let create: string;
  if (o.alembicIni) {
    const fallback = input.metadata
      ? `
    else:
        ${input.metadata.name}.metadata.create_all(engine)`
      : '';
    create = `    if ALEMBIC_INI is not None:
        config = Config(str(ALEMBIC_INI))
        location = config.get_main_option("script_location") or "alembic"
        if ":" not in location:
            config.set_main_option("script_location", str(ALEMBIC_INI.parent / location))
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        command.upgrade(config, "head")${fallback}`;
  } else if (o.schemaSource === 'ddl') {
    create = `    with engine.begin() as connection:
        connection.exec_driver_sql(SCHEMA_SQL.read_text(encoding="utf-8"))`;
  } else {
    create = `    ${input.metadata?.name ?? 'Base'}.metadata.create_all(engine)`;
  }
  const sqlite =
    o.db === 'sqlite'
      ? `
    # pysqlite's own transaction handling breaks SAVEPOINTs: let SQLAlchemy emit BEGIN itself.
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.engine.Connection) -> None:
        connection.exec_driver_sql("BEGIN")
`
      : '';
  return `@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[sa.engine.Engine]:
    """The engine of the test database, with the schema created once."""
    url = database_url
    engine = sa.create_engine(url)${sqlite}
${create}
    yield engine
    engine.dispose()`;
}

function connectionFixture(): string {
  return `@pytest.fixture
def connection(engine: sa.engine.Engine) -> Iterator[sa.engine.Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    connection = engine.connect()
    transaction = connection.begin()
    try:
        yield connection
    finally:
        transaction.rollback()
        connection.close()`;
}

function sessionFixture(o: PythonEmitOptions): string {
  if (o.sqlalchemy === '1.4') {
    // Models in the 1.x style run on SQLAlchemy 1.4 and 2.0 alike: pick the recipe at run time.
    return `SQLALCHEMY_2 = int(sa.__version__.split(".")[0]) >= 2


@pytest.fixture
def db_session(connection: sa.engine.Connection) -> Iterator[Session]:
    """The session of one test: commits only release a SAVEPOINT of the test's transaction."""
    if SQLALCHEMY_2:
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
    else:
        # SQLAlchemy 1.4: keep a SAVEPOINT open and start a new one whenever it ends.
        session = Session(bind=connection)
        nested = connection.begin_nested()

        @sa.event.listens_for(session, "after_transaction_end")
        def restart_savepoint(session: Session, transaction: Any) -> None:
            nonlocal nested
            if not nested.is_active:
                nested = connection.begin_nested()

    factory.random.reseed_random(FACTORY_SEED)
    factories.bind_session(session)
    try:
        yield session
    finally:
        factories.bind_session(None)
        session.close()`;
  }
  return `@pytest.fixture
def db_session(connection: sa.engine.Connection) -> Iterator[Session]:
    """The session of one test: commits only release a SAVEPOINT of the test's transaction."""
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    factory.random.reseed_random(FACTORY_SEED)
    factories.bind_session(session)
    try:
        yield session
    finally:
        factories.bind_session(None)
        session.close()`;
}

function seededFixture(o: PythonEmitOptions): string {
  void o;
  return `@pytest.fixture
def seeded(db_session: Session) -> dict[str, list[Any]]:
    """Realistic rows in every table, by model name; committed so an app rollback keeps them."""
    rows = seed_database(db_session)
    db_session.commit()
    return rows`;
}
