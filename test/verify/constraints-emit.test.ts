// The boundary-value tests as generated (test_constraints.py), without Python: which cases each
// database gets (SQLite enforces no lengths and has no enum types), the driver errors expected,
// ruff cleanliness, and agreement with the boundary model verify runs. test/e2e/python-generate
// runs the generated file with pytest on PostgreSQL for every generation case.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/graph';
import { generatePython } from '../../src/core/generate';
import { generateVitest } from '../../src/core/emit/typescript';
import { readSchema } from '../../src/core/readers';
import { boundaryCases, countCases } from '../../src/core/verify';
import { formatFindings, ruffCheck, ruffFormat } from '../support/ruff';

const MODELS = `import enum
from sqlalchemy import CheckConstraint, Enum, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Status(enum.Enum):
    open = "open"
    closed = "closed"


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class Player(Base):
    __tablename__ = "players"
    __table_args__ = (
        UniqueConstraint("team_id", "shirt"),
        CheckConstraint("shirt BETWEEN 1 AND 99"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    shirt: Mapped[int] = mapped_column(Integer)
    status: Mapped[Status] = mapped_column(Enum(Status))
`;

async function generated(db: 'postgresql' | 'sqlite', async = false): Promise<string> {
  const { schema } = await readSchema([{ path: 'models.py', text: MODELS }], {});
  const result = generatePython(schema, analyze(schema), { source: 'models.py', command: 'npx fixture-scaffold generate models.py', modules: { 'models.py': 'models' }, db, async });
  const file = result.files.find((f) => f.path === 'test_constraints.py');
  assert.ok(file, `no test_constraints.py among ${result.files.map((f) => f.path).join(', ')}`);
  return file.contents;
}

test('test_constraints.py on PostgreSQL: every kind of promise, with the driver error it raises', async () => {
  const text = await generated('postgresql');
  assert.match(text, /pytest\.param\(TEAMS, "name", "x" \* 40, None, id="teams\.name-max-length-40-accepted"\)/);
  assert.match(text, /"x" \* 41,\s+sa\.exc\.DataError,\s+id="teams\.name-max-length-41-rejected"/);
  assert.match(text, /PLAYERS, "shirt", 99, None, id="players\.shirt-check-max-99-accepted"/);
  assert.match(text, /PLAYERS, "shirt", 100, sa\.exc\.IntegrityError, id="players\.shirt-check-max-100-rejected"/);
  assert.match(text, /PLAYERS, "shirt", 0, sa\.exc\.IntegrityError, id="players\.shirt-check-min-0-rejected"/);
  assert.match(text, /PLAYERS, "status", "not-a-member", sa\.exc\.DataError, id="players\.status-enum-rejected"/);
  assert.match(text, /PLAYERS, "status", None, sa\.exc\.IntegrityError, id="players\.status-not-null-rejected"/);
  assert.match(text, /pytest\.param\(TEAMS, \("name",\), id="teams\.name-duplicate"\)/);
  assert.match(text, /PLAYERS, \("team_id", "shirt"\), id="players\.team_id\+shirt-duplicate"/);
  assert.match(text, /"team_id = \(SELECT COALESCE\(MAX\(id\), 0\) \+ 1 FROM teams\)"/);
  assert.match(text, /savepoint = db_session\.begin_nested\(\)/);
});

test('test_constraints.py on SQLite: no length or enum cases (SQLite enforces neither)', async () => {
  const text = await generated('sqlite');
  assert.doesNotMatch(text, /max-length/);
  assert.doesNotMatch(text, /-enum-/);
  assert.doesNotMatch(text, /DataError/);
  assert.match(text, /players\.shirt-check-max-100-rejected/);
  assert.match(text, /players\.team_id\+shirt-duplicate/);
  assert.match(text, /players\.team_id-missing-parent/);
});

test('test_constraints.py for the async target: coroutines over the AsyncSession, asyncpg-typed errors', async () => {
  const text = await generated('postgresql', true);
  assert.match(text, /^pytestmark = pytest\.mark\.asyncio$/m);
  assert.match(text, /savepoint = await db_session\.begin_nested\(\)/);
  assert.match(text, /instance = await factories\.create\(factory_class\)/);
  assert.match(text, /^async def test_value_is_accepted_or_rejected\(/m);
  assert.match(text, /"x" \* 41,\s+sa\.exc\.DBAPIError,\s+id="teams\.name-max-length-41-rejected"/);
});

test('test_constraints.py is ruff-clean, formatted and deterministic', async () => {
  for (const [db, async] of [['postgresql', false], ['sqlite', false], ['postgresql', true]] as const) {
    const text = await generated(db, async);
    assert.equal(text, await generated(db, async));
    const findings = ruffCheck(text, 'test_constraints.py', { knownFirstParty: ['models'] });
    assert.equal(findings.length, 0, formatFindings(findings));
    assert.equal(ruffFormat(text), text, `ruff format would change the ${db} file`);
  }
});

test('test_constraints.py has exactly the cases verify runs', async () => {
  const { schema } = await readSchema([{ path: 'models.py', text: MODELS }], {});
  const text = await generated('postgresql');
  const params = text.match(/pytest\.param\(/g)?.length ?? 0;
  assert.equal(params, countCases(boundaryCases(schema, { database: 'postgresql' })));
});

const PRISMA = `enum Role {
  ADMIN
  MEMBER
}

model Team {
  id      Int      @id @default(autoincrement())
  name    String   @unique @db.VarChar(40)
  players Player[]
}

model Player {
  id     Int    @id @default(autoincrement())
  team   Team   @relation(fields: [teamId], references: [id])
  teamId Int
  shirt  Int
  role   Role

  @@unique([teamId, shirt])
}
`;

test('constraints.test.ts (Prisma): the same cases, each with its SQLSTATE, lines within 100 columns', async () => {
  const { schema } = await readSchema([{ path: 'schema.prisma', text: PRISMA }], { format: 'prisma' });
  const result = generateVitest(schema, analyze(schema), {});
  const text = result.files.find((f) => f.path === 'constraints.test.ts')?.contents;
  assert.ok(text, `no constraints.test.ts among ${result.files.map((f) => f.path).join(', ')}`);
  assert.equal(text, generateVitest(schema, analyze(schema), {}).files.find((f) => f.path === 'constraints.test.ts')?.contents);
  assert.match(text, /\["Team\.name max-length 40 × 'x' accepted", TEAM, `name = '\$\{'x'\.repeat\(40\)\}'`, null\]/);
  assert.match(text, /`name = '\$\{'x'\.repeat\(41\)\}'`, '22001'\]/);
  assert.match(text, /\["Player\.role enum 'not-a-member' rejected \(22P02\)", PLAYER, "role = 'not-a-member'", '22P02'\]/);
  assert.match(text, /\['Player: \(teamId, shirt\) is unique', PLAYER, '"teamId", shirt'\]/);
  assert.match(text, /'"teamId" = \(SELECT coalesce\(max\(id\), 0\) \+ 1 FROM "Team"\)'/);
  assert.match(text, /SAVEPOINT boundary_case/);
  const long = text.split('\n').filter((l, i) => i > 0 && l.length > 100);
  assert.deepEqual(long, []);
  const cases = countCases(boundaryCases(schema, { database: 'postgresql' }));
  assert.equal((text.match(/^ {2}\[(?:\n|["'])/gm) ?? []).length, cases);
});
