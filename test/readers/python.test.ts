// The SQLAlchemy / SQLModel reader's subtle rules, checked through `readSchema` (the public entry)
// on small in-memory model files: nullability, enum labels, autoincrement, relationship kinds,
// foreign-key resolution, types, defaults, bases and error recovery.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readSchema, type Column, type Diagnostic, type Model, type ReadResult, type Relationship, type Table } from '../../src/core';

const HEADER_2X = `
import datetime, decimal, enum, uuid
from typing import Annotated, List, Optional, Union
from sqlalchemy import *
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, backref

class Base(DeclarativeBase):
    pass
`;

const HEADER_1X = `
from sqlalchemy import *
from sqlalchemy.orm import declarative_base, relationship, backref

Base = declarative_base()
`;

/** Reads in-memory Python files (name → source) as one schema. */
async function read(files: Record<string, string>, format?: 'sqlalchemy' | 'sqlmodel'): Promise<ReadResult> {
  const sources = Object.entries(files).map(([path, text]) => ({ path, text }));
  return readSchema(sources, format ? { format } : {});
}

function table(r: ReadResult, name: string): Table {
  const t = r.schema.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} not found; have ${r.schema.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function column(r: ReadResult, tableName: string, name: string): Column {
  const c = table(r, tableName).columns.find((x) => x.name === name);
  assert.ok(c, `column ${tableName}.${name} not found`);
  return c;
}

function model(r: ReadResult, name: string): Model {
  const m = r.schema.models.find((x) => x.name === name);
  assert.ok(m, `model ${name} not found`);
  return m;
}

function rel(r: ReadResult, modelName: string, name: string): Relationship {
  const x = model(r, modelName).relationships.find((y) => y.name === name);
  assert.ok(x, `relationship ${modelName}.${name} not found`);
  return x;
}

/** Diagnostics as `line: message`, in source order, optionally of one severity. */
function messages(r: ReadResult, severity?: Diagnostic['severity']): string[] {
  return r.diagnostics
    .filter((d) => !severity || d.severity === severity)
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((d) => `${d.line}: ${d.message}`);
}

test('nullability: 1.x Column is nullable unless primary key or nullable=False', async () => {
  const r = await read({
    'm.py': `${HEADER_1X}
class T(Base):
    __tablename__ = "t"
    id = Column(Integer, primary_key=True)
    a = Column(Integer)
    b = Column(Integer, nullable=False)
    c = Column(Integer, nullable=True)
    d = mapped_column(Integer)
`,
  });
  const n = (c: string) => column(r, 't', c).nullable;
  assert.deepEqual([n('id'), n('a'), n('b'), n('c'), n('d')], [false, true, false, true, true]);
});

test('nullability: 2.0 Mapped[X] is NOT NULL, Optional / | None / Union[..., None] are nullable, nullable= wins', async () => {
  const r = await read({
    'm.py': `${HEADER_2X}
class T(Base):
    __tablename__ = "t"
    id: Mapped[Optional[int]] = mapped_column(primary_key=True)
    plain: Mapped[int]
    opt: Mapped[Optional[int]]
    pipe: Mapped[int | None]
    pipe_left: Mapped[None | str]
    union: Mapped[Union[int, None]]
    quoted: Mapped["str | None"]
    forced_null: Mapped[int] = mapped_column(nullable=True)
    forced_not_null: Mapped[Optional[int]] = mapped_column(nullable=False)
    legacy_column: Mapped[int] = Column(Integer)
`,
  });
  const n = (c: string) => column(r, 't', c).nullable;
  assert.equal(n('id'), false, 'a primary key is never null');
  assert.equal(n('plain'), false);
  assert.equal(n('opt'), true);
  assert.equal(n('pipe'), true);
  assert.equal(n('pipe_left'), true);
  assert.equal(n('union'), true);
  assert.equal(n('quoted'), true);
  assert.equal(n('forced_null'), true);
  assert.equal(n('forced_not_null'), false);
  assert.equal(n('legacy_column'), true, 'Column() keeps its own rule even under Mapped[int]');
});

test('nullability: SQLModel fields follow Optional; the primary key is never null', async () => {
  const r = await read({
    'm.py': `
from typing import Optional
from sqlmodel import Field, SQLModel

class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    age: Optional[int] = None
    nick: str = Field(default="x", nullable=True)
`,
  });
  assert.equal(r.schema.format, 'sqlmodel');
  const c = (n: string) => column(r, 'hero', n);
  assert.deepEqual([c('id').nullable, c('name').nullable, c('age').nullable, c('nick').nullable], [false, false, true, true]);
  assert.equal(c('id').autoincrement, true, 'the usual Optional int PK is an autoincrement key');
  assert.deepEqual(c('age').default, { kind: 'literal', value: null }, 'a SQLModel "= None" is a real NULL default');
});

test('enum labels: member names by default, values with values_callable, literals for inline enums', async () => {
  const r = await read({
    'm.py': `${HEADER_2X}
class Color(enum.Enum):
    RED = "r"
    GREEN = "g"

class Size(enum.StrEnum):
    SMALL = enum.auto()
    LARGE = enum.auto()

class Level(enum.IntEnum):
    LOW = enum.auto()
    HIGH = enum.auto()

class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    by_name: Mapped[Color]
    by_value: Mapped[Color] = mapped_column(Enum(Color, name="color_value", values_callable=lambda e: [m.value for m in e]))
    inline = mapped_column(Enum("happy", "sad", name="mood"))
    unnamed = mapped_column(Enum("a", "b"))
    non_native: Mapped[Size] = mapped_column(Enum(Size, native_enum=False))
    pg = mapped_column(postgresql.ENUM("x", "y", name="pg_enum"))
    lit: Mapped[Literal["on", "off"]]
    level: Mapped[Level]
`.replace('from sqlalchemy import *', 'from sqlalchemy import *\nfrom sqlalchemy.dialects import postgresql\nfrom typing import Literal'),
  });
  const c = (n: string) => column(r, 't', n);
  assert.deepEqual([c('by_name').enumName, c('by_name').enumValues], ['color', ['RED', 'GREEN']]);
  assert.deepEqual([c('by_value').enumName, c('by_value').enumValues], ['color_value', ['r', 'g']]);
  assert.deepEqual([c('inline').enumName, c('inline').enumValues], ['mood', ['happy', 'sad']]);
  assert.deepEqual([c('unnamed').type, c('unnamed').enumName, c('unnamed').enumValues], ['enum', null, ['a', 'b']]);
  assert.deepEqual(c('non_native').enumValues, ['SMALL', 'LARGE']);
  assert.deepEqual([c('pg').enumName, c('pg').enumValues], ['pg_enum', ['x', 'y']]);
  assert.deepEqual(c('lit').enumValues, ['on', 'off']);
  const enums = Object.fromEntries(r.schema.enums.map((e) => [e.name, e]));
  assert.deepEqual(Object.keys(enums).sort(), ['color', 'color_value', 'level', 'mood', 'pg_enum', 'size']);
  assert.deepEqual(enums.size.members, [
    { name: 'SMALL', value: 'small' },
    { name: 'LARGE', value: 'large' },
  ]);
  assert.deepEqual(enums.level.members, [
    { name: 'LOW', value: 1 },
    { name: 'HIGH', value: 2 },
  ]);
  assert.equal(enums.color.className, 'Color');
});

test('autoincrement: single integer primary key that is no FK, unless autoincrement=False', async () => {
  const r = await read({
    'm.py': `${HEADER_1X}
class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)

class B(Base):
    __tablename__ = "b"
    id = Column(BigInteger, primary_key=True)

class C(Base):
    __tablename__ = "c"
    x = Column(Integer, primary_key=True)
    y = Column(Integer, primary_key=True)

class D(Base):
    __tablename__ = "d"
    id = Column(Integer, ForeignKey("a.id"), primary_key=True)

class E(Base):
    __tablename__ = "e"
    id = Column(Integer, primary_key=True, autoincrement=False)

class F(Base):
    __tablename__ = "f"
    code = Column(String(5), primary_key=True)

class G(Base):
    __tablename__ = "g"
    x = Column(Integer, primary_key=True, autoincrement=True)
    y = Column(String(3), primary_key=True)

class H(Base):
    __tablename__ = "h"
    id = Column(Integer, Identity(), primary_key=True)
    seq = Column(Integer, Sequence("h_seq"))
`,
  });
  const ai = (t: string, c: string) => column(r, t, c).autoincrement;
  assert.equal(ai('a', 'id'), true);
  assert.equal(ai('b', 'id'), true);
  assert.deepEqual([ai('c', 'x'), ai('c', 'y')], [false, false], 'composite keys do not autoincrement');
  assert.equal(ai('d', 'id'), false, 'a primary key that is a foreign key does not autoincrement');
  assert.equal(ai('e', 'id'), false);
  assert.equal(ai('f', 'code'), false);
  assert.equal(ai('g', 'x'), true, 'autoincrement=True on one column of a composite key');
  assert.equal(ai('h', 'id'), true);
  assert.equal(ai('h', 'seq'), true);
  assert.deepEqual(column(r, 'h', 'seq').default, { kind: 'sql', expression: "nextval('h_seq')" });
  assert.equal(column(r, 'a', 'id').hasDefault, true);
});

test('relationship kinds: many-to-one, one-to-many, one-to-one, many-to-many and backrefs', async () => {
  const r = await read({
    'm.py': `${HEADER_2X}
tags = Table("item_tags", Base.metadata,
    Column("item_id", ForeignKey("items.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True))

class Owner(Base):
    __tablename__ = "owners"
    id: Mapped[int] = mapped_column(primary_key=True)
    items: Mapped[List["Item"]] = relationship(back_populates="owner")
    profile: Mapped["Profile"] = relationship(back_populates="owner")
    passport = relationship("Passport", uselist=False)
    pets = relationship("Pet", backref=backref("keeper", uselist=False))

class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("owners.id"))
    owner: Mapped[Optional[Owner]] = relationship(back_populates="items")
    tags: Mapped[set["Tag"]] = relationship(secondary=tags)

class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"), unique=True)
    owner: Mapped[Owner] = relationship(back_populates="profile")

class Passport(Base):
    __tablename__ = "passports"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))

class Pet(Base):
    __tablename__ = "pets"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    items = relationship(Item, secondary="item_tags", backref="tag_list")
`,
  });
  const k = (m: string, n: string) => rel(r, m, n).kind;
  assert.equal(k('Owner', 'items'), 'one-to-many');
  assert.equal(k('Item', 'owner'), 'many-to-one');
  assert.deepEqual(rel(r, 'Item', 'owner').columns, ['owner_id']);
  assert.equal(rel(r, 'Item', 'owner').nullable, true);
  assert.equal(k('Owner', 'profile'), 'one-to-one', 'a scalar annotation on the one side');
  assert.equal(k('Profile', 'owner'), 'many-to-one');
  assert.equal(rel(r, 'Profile', 'owner').nullable, false);
  assert.equal(k('Owner', 'passport'), 'one-to-one', 'uselist=False');
  assert.equal(k('Item', 'tags'), 'many-to-many');
  assert.equal(rel(r, 'Item', 'tags').secondary, 'item_tags');
  assert.equal(rel(r, 'Item', 'tags').target, 'Tag');
  assert.equal(k('Owner', 'pets'), 'one-to-many');
  const keeper = rel(r, 'Pet', 'keeper');
  assert.deepEqual([keeper.kind, keeper.target, keeper.columns, keeper.backPopulates], ['many-to-one', 'Owner', ['owner_id'], 'pets']);
  assert.deepEqual(keeper.location, rel(r, 'Owner', 'pets').location, 'a backref is located at the relationship that creates it');
  const tagList = rel(r, 'Item', 'tag_list');
  assert.deepEqual([tagList.kind, tagList.secondary, tagList.target], ['many-to-many', 'item_tags', 'Tag']);
});

test('relationship kinds: foreign_keys and remote_side disambiguate self-references and repeated FKs', async () => {
  const r = await read({
    'm.py': `${HEADER_2X}
class Node(Base):
    __tablename__ = "nodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("nodes.id"))
    parent: Mapped[Optional["Node"]] = relationship(back_populates="children", remote_side=[id])
    children: Mapped[List["Node"]] = relationship(back_populates="parent")
    also_children = relationship("Node", remote_side="Node.parent_id")

class Transfer(Base):
    __tablename__ = "transfers"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    target_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    source: Mapped["Account"] = relationship(foreign_keys=[source_id])
    target: Mapped["Account"] = relationship(foreign_keys="Transfer.target_id", back_populates="incoming")

class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    incoming: Mapped[List[Transfer]] = relationship(back_populates="target")
`,
  });
  assert.deepEqual([rel(r, 'Node', 'parent').kind, rel(r, 'Node', 'parent').columns], ['many-to-one', ['parent_id']]);
  assert.equal(rel(r, 'Node', 'children').kind, 'one-to-many');
  assert.equal(rel(r, 'Node', 'also_children').kind, 'one-to-many', 'remote_side naming the FK column points down the tree');
  assert.deepEqual(rel(r, 'Transfer', 'source').columns, ['source_id']);
  assert.deepEqual(rel(r, 'Transfer', 'target').columns, ['target_id']);
  assert.equal(rel(r, 'Account', 'incoming').kind, 'one-to-many', "the partner's foreign_keys settle the direction");
  assert.deepEqual(messages(r, 'warning'), []);
});

test('relationship kinds: SQLModel link_model is many-to-many through the link table', async () => {
  const r = await read({
    'm.py': `
from typing import List, Optional
from sqlmodel import Field, Relationship, SQLModel

class Link(SQLModel, table=True):
    __tablename__ = "team_members"
    team_id: int | None = Field(default=None, foreign_key="team.id", primary_key=True)
    hero_id: int | None = Field(default=None, foreign_key="hero.id", primary_key=True)

class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    heroes: List["Hero"] = Relationship(back_populates="teams", link_model=Link)

class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    team: Optional[Team] = Relationship()
    teams: List[Team] = Relationship(back_populates="heroes", link_model=Link)
`,
  });
  assert.deepEqual([rel(r, 'Team', 'heroes').kind, rel(r, 'Team', 'heroes').secondary], ['many-to-many', 'team_members']);
  assert.deepEqual([rel(r, 'Hero', 'team').kind, rel(r, 'Hero', 'team').columns, rel(r, 'Hero', 'team').nullable], ['many-to-one', ['team_id'], true]);
});

test('foreign keys resolve Model.attr, table.c.col and schema-qualified strings to table and column names', async () => {
  const r = await read({
    'm.py': `${HEADER_1X}
class User(Base):
    __tablename__ = "users"
    __table_args__ = {"schema": "auth"}
    user_pk = Column("id", Integer, primary_key=True)
    login = Column("login_name", String(20), unique=True)

class Manager(User):
    __tablename__ = "managers"
    __table_args__ = {"schema": "auth"}
    id = Column(ForeignKey(User.user_pk), primary_key=True)

lookup = Table("lookup", Base.metadata, Column("code", String(4), primary_key=True))

class Doc(Base):
    __tablename__ = "docs"
    id = Column(Integer, primary_key=True)
    author = Column(ForeignKey(User.login))
    boss = Column(Integer, ForeignKey(Manager.user_pk))
    code = Column(ForeignKey(lookup.c.code))
    editor_id = Column(Integer, ForeignKey("auth.users.id"))
`,
  });
  const fks = table(r, 'docs').foreignKeys.map((f) => `${f.columns[0]}->${f.refTable}.${f.refColumns[0]}`);
  assert.deepEqual(fks, ['author->auth.users.login_name', 'boss->auth.users.id', 'code->lookup.code', 'editor_id->auth.users.id']);
  assert.deepEqual(table(r, 'auth.managers').foreignKeys.map((f) => [f.refTable, f.refColumns]), [['auth.users', ['id']]]);
  assert.equal(column(r, 'docs', 'author').type, 'string', 'an untyped FK column takes the referenced type');
  assert.equal(column(r, 'docs', 'author').maxLength, 20);
  assert.equal(column(r, 'auth.managers', 'id').type, 'integer');
  assert.deepEqual(messages(r, 'error'), []);
});

test('types: SQLAlchemy type expressions and Python annotations map onto the IR vocabulary', async () => {
  const r = await read({
    'm.py': `${HEADER_2X}
from sqlalchemy.dialects import postgresql
import sqlalchemy as sa

class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    a = mapped_column(sa.String(length=40))
    b = mapped_column(VARCHAR(12))
    c = mapped_column(Text)
    d = mapped_column(Numeric(precision=8, scale=3))
    e = mapped_column(DECIMAL(6))
    f = mapped_column(DateTime(timezone=True))
    g = mapped_column(postgresql.TIMESTAMP(timezone=True))
    h = mapped_column(postgresql.JSONB)
    i = mapped_column(ARRAY(Integer))
    j = mapped_column(LargeBinary)
    k = mapped_column(Uuid)
    l = mapped_column(Interval())
    m = mapped_column(SmallInteger().with_variant(Integer, "sqlite"))
    n = mapped_column(Double)
    p: Mapped[decimal.Decimal]
    q: Mapped[datetime.date]
    r: Mapped[datetime.timedelta]
    s: Mapped[uuid.UUID]
    t: Mapped[bytes]
    u: Mapped[float]
    v: Mapped[bool]
    w = mapped_column(Frobnicator(3))
`,
  });
  const c = (n: string) => column(r, 't', n);
  const shape = (n: string) => [c(n).type, c(n).maxLength, c(n).precision, c(n).scale, c(n).timezone, c(n).itemType];
  assert.deepEqual(shape('a'), ['string', 40, null, null, false, null]);
  assert.deepEqual(shape('b'), ['string', 12, null, null, false, null]);
  assert.deepEqual(shape('c'), ['text', null, null, null, false, null]);
  assert.deepEqual(shape('d'), ['numeric', null, 8, 3, false, null]);
  assert.deepEqual(shape('e'), ['numeric', null, 6, 0, false, null]);
  assert.deepEqual(shape('f'), ['datetime', null, null, null, true, null]);
  assert.deepEqual(shape('g'), ['datetime', null, null, null, true, null]);
  assert.deepEqual(shape('i'), ['array', null, null, null, false, 'integer']);
  const types = ['h', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w'].map((n) => c(n).type);
  assert.deepEqual(types, ['json', 'binary', 'uuid', 'interval', 'smallint', 'float', 'numeric', 'date', 'interval', 'uuid', 'binary', 'float', 'boolean', 'unknown']);
  assert.equal(c('a').rawType, 'sa.String(length=40)');
  assert.deepEqual(messages(r, 'info'), [`${c('w').location.line}: column type "Frobnicator(3)" is not a SQLAlchemy type this reader knows; read as 'unknown' — fixtures will need an explicit value for it`]);
});

test('types: type_annotation_map and Annotated aliases apply, also to mixin columns', async () => {
  const r = await read({
    'm.py': `
import datetime
from typing import Annotated, Any, Optional
from sqlalchemy import JSON, DateTime, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

intpk = Annotated[int, mapped_column(primary_key=True)]
stamp = Annotated[datetime.datetime, mapped_column(server_default=func.now())]

class Base(DeclarativeBase):
    type_annotation_map = {str: String(255), dict[str, Any]: JSON, datetime.datetime: DateTime(timezone=True)}

class Stamped:
    created: Mapped[stamp]

class T(Stamped, Base):
    __tablename__ = "t"
    id: Mapped[intpk]
    name: Mapped[str]
    short: Mapped[Optional[str]] = mapped_column(String(10))
    data: Mapped[dict[str, Any]]
`,
  });
  const c = (n: string) => column(r, 't', n);
  assert.deepEqual([c('created').type, c('created').timezone, c('created').default], ['datetime', true, { kind: 'sql', expression: 'now()' }]);
  assert.deepEqual([c('id').primaryKey, c('id').autoincrement], [true, true]);
  assert.equal(c('name').maxLength, 255);
  assert.deepEqual([c('short').maxLength, c('short').nullable], [10, true]);
  assert.equal(c('data').type, 'json');
  assert.deepEqual(table(r, 't').columns.map((x) => x.name), ['created', 'id', 'name', 'short', 'data'], 'inherited columns come first');
  assert.equal(r.schema.meta.sqlalchemyStyle, '2.0');
});

test('defaults: literal, Python callable, SQL server defaults and computed columns', async () => {
  const r = await read({
    'm.py': `${HEADER_1X}
import uuid, datetime
class T(Base):
    __tablename__ = "t"
    id = Column(Integer, primary_key=True)
    a = Column(Integer, default=5)
    b = Column(Integer, default=-1)
    c = Column(String(8), default="new")
    d = Column(Boolean, default=False)
    e = Column(String(36), default=uuid.uuid4)
    f = Column(DateTime, default=lambda: datetime.datetime.now())
    g = Column(Integer, server_default="0")
    h = Column(DateTime, server_default=func.now())
    i = Column(DateTime, server_default=func.current_timestamp())
    j = Column(String(5), server_default=text("'x'"))
    k = Column(Integer, Computed("a * 2"))
    l = Column(Integer, default=None)
    m = Column(Integer)
`,
  });
  const d = (n: string) => column(r, 't', n).default;
  assert.deepEqual(d('a'), { kind: 'literal', value: 5 });
  assert.deepEqual(d('b'), { kind: 'literal', value: -1 });
  assert.deepEqual(d('c'), { kind: 'literal', value: 'new' });
  assert.deepEqual(d('d'), { kind: 'literal', value: false });
  assert.deepEqual(d('e'), { kind: 'python', expression: 'uuid.uuid4' });
  assert.deepEqual(d('f'), { kind: 'python', expression: 'lambda: datetime.datetime.now()' });
  assert.deepEqual(d('g'), { kind: 'sql', expression: "'0'" });
  assert.deepEqual(d('h'), { kind: 'sql', expression: 'now()' });
  assert.deepEqual(d('i'), { kind: 'sql', expression: 'CURRENT_TIMESTAMP' });
  assert.deepEqual(d('j'), { kind: 'sql', expression: "'x'" });
  assert.deepEqual([column(r, 't', 'k').computed, column(r, 't', 'k').hasDefault], [true, true]);
  assert.deepEqual([d('l'), column(r, 't', 'l').hasDefault], [null, false], 'default=None is no default in SQLAlchemy');
  assert.equal(column(r, 't', 'm').hasDefault, false);
});

test('bases: declarative_base, DeclarativeBase, registry and @as_declarative; abstract classes are not tables', async () => {
  const r = await read({
    'a.py': `
from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base, registry, as_declarative
Old = declarative_base()
reg = registry()
Gen = reg.generate_base()

class A(Old):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)

class Abstract(Old):
    __abstract__ = True
    id = Column(Integer, primary_key=True)

class B(Abstract):
    __tablename__ = "b"

@reg.mapped
class C:
    __tablename__ = "c"
    id = Column(Integer, primary_key=True)

class D(Gen):
    __tablename__ = "d"
    id = Column(Integer, primary_key=True)

@as_declarative()
class Deco:
    id = Column(Integer, primary_key=True)

class E(Deco):
    __tablename__ = "e"
`,
  });
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(r.schema.meta.declarativeBase, { name: 'Old', file: 'a.py' });
  assert.equal(r.schema.meta.sqlalchemyStyle, '1.x');
  assert.deepEqual(table(r, 'e').columns.map((c) => c.name), ['id'], 'the base class contributes its columns');
});

test('inheritance: joined subclasses own a table, single-table subclasses add nullable-or-reported columns', async () => {
  const r = await read({
    'm.py': `${HEADER_2X}
class Animal(Base):
    __tablename__ = "animals"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column("animal_kind", String(10))
    __mapper_args__ = {"polymorphic_on": kind, "polymorphic_identity": "animal"}

class Dog(Animal):
    __tablename__ = "dogs"
    id: Mapped[int] = mapped_column(ForeignKey("animals.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "dog"}

class Cat(Animal):
    lives: Mapped[int]
    indoor: Mapped[bool] = mapped_column(default=True)
    __mapper_args__ = {"polymorphic_identity": "cat"}
`,
  });
  assert.deepEqual(
    ['Animal', 'Dog', 'Cat'].map((n) => [model(r, n).table, model(r, n).parent, model(r, n).inheritance, model(r, n).polymorphicIdentity]),
    [
      ['animals', null, null, 'animal'],
      ['dogs', 'Animal', 'joined', 'dog'],
      ['animals', 'Animal', 'single', 'cat'],
    ],
  );
  assert.equal(model(r, 'Animal').polymorphicOn, 'animal_kind');
  assert.deepEqual(table(r, 'animals').columns.map((c) => c.name), ['id', 'animal_kind', 'lives', 'indoor']);
  assert.deepEqual(model(r, 'Cat').columns, ['lives', 'indoor']);
  const info = messages(r, 'info');
  assert.equal(info.length, 1);
  assert.match(info[0], /"lives" of single-table subclass Cat is NOT NULL without a default/);
});

test('syntax errors: one error per broken statement, every other class still read', async () => {
  const r = await read({
    'm.py': `${HEADER_1X}
class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True
    name = Column(String(10))

class B(Base):
    __tablename__ = "b"
    id = Column(Integer, primary_key=True)
    a_id = Column(Integer ForeignKey("a.id"))
    ok = Column(Integer)
`,
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => [d.line, d.column, d.code]),
    [
      [9, 16, 'python/syntax'],
      [15, 19, 'python/syntax'],
    ],
  );
  assert.match(errors[0].message, /"\(" is never closed/);
  assert.deepEqual(table(r, 'a').columns.map((c) => c.name), ['name']);
  assert.deepEqual(table(r, 'b').columns.map((c) => c.name), ['id', 'ok']);
});

test('not static: computed table names, type calls and **kwargs become warnings with what was assumed', async () => {
  const r = await read({
    'm.py': `${HEADER_1X}
from sqlalchemy.orm import declared_attr
class Auto(Base):
    @declared_attr
    def __tablename__(cls):
        return cls.__name__.lower() + "s"
    id = Column(Integer, primary_key=True)
    kind = Column(pick_type(), **opts)

Dynamic = type("Dynamic", (Base,), {"__tablename__": "dynamic"})
`,
  });
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['auto']);
  const warnings = messages(r, 'warning');
  assert.equal(warnings.length, 4);
  assert.match(warnings[3], /^15: a class built with type\(\.\.\.\) cannot be read statically/);
  assert.match(warnings[0], /^10: __tablename__ is computed .* assumed "auto"/);
  assert.match(warnings[1], /^13: the column type is computed by calling pick_type/);
  assert.match(warnings[2], /^13: arguments passed through \*\*opts/);
});

test('packages: classes resolve across files, duplicates are reported, empty input warns once', async () => {
  const r = await read({
    'app/base.py': 'from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass\n',
    'app/user.py': 'from .base import Base\nfrom sqlalchemy.orm import Mapped, mapped_column\nclass User(Base):\n    __tablename__ = "users"\n    id: Mapped[int] = mapped_column(primary_key=True)\n',
    'app/other.py': 'from .base import Base\nclass User:\n    pass\n',
    'app/empty.py': '',
  });
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['users']);
  assert.deepEqual(r.schema.meta.files, ['app/base.py', 'app/user.py', 'app/other.py', 'app/empty.py']);
  const dup = r.diagnostics.filter((d) => d.code === 'python/duplicate-class');
  assert.deepEqual(dup.map((d) => [d.file, d.line]), [['app/other.py', 2]]);
  const empty = await read({ 'x.py': 'print("hello")\n', 'y.py': '' }, 'sqlalchemy');
  assert.deepEqual(empty.diagnostics.map((d) => [d.severity, d.code]), [['warning', 'python/no-models']]);
});

test('constraints: table args, module-level Index, unknown columns and Flask-SQLAlchemy names', async () => {
  const r = await read({
    'm.py': `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class UserAccount(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    org = db.Column(db.String(20))
    __table_args__ = (db.UniqueConstraint("org", "email"), db.Index("ix_bad", "nope"))

db.Index("ix_user_account_email", UserAccount.email, unique=True)
`,
  });
  const t = table(r, 'user_account');
  assert.deepEqual(t.uniqueConstraints.map((u) => u.columns), [['org', 'email'], ['email']]);
  assert.equal(column(r, 'user_account', 'email').unique, true);
  assert.deepEqual(t.indexes.map((i) => [i.name, i.columns, i.unique]), [
    ['ix_bad', ['nope'], false],
    ['ix_user_account_email', ['email'], true],
  ]);
  assert.deepEqual(messages(r, 'error'), ['9: index on "user_account" names column "nope", which the table does not have; use the column\'s database name']);
});

test('dialect: PostgreSQL unless MySQL or SQLite dialect types are imported', async () => {
  const mysql = await read({ 'm.py': `from sqlalchemy.dialects.mysql import TINYINT\n${HEADER_1X}` });
  assert.equal(mysql.schema.dialect, 'mysql');
  const plain = await read({ 'm.py': HEADER_1X });
  assert.equal(plain.schema.dialect, 'postgresql');
});

test('relationships: dynamic and write-only collections and viewonly are recorded; ordinary ones carry neither', async () => {
  const r = await read({
    'models.py':
      HEADER_2X.replace('relationship, backref', 'relationship, backref, dynamic_loader, DynamicMapped, WriteOnlyMapped') +
      `
tag_links = Table("tag_links", Base.metadata, Column("post_id", ForeignKey("posts.id"), primary_key=True), Column("tag_id", ForeignKey("tags.id"), primary_key=True))

class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    a: DynamicMapped["Tag"] = relationship(secondary=tag_links)
    b: WriteOnlyMapped["Tag"] = relationship(secondary=tag_links)
    c: Mapped[List["Tag"]] = relationship(secondary=tag_links, lazy="dynamic")
    d: Mapped[List["Tag"]] = relationship(secondary=tag_links, lazy="write_only")
    e = dynamic_loader("Tag", secondary=tag_links)
    f: Mapped[List["Tag"]] = relationship(secondary=tag_links, viewonly=True)
    g = relationship("Tag", secondary=tag_links, backref=backref("posts", lazy="dynamic"))
    h: Mapped[List["Tag"]] = relationship(secondary=tag_links, lazy="selectin")

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
`,
  });
  const got = (m: string, n: string) => {
    const x = rel(r, m, n);
    return [x.kind, x.loading ?? null, x.viewonly ?? false];
  };
  assert.deepEqual(got('Post', 'a'), ['many-to-many', 'dynamic', false]);
  assert.deepEqual(got('Post', 'b'), ['many-to-many', 'write-only', false]);
  assert.deepEqual(got('Post', 'c'), ['many-to-many', 'dynamic', false]);
  assert.deepEqual(got('Post', 'd'), ['many-to-many', 'write-only', false]);
  assert.deepEqual(got('Post', 'e'), ['many-to-many', 'dynamic', false]);
  assert.deepEqual(got('Post', 'f'), ['many-to-many', null, true]);
  assert.deepEqual(got('Tag', 'posts'), ['many-to-many', 'dynamic', false]);
  assert.deepEqual(got('Post', 'g'), ['many-to-many', null, false]);
  assert.equal('loading' in rel(r, 'Post', 'h'), false);
  assert.equal('viewonly' in rel(r, 'Post', 'h'), false);
});

test('constraints: PrimaryKeyConstraint(name=...) names the primary key; column flags leave it unnamed', async () => {
  const r = await read({
    'models.py':
      HEADER_1X +
      `
class Pair(Base):
    __tablename__ = "pairs"
    __table_args__ = (PrimaryKeyConstraint("left_id", "right_id", name="pairs_pk"),)
    left_id = Column(Integer)
    right_id = Column(Integer)

class Single(Base):
    __tablename__ = "singles"
    id = Column(Integer, primary_key=True)
`,
  });
  assert.equal(table(r, 'pairs').primaryKeyName, 'pairs_pk');
  assert.deepEqual(table(r, 'pairs').primaryKey, ['left_id', 'right_id']);
  assert.equal('primaryKeyName' in table(r, 'singles'), false);
});
