// test_migrations.py: tests that prove an Alembic history upgrades and downgrades cleanly on
// PostgreSQL — one head; base → head → base; the stairway (each revision upgraded, downgraded
// alone, upgraded again); models vs migrations (`compare_metadata`); a downgrade leaves no trace in
// the reflected schema; rows written before a revision that alters their tables survive it.
//
// Each test gets a database cloned from an empty template (CREATE DATABASE ... TEMPLATE), on the
// server of conftest.py's `database_url` (its own throwaway cluster, or TEST_DATABASE_URL), so the
// tests are independent and run under pytest-xdist. The stairway and no-trace tests, parametrized
// by revision id, share one walk of the history per session (and worker): a walk costs one upgrade,
// one downgrade and one upgrade per revision, where a database per revision would replay the
// history from base every time (quadratic). Each of those tests checks (and walks up to) its own
// revision, so they pass or fail the same in any order and on any worker.

import type { Column, Table } from '../../ir';
import type { AlembicHistory, AlembicRevisionInfo } from '../../readers/alembic/history';
import { PYTHON, stampChecksum, userSection } from '../regions';
import { Imports, pyLiteral, pyStr } from './code';
import { header, joinTopLevel } from './factories';
import type { PythonEmitOptions } from './options';

export interface MigrationTestsInput {
  history: AlembicHistory;
  options: PythonEmitOptions;
  /**
   * Where the models' metadata is imported from, for the drift test (`from app.models import
   * Base`, `Base.metadata`); null when there are no models to compare with.
   */
  metadata: { module: string; name: string; expression: string } | null;
}

/** Rows written per table before a revision that alters it. */
const ROWS = 3;

export function emitMigrationTests(input: MigrationTestsInput): string {
  const { history, options, metadata } = input;
  const imports = new Imports(new Set());
  imports.fromImport('__future__', 'annotations');
  imports.import('sys');
  imports.fromImport('collections.abc', 'Iterator');
  imports.fromImport('itertools', 'count');
  imports.fromImport('pathlib', 'Path');
  imports.fromImport('typing', 'Any');
  imports.import('pytest');
  imports.import('sqlalchemy as sa');
  imports.fromImport('alembic', 'command');
  imports.fromImport('alembic.config', 'Config');
  imports.fromImport('alembic.script', 'ScriptDirectory');
  imports.fromImport('alembic.runtime.environment', 'EnvironmentContext');
  imports.fromImport('alembic.runtime.migration', 'MigrationContext');
  imports.fromImport('alembic.runtime.migration', 'MigrationStep');
  if (metadata) imports.fromImport('alembic.autogenerate', 'compare_metadata');
  const data = history.revisions.filter((r) => r.before !== null && r.before.tables.length > 0);

  const parts: string[] = [];
  parts.push(header(options, 'Alembic migration tests'));
  parts.push(docstring(metadata !== null, data.length > 0));
  parts.push(imports.render());
  parts.push(settings(history, options));
  parts.push(revisionsConstant(history));
  if (data.length > 0) parts.push(rowsConstant(data));
  parts.push(userSection(PYTHON, 'settings', 'Your own settings and helpers.'));
  parts.push(HELPERS);
  parts.push(FIXTURES);
  parts.push(TESTS);
  if (metadata) parts.push(driftTest(metadata));
  if (data.length > 0) parts.push(DATA_TESTS);
  parts.push(userSection(PYTHON, 'tests', 'Your own migration tests.'));
  return stampChecksum(joinTopLevel(parts));
}

function docstring(drift: boolean, data: boolean): string {
  const lines = [
    '"""Tests of the Alembic migrations, on PostgreSQL.',
    '',
    '- one head;',
    '- upgrade base -> head, then downgrade head -> base, on an empty database;',
    '- the stairway: for every revision, upgrade to it, downgrade it alone, upgrade it again;',
  ];
  if (drift) lines.push("- the models match the migrations (alembic's compare_metadata finds nothing);");
  lines.push('- a downgrade leaves no trace: tables, columns, constraints, indexes, enum types and sequences');
  lines.push('  reflected before a revision equal the ones after its upgrade and downgrade;');
  if (data) lines.push('- data survives: rows written before a revision that alters their table are there after it.');
  lines.push(
    '',
    'Each test uses its own database, cloned from an empty template on the server of conftest.py, so',
    'tests are independent and run under pytest-xdist. The stairway and no-trace tests share one walk',
    'of the history per session (and worker) and each checks its own revision. A failure names the',
    'revision whose upgrade() or downgrade() failed.',
    '"""',
  );
  return lines.join('\n');
}

function settings(history: AlembicHistory, options: PythonEmitOptions): string {
  return [
    `ALEMBIC_INI = Path(__file__).parent / ${pyStr(options.alembicIni ?? 'alembic.ini')}`,
    '# alembic.ini\'s folder on sys.path, as its `prepend_sys_path = .` means when alembic runs there.',
    'sys.path.insert(0, str(ALEMBIC_INI.resolve().parent))',
    '',
    `HEADS = ${pyTuple(history.heads.map(pyStr))}`,
  ].join('\n');
}

function pyTuple(items: string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** REVISIONS: (id, parents, message) in replay order, parents first. */
function revisionsConstant(history: AlembicHistory): string {
  const lines = ['# The revisions when this file was generated, parents first: (id, parents, message).'];
  lines.push('REVISIONS: list[tuple[str, tuple[str, ...], str]] = [');
  for (const r of history.revisions) {
    const entry = `    (${pyStr(r.id)}, ${pyTuple(r.downRevisions.map(pyStr))}, ${pyStr(r.message ?? '')}),`;
    if (entry.length <= 100) lines.push(entry);
    else {
      lines.push('    (', `        ${pyStr(r.id)},`, `        ${pyTuple(r.downRevisions.map(pyStr))},`, `        ${pyStr(r.message ?? '')},`, '    ),');
    }
  }
  lines.push(']');
  lines.push('REVISION_IDS = [revision for revision, _, _ in REVISIONS]');
  lines.push('PARENTS = {revision: parents for revision, parents, _ in REVISIONS}');
  lines.push('MESSAGES = {revision: message for revision, _, message in REVISIONS}');
  return lines.join('\n');
}

/**
 * ROWS_BEFORE: for each revision that alters existing tables, rows for those tables (and the tables
 * they reference), parents first, written with the schema its parents leave; SURVIVING: where each
 * altered table's rows must be after the revision (its name after a rename).
 */
function rowsConstant(data: AlembicRevisionInfo[]): string {
  const lines = [
    '# Rows written before each revision that alters existing tables, in the schema its parents leave:',
    '# (table, rows), parents first; and where the rows of each altered table are after it.',
    'ROWS_BEFORE: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {',
  ];
  for (const r of data) {
    lines.push(`    ${pyStr(r.id)}: [`);
    for (const t of fkOrder(r.before!.tables)) {
      lines.push('        (', `            ${pyStr(t.name)},`, '            [');
      for (const row of rowsFor(t, r.before!.tables)) lines.push(...dictLines(row, '                '));
      lines.push('            ],', '        ),');
    }
    lines.push('    ],');
  }
  lines.push('}');
  lines.push('SURVIVING: dict[str, dict[str, str]] = {');
  for (const r of data) {
    const kept = r.effects.altered.filter((t) => !r.effects.dropped.includes(t));
    const entries = kept.map((t) => `${pyStr(t)}: ${pyStr(r.effects.renamed[t] ?? t)}`);
    const one = `    ${pyStr(r.id)}: {${entries.join(', ')}},`;
    if (one.length <= 100) lines.push(one);
    else lines.push(`    ${pyStr(r.id)}: {`, ...entries.map((e) => `        ${e},`), '    },');
  }
  lines.push('}');
  return lines.join('\n');
}

function dictLines(row: Record<string, unknown>, indent: string): string[] {
  const entries = Object.entries(row).map(([k, v]) => `${pyStr(k)}: ${pyLiteral(v)}`);
  const one = `${indent}{${entries.join(', ')}},`;
  if (one.length <= 100) return [one];
  return [`${indent}{`, ...entries.map((e) => `${indent}    ${e},`), `${indent}},`];
}

/** Tables with referenced tables first (ties in their given order); cycles keep the given order. */
function fkOrder(tables: Table[]): Table[] {
  const out: Table[] = [];
  const placed = new Set<string>();
  const pending = [...tables];
  while (pending.length > 0) {
    const i = pending.findIndex((t) => t.foreignKeys.every((fk) => fk.refTable === t.name || placed.has(fk.refTable) || !tables.some((x) => x.name === fk.refTable)));
    const next = pending.splice(i < 0 ? 0 : i, 1)[0];
    out.push(next);
    placed.add(next.name);
  }
  return out;
}

/**
 * ROWS rows for a table: every column except generated ones (autoincrement keys, computed columns)
 * and nullable columns of types without a plain literal; foreign keys point at the referenced
 * table's rows of the same number (autoincrement keys of a fresh table count 1, 2, 3).
 */
function rowsFor(table: Table, tables: Table[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 1; i <= ROWS; i++) {
    const row: Record<string, unknown> = {};
    for (const c of table.columns) {
      if (c.autoincrement || c.computed) continue;
      const fk = table.foreignKeys.find((f) => f.columns.includes(c.name));
      if (fk) {
        const ref = tables.find((t) => t.name === fk.refTable);
        const refColumn = ref?.columns.find((x) => x.name === fk.refColumns[fk.columns.indexOf(c.name)]);
        if (!ref || !refColumn) {
          if (c.nullable) row[c.name] = null;
          continue;
        }
        row[c.name] = refColumn.autoincrement ? i : valueFor(refColumn, i);
        continue;
      }
      const v = valueFor(c, i);
      if (v === undefined) {
        if (!c.nullable && !c.hasDefault) row[c.name] = String(i);
        continue;
      }
      row[c.name] = v;
    }
    rows.push(row);
  }
  return rows;
}

/** A value of row `i` for a column, distinct per row; undefined when the type has no plain literal. */
function valueFor(c: Column, i: number): unknown {
  const text = (s: string) => (c.maxLength !== null && s.length > c.maxLength ? s.slice(s.length - c.maxLength) : s);
  switch (c.type) {
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'numeric':
    case 'float':
      return i;
    case 'string':
    case 'text':
      return /e-?mail/i.test(c.name) ? text(`user${i}@example.com`) : text(`${c.name}-${i}`);
    case 'boolean':
      return i % 2 === 1;
    case 'date':
      return `2026-01-0${i}`;
    case 'datetime':
      return `2026-01-0${i} 12:00:00${c.timezone ? '+00:00' : ''}`;
    case 'time':
      return `12:00:0${i}`;
    case 'interval':
      return `${i} days`;
    case 'uuid':
      return `00000000-0000-4000-8000-00000000000${i}`;
    case 'json':
      return `{"row": ${i}}`;
    case 'enum':
      return c.enumValues && c.enumValues.length > 0 ? c.enumValues[(i - 1) % c.enumValues.length] : undefined;
    default:
      return undefined;
  }
}

const HELPERS = `def alembic_config(url: str | None = None) -> Config:
    """alembic.ini, with its script_location made absolute and sqlalchemy.url set to \`url\`."""
    config = Config(str(ALEMBIC_INI))
    location = config.get_main_option("script_location") or "alembic"
    if ":" not in location:
        config.set_main_option("script_location", str(ALEMBIC_INI.parent / location))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def revision_of(error: BaseException) -> str | None:
    """The revision whose file raised \`error\` (the innermost revision file in its traceback)."""
    files = {
        Path(script.path).resolve(): script.revision
        for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        found = files.get(Path(traceback.tb_frame.f_code.co_filename).resolve(), found)
        traceback = traceback.tb_next
    return found


def named(revision: str | None) -> str:
    if revision is None:
        return "env.py or code outside the revision files"
    return f"revision {revision} ({MESSAGES.get(revision, '?')})"


def migrate(config: Config, direction: str, target: str) -> None:
    """\`alembic upgrade|downgrade <target>\`; a failure names the revision that raised it."""
    try:
        if direction == "upgrade":
            command.upgrade(config, target)
        else:
            command.downgrade(config, target)
    except Exception as error:
        raise AssertionError(
            f"{direction} {target} failed in {named(revision_of(error))}: "
            f"{type(error).__name__}: {error}"
        ) from error


ENUMS_SQL = """
SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = current_schema()
GROUP BY t.typname
"""
SEQUENCES_SQL = """
SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema()
"""


def reflect(url: str) -> dict[str, Any]:
    """The schema of the database at \`url\` (see \`reflect_connection\`)."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return reflect_connection(connection)
    finally:
        engine.dispose()


def reflect_connection(connection: sa.engine.Connection) -> dict[str, Any]:
    """Tables (columns, keys, constraints, indexes), enum types and sequences of the schema."""
    found: dict[str, Any] = {}
    inspector = sa.inspect(connection)
    for table in sorted(inspector.get_table_names()):
        if table == "alembic_version":
            continue
        columns = inspector.get_columns(table)
        found[f"table {table}"] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default")) for c in columns
            ],
            "primary key": repr(inspector.get_pk_constraint(table)),
            "foreign keys": sorted(map(repr, inspector.get_foreign_keys(table))),
            "uniques": sorted(map(repr, inspector.get_unique_constraints(table))),
            "checks": sorted(map(repr, inspector.get_check_constraints(table))),
            "indexes": sorted(map(repr, inspector.get_indexes(table))),
        }
    for name, labels in connection.execute(sa.text(ENUMS_SQL)):
        found[f"enum type {name}"] = list(labels)
    for (name,) in connection.execute(sa.text(SEQUENCES_SQL)):
        found[f"sequence {name}"] = "exists"
    return found


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What differs between two reflected schemas, one line per difference."""
    lines = []
    for key in sorted(set(before) | set(after)):
        if key not in after:
            lines.append(f"{key}: gone")
        elif key not in before:
            lines.append(f"{key}: left behind")
        elif isinstance(before[key], dict):
            for part in before[key]:
                if before[key][part] != after[key][part]:
                    lines.append(f"{key}: {part} were {before[key][part]}, now {after[key][part]}")
        elif before[key] != after[key]:
            lines.append(f"{key}: was {before[key]}, now {after[key]}")
    return lines


class Databases:
    """Databases cloned from one empty template, each dropped when its test is done."""

    def __init__(self, url: str) -> None:
        self.url = sa.engine.make_url(url)
        self.admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.template = f"{self.url.database}_migrations"[:50]
        self.numbers = count()
        self.execute(f'DROP DATABASE IF EXISTS "{self.template}"')
        self.execute(f'CREATE DATABASE "{self.template}"')

    def execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(sa.text(sql))

    def create(self) -> str:
        name = f"{self.template}_{next(self.numbers)}"
        self.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = sa.engine.make_url(url).database
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{self.template}"')
        self.admin.dispose()


class Walk:
    """The history walked once, parents first: each revision upgraded, downgraded alone, upgraded.

    The whole walk is one run of env.py (one connection, as \`alembic upgrade\` has), whose
    migration steps are upgrade, downgrade, upgrade of each revision in turn: alembic runs each
    step's upgrade() or downgrade() and updates alembic_version as for any upgrade or downgrade.
    \`check(revision)\` returns what went wrong at that revision (None if nothing). With \`traced\`,
    the schema before each upgrade is compared with the one after the downgrade. A failure ends
    the walk (its transaction is rolled back): later revisions are reported as not reached.
    """

    def __init__(self, url: str, traced: bool) -> None:
        self.config = alembic_config(url)
        self.script = ScriptDirectory.from_config(self.config)
        self.traced = traced
        self.results: dict[str, str | None] = {}

    def check(self, revision: str) -> str | None:
        if not self.results:
            self.walk()
        return self.results[revision]

    def steps(self, heads: Any, context: MigrationContext) -> Iterator[MigrationStep]:
        for revision, _, _ in REVISIONS:
            for step in self.revision_steps(revision, context):
                # What one alembic command remembers between operations (the enum types it
                # created) must not leak into the next step, as it does not into the next command.
                context.impl.memo.clear()
                yield step

    def revision_steps(self, revision: str, context: MigrationContext) -> Iterator[MigrationStep]:
        revisions = self.script.revision_map
        script = self.script.get_revision(revision)
        before = reflect_connection(context.connection) if self.traced else None
        self.phase = (revision, "upgrade")
        yield MigrationStep.upgrade_from_script(revisions, script)
        self.phase = (revision, f"downgrade of {revision} alone")
        yield MigrationStep.downgrade_from_script(revisions, script)
        if before is not None:
            left = differences(before, reflect_connection(context.connection))
            if left:
                lines = "\\n  ".join(left)
                self.results[revision] = (
                    f"the downgrade of {named(revision)} left a trace:\\n  {lines}"
                )
        self.phase = (revision, "second upgrade")
        yield MigrationStep.upgrade_from_script(revisions, script)
        self.results.setdefault(revision, None)

    def walk(self) -> None:
        self.phase = (REVISION_IDS[0], "start")
        try:
            with EnvironmentContext(self.config, self.script, fn=self.steps):
                self.script.run_env()
        except Exception as error:
            revision, phase = self.phase
            culprit = revision_of(error) or revision
            self.results.setdefault(
                revision, f"{phase} failed in {named(culprit)}: {type(error).__name__}: {error}"
            )
            stopped = f"not reached: the walk stopped at {named(revision)}"
            for other in REVISION_IDS:
                self.results.setdefault(other, stopped)`;

const FIXTURES = `@pytest.fixture(scope="session")
def databases(database_url: str) -> Iterator[Databases]:
    """Template-cloned databases on the server of conftest.py's test database."""
    databases = Databases(database_url)
    yield databases
    databases.close()


@pytest.fixture
def empty_database(databases: Databases) -> Iterator[str]:
    """The URL of a fresh, empty database for one test."""
    url = databases.create()
    yield url
    databases.drop(url)


@pytest.fixture(scope="session")
def stairway(databases: Databases) -> Iterator[Walk]:
    url = databases.create()
    yield Walk(url, traced=False)
    databases.drop(url)


@pytest.fixture(scope="session")
def traced_walk(databases: Databases) -> Iterator[Walk]:
    url = databases.create()
    yield Walk(url, traced=True)
    databases.drop(url)`;

const TESTS = `def test_single_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, (
        f"the history has {len(heads)} heads ({', '.join(sorted(heads))}): "
        "join them with \`alembic merge heads\`"
    )


def test_revisions_are_the_generated_ones() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    found = sorted(s.revision for s in script.walk_revisions())
    assert found == sorted(REVISION_IDS), "the history changed: regenerate this file"


def test_upgrade_head_then_downgrade_base(empty_database: str) -> None:
    config = alembic_config(empty_database)
    empty = reflect(empty_database)
    migrate(config, "upgrade", "head")
    migrate(config, "downgrade", "base")
    left = differences(empty, reflect(empty_database))
    assert not left, "downgrade base left a trace:\\n  " + "\\n  ".join(left)


@pytest.mark.parametrize("revision", REVISION_IDS)
def test_stairway(stairway: Walk, revision: str) -> None:
    """Upgrade to the revision, downgrade it alone, upgrade it again."""
    problem = stairway.check(revision)
    assert problem is None, problem


@pytest.mark.parametrize("revision", REVISION_IDS)
def test_downgrade_leaves_no_trace(traced_walk: Walk, revision: str) -> None:
    """The schema before the revision's upgrade equals the one after its downgrade."""
    problem = traced_walk.check(revision)
    assert problem is None, problem`;

function driftTest(metadata: { module: string; name: string; expression: string }): string {
  return `def target_metadata() -> sa.MetaData:
    """The models' metadata (imported here, so a broken import fails this test only)."""
    from ${metadata.module} import ${metadata.name}

    return ${metadata.expression}


def test_models_match_migrations(empty_database: str) -> None:
    """alembic's compare_metadata finds no difference between the models and the head schema."""
    migrate(alembic_config(empty_database), "upgrade", "head")
    engine = sa.create_engine(empty_database, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            found = compare_metadata(context, target_metadata())
    finally:
        engine.dispose()
    assert not found, (
        f"the models differ from the schema the migrations leave at {', '.join(HEADS)} "
        f"(autogenerate a revision for them):\\n  " + "\\n  ".join(map(repr, found))
    )`;
}

const DATA_TESTS = `def write_rows(connection: sa.engine.Connection, revision: str) -> None:
    """Rows of your own, written before \`revision\`, in the schema its parents leave."""
    ${userSection(PYTHON, 'rows before', 'e.g. if revision == "...": connection.execute(sa.text("INSERT ..."))', '    ').trimStart()}


def check_rows(connection: sa.engine.Connection, revision: str) -> None:
    """Checks of your own after \`revision\`: the rows written before it are still right."""
    ${userSection(PYTHON, 'checks after', 'e.g. if revision == "...": assert connection.execute(...).scalar() == ...', '    ').trimStart()}


@pytest.mark.parametrize("revision", list(ROWS_BEFORE))
def test_data_survives(empty_database: str, revision: str) -> None:
    """Rows written before a revision that alters their table are still readable after it."""
    config = alembic_config(empty_database)
    for parent in PARENTS[revision]:
        migrate(config, "upgrade", parent)
    engine = sa.create_engine(empty_database, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as connection:
            for table, rows in ROWS_BEFORE[revision]:
                columns = [sa.column(name) for name in rows[0]]
                connection.execute(sa.table(table, *columns).insert(), rows)
            write_rows(connection, revision)
        migrate(config, "upgrade", revision)
        with engine.connect() as connection:
            written = dict(ROWS_BEFORE[revision])
            for before, after in SURVIVING[revision].items():
                found = connection.execute(sa.text(f'SELECT count(*) FROM "{after}"')).scalar()
                assert found == len(written[before]), (
                    f"{named(revision)}: {len(written[before])} rows written to {before} "
                    f"before it, {found} in {after} after it"
                )
            check_rows(connection, revision)
    finally:
        engine.dispose()`;
