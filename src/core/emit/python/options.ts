// Options shared by the Python emitters (factories.py, conftest.py, smoke tests, seed data).

export interface PythonEmitOptions {
  /** Python module of each schema file (`app/models/user.py` → `app.models.user`). */
  modules: Record<string, string>;
  /** How the generated files import the factories module from each other: `factories` or `.factories`. */
  localPrefix: '' | '.';
  /** SQLAlchemy API generation: 1.4 (`begin_nested` recipe) or 2.0 (`join_transaction_mode`). */
  sqlalchemy: '1.4' | '2.0';
  /** The database the conftest provisions. */
  db: 'postgresql' | 'sqlite';
  /** Rows per table the `seeded` fixture inserts. */
  seedRows: number;
  /** Seed of the deterministic seed-row generator. */
  seed: number;
  /** Faker locale for generated values (`en_US`). */
  fakerLocale: string;
  /** Where the schema comes from, for creating it in the test database. */
  schemaSource: 'models' | 'ddl';
  /** Path of alembic.ini relative to the output folder, when migrations create the schema. */
  alembicIni: string | null;
  /** Path from the output folder to the folder that must be on sys.path for the model imports. */
  importRoot: string | null;
  /** Shown in every header: the input and the command that regenerates the files. */
  source: string;
  command: string;
  /** Generate the async (AsyncSession) variant of conftest and helpers. */
  async: boolean;
  /** The async driver of the async variant. */
  asyncDriver: 'asyncpg' | 'psycopg';
}

export const DEFAULT_PYTHON_OPTIONS: PythonEmitOptions = {
  modules: {},
  localPrefix: '',
  sqlalchemy: '2.0',
  db: 'postgresql',
  seedRows: 5,
  seed: 1234,
  fakerLocale: 'en_US',
  schemaSource: 'models',
  alembicIni: null,
  importRoot: null,
  source: 'models.py',
  command: 'npx fixture-scaffold generate models.py --out tests',
  async: false,
  asyncDriver: 'asyncpg',
};
