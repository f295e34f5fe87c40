// Schemas without Python classes (SQL DDL, Alembic) get a generated models.py. This module puts
// the classes models.py will define back into the IR — names, attributes, relationships, enum
// classes — so the factories, seed data and smoke tests refer to exactly what models.py defines.

import type { Analysis } from '../../analysis/graph';
import { makeModel } from '../../build';
import type { EnumType, Relationship, Schema } from '../../ir';
import { planModels, type ModelPlan } from './models';

/** The file name the synthesized classes live in (inside the output folder). */
export const MODELS_FILE = 'models.py';

/** A copy of `schema` whose `models` are the classes of the generated models.py. */
export function withGeneratedModels(schema: Schema, analysis: Analysis): { schema: Schema; plan: ModelPlan } {
  const plan = planModels(schema, analysis);
  const out: Schema = structuredClone(schema);
  const tables = new Map(out.tables.map((t) => [t.name, t]));
  const enums: EnumType[] = [];
  const enumByType = new Map<unknown, EnumType>();
  for (const e of plan.enums) {
    const name = e.type.sourceName ?? e.type.name;
    const existing = out.enums.find((x) => x.name === name);
    const entry: EnumType = {
      name,
      className: e.name,
      values: e.type.labels,
      members: e.members.map((m) => ({ name: m.name, value: m.value })),
      location: { file: MODELS_FILE, line: existing?.location.line ?? 1, column: 1 },
    };
    enums.push(entry);
    enumByType.set(e.type, entry);
  }
  out.enums = enums;

  out.models = plan.classes.map((cls) => {
    const table = tables.get(cls.table.table.name)!;
    for (const c of table.columns) {
      c.attribute = cls.attributes.get(c.name) ?? c.name;
      const pgColumn = cls.table.columns.find((p) => p.column.name === c.name);
      if (pgColumn?.type.kind === 'enum') {
        const e = enumByType.get(pgColumn.type.type);
        if (e) c.enumName = e.name;
      }
    }
    const relationships: Relationship[] = cls.relationships.map((r) => {
      const owning = r.fk !== null && r.fk.table.table.name === table.name && (r.kind === 'many-to-one' || r.kind === 'one-to-one');
      return {
        name: r.name,
        target: r.target,
        kind: r.kind,
        columns: owning ? [...r.fk!.fk.columns] : [],
        secondary: r.secondary ? r.secondary.table.table.name : null,
        backPopulates: r.backPopulates,
        backref: null,
        nullable: r.nullable,
        relationName: null,
        location: { file: MODELS_FILE, line: 1, column: 1 },
      };
    });
    return makeModel({
      name: cls.name,
      table: table.name,
      columns: table.columns.map((c) => c.name),
      relationships,
      location: { file: MODELS_FILE, line: 1, column: 1 },
    });
  });
  for (const t of out.tables) {
    const cls = plan.classes.find((c) => c.table.table.name === t.name);
    t.model = cls?.name ?? null;
  }
  out.meta = { ...out.meta, sqlalchemyStyle: '2.0', declarativeBase: { name: 'Base', file: MODELS_FILE } };
  return { schema: out, plan };
}
