import type { ReadResult } from '../../ir';
import { emptySchema } from '../../build';
import type { DecodedFile } from '../../source';

/** Reads a Prisma schema (one file or a multi-file folder). */
export async function readPrisma(files: DecodedFile[]): Promise<ReadResult> {
  void files;
  return { schema: emptySchema('prisma', 'postgresql'), diagnostics: [] };
}
