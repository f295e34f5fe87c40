// The migration history as the Alembic reader leaves it in `schema.meta.alembic`: plain JSON-able
// data for the migration-test emitter (and anyone else), never needed to read the schema itself.

import type { EnumType, Schema, Table } from '../../ir';
import type { RevisionEffects } from './catalog';

export interface AlembicRevisionInfo {
  id: string;
  downRevisions: string[];
  branchLabels: string[];
  dependsOn: string[];
  /** The first line of the revision's docstring (its `-m` message), if any. */
  message: string | null;
  /** The revision file and the line of its `revision = ...`. */
  file: string;
  line: number;
  effects: RevisionEffects;
  /**
   * For a revision that alters tables that existed before it: its ancestors in replay order and
   * the schema they leave — the altered tables and every table those reference — from which the
   * data-survives test writes its rows. Null for other revisions.
   */
  before: { ancestors: string[]; tables: Table[]; enums: EnumType[] } | null;
}

export interface AlembicHistory {
  /** alembic.ini's path, as given, or null when only a versions folder was read. */
  ini: string | null;
  /** The migration environment folder (env.py, versions/), resolved from alembic.ini. */
  scriptLocation: string | null;
  /** env.py's `target_metadata` as written (`Base.metadata`); null when it is None or unknown. */
  targetMetadata: string | null;
  /** Where env.py imports that metadata from (`from app.models import Base`), when it does. */
  targetMetadataImport: { module: string; name: string; expression: string } | null;
  /** The revisions in replay order (parents first). */
  revisions: AlembicRevisionInfo[];
  heads: string[];
}

/** The history an Alembic read left in a schema's meta, or null for other inputs. */
export function alembicHistory(schema: Schema): AlembicHistory | null {
  const h = schema.meta.alembic;
  return h && typeof h === 'object' ? (h as AlembicHistory) : null;
}
