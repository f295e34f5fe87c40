// What the Prisma reader's passes share: the declared names, the datasource facts and the
// diagnostics, plus helpers that turn a node's parser location into a file position.

import type { CstNodeLocation, Field } from '@mrleebo/prisma-ast';
import type { Column, Diagnostic, EnumType, Model, Severity, SourceLocation, SqlDialect, Table } from '../../ir';
import { diagnosticAt, locationAt } from '../../source';
import type { BlockKind, ParsedBlock } from './parse';

/** A model block read into its table, with what the relation pass needs to resolve field names. */
export interface ModelInfo {
  name: string;
  block: ParsedBlock;
  table: Table;
  model: Model;
  /** Scalar fields by Prisma field name. */
  columns: Map<string, Column>;
  /** Fields whose type is another model, in declaration order. */
  relationFields: Field[];
}

export interface EnumInfo {
  type: EnumType;
  /** Database label of each member, by Prisma member name. */
  labels: Map<string, string>;
}

export interface ReaderContext {
  dialect: SqlDialect;
  /** The datasource provider as written (`postgresql`, `cockroachdb`...), or null without a datasource. */
  provider: string | null;
  /** `relationMode = "prisma"`: foreign keys exist for ordering only. */
  logicalForeignKeys: boolean;
  models: Map<string, ModelInfo>;
  enums: Map<string, EnumInfo>;
  /** Every model, enum, view and composite type name with the kind of block declaring it. */
  declared: Map<string, BlockKind>;
  /** Blocks that did not parse, so fields typed with them are not reported a second time. */
  broken: Map<string, BlockKind>;
  diagnostics: Diagnostic[];
}

/**
 * A node of `block`: anything the parser gave a location. The library's types omit the location
 * of assignments and `key: value` arguments, which it records all the same.
 */
export type NodeRef = object | undefined;

/** The offset of a node in its file; 0 when the node has no location. */
export function offsetOf(node: NodeRef): number {
  const location = (node as { location?: CstNodeLocation } | undefined)?.location;
  return location?.startOffset ?? 0;
}

export function locate(block: ParsedBlock, node: NodeRef): SourceLocation {
  return locationAt(block.file, offsetOf(node));
}

/** Records a diagnostic at a node of `block`. */
export function report(ctx: ReaderContext, block: ParsedBlock, node: NodeRef, severity: Severity, message: string, code: string): void {
  ctx.diagnostics.push(diagnosticAt(block.file, offsetOf(node), severity, message, code));
}
