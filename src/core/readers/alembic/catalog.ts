// The catalog a migration history is replayed onto, observed: every operation (from `op.*` calls
// and from `op.execute` SQL alike) is recorded per revision, with which tables that existed before
// the revision it changed, renamed or dropped. The data-survives tests are generated from that,
// and the schema before a revision is rebuilt by replaying the recorded operations of its
// ancestors. It also knows which enum types exist, which the base catalog does not expose.

import { Catalog, type CatalogOp, type CatalogOptions, type ObjectRef } from '../../catalog';
import { qualifiedName } from '../../build';
import type { Schema } from '../../ir';

/** What one revision's upgrade did to the tables that existed before it. */
export interface RevisionEffects {
  /** Tables (by their name before the revision) whose columns, constraints or indexes it changed. */
  altered: string[];
  /** Tables it renamed: name before → name after. */
  renamed: Record<string, string>;
  /** Tables it dropped, by their name before the revision. */
  dropped: string[];
}

/** Operations on an existing table that count as altering it (comments do not touch data). */
const ALTERING = new Set<CatalogOp['op']>(['addColumn', 'dropColumn', 'alterColumn', 'addConstraint', 'dropConstraint', 'renameConstraint', 'createIndex', 'renameTable']);

export class ReplayCatalog extends Catalog {
  private readonly enumKeys = new Set<string>();
  /** Live tables: current key → the key the table had when the current revision started. */
  private origin = new Map<string, string | null>();
  private recording: { ops: CatalogOp[]; altered: Set<string>; dropped: Set<string> } | null = null;
  /** The operations each revision applied, by revision id. */
  readonly opsByRevision = new Map<string, CatalogOp[]>();

  constructor(private readonly settings: CatalogOptions) {
    super(settings);
  }

  /** Applies an operation and records what it did. */
  override apply(op: CatalogOp): void {
    const before = 'table' in op && op.table ? this.key(op.table) : null;
    const existedFrom = before !== null ? this.origin.get(before) : undefined;
    super.apply(op);
    this.recording?.ops.push(op);
    this.observe(op, before);
    if (this.recording && existedFrom) {
      if (ALTERING.has(op.op)) this.recording.altered.add(existedFrom);
      if (op.op === 'dropTable' && !this.hasTable(op.table)) this.recording.dropped.add(existedFrom);
    }
  }

  /** Whether an enum type of that name exists now. */
  hasEnum(ref: ObjectRef): boolean {
    return this.enumKeys.has(this.key(ref));
  }

  /** Starts recording the operations of a revision. */
  beginRevision(): void {
    for (const k of this.origin.keys()) this.origin.set(k, k);
    this.recording = { ops: [], altered: new Set(), dropped: new Set() };
  }

  /** Stops recording and returns what the revision did to the tables that existed before it. */
  endRevision(id: string): RevisionEffects {
    const r = this.recording ?? { ops: [], altered: new Set<string>(), dropped: new Set<string>() };
    this.recording = null;
    this.opsByRevision.set(id, r.ops);
    const renamed: Record<string, string> = {};
    for (const [now, from] of this.origin) if (from !== null && from !== now) renamed[from] = now;
    const altered = [...r.altered].filter((t) => !r.dropped.has(t));
    return { altered, renamed, dropped: [...r.dropped] };
  }

  /** Keeps the table and enum bookkeeping in step with an operation the catalog applied. */
  private observe(op: CatalogOp, before: string | null): void {
    switch (op.op) {
      case 'createTable':
        if (before !== null && !this.origin.has(before) && this.hasTable(op.table)) this.origin.set(before, null);
        break;
      case 'dropTable':
        if (before !== null && !this.hasTable(op.table)) this.origin.delete(before);
        break;
      case 'renameTable': {
        const after = this.key({ schema: op.table.schema, name: op.newName });
        if (before !== null && this.origin.has(before) && this.hasTable({ schema: op.table.schema, name: op.newName })) {
          const from = this.origin.get(before)!;
          this.origin.delete(before);
          this.origin.set(after, from);
        }
        break;
      }
      case 'createEnum':
        this.enumKeys.add(this.key(op.type));
        break;
      case 'dropType':
        this.enumKeys.delete(this.key(op.type));
        break;
    }
  }

  /** A table or type reference as the schema's qualified name (the default schema left out). */
  private key(ref: ObjectRef): string {
    const { defaultSchema, tableNamesIgnoreCase } = this.settings;
    const same = (a: string, b: string) => (tableNamesIgnoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
    const schema = ref.schema !== null && defaultSchema !== null && same(ref.schema, defaultSchema) ? null : ref.schema;
    const name = qualifiedName(schema, ref.name);
    return tableNamesIgnoreCase ? name.toLowerCase() : name;
  }

  /** The schema left by replaying the recorded operations of the given revisions, in order. */
  rebuild(revisions: string[]): Schema {
    const fresh = new Catalog(this.settings);
    for (const id of revisions) for (const op of this.opsByRevision.get(id) ?? []) fresh.apply(op);
    return fresh.build();
  }
}
