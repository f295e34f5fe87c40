// Where the generated TypeScript imports the user's Prisma Client from. Prisma 7's `prisma-client`
// generator writes TypeScript into its `output` folder, whose entry point is `client.ts`; the older
// `prisma-client-js` generator writes a package into `output`, or into `@prisma/client` by default.

import type { Schema, SourceFile } from '../../ir';

/** A `generator` block as the Prisma reader records it in `schema.meta.prismaGenerators`. */
export interface PrismaGenerator {
  name: string;
  provider: string | null;
  output: string | null;
}

/** The providers of Prisma Client generators, newest first. */
const CLIENT_PROVIDERS = ['prisma-client', 'prisma-client-js'];

/** The generator that makes the Prisma Client: the first `prisma-client`, else `prisma-client-js`. */
export function clientGenerator(schema: Schema): PrismaGenerator | null {
  const generators = (schema.meta.prismaGenerators ?? []) as PrismaGenerator[];
  for (const provider of CLIENT_PROVIDERS) {
    const found = generators.find((g) => g.provider === provider);
    if (found) return found;
  }
  return null;
}

/**
 * The module to import the client from, given the generator and the path from the output folder to
 * the generator's `output` folder (forward slashes). Without an output folder it is `@prisma/client`.
 */
export function prismaClientImport(generator: PrismaGenerator | null, outputFromOutDir: string | null): string {
  if (generator === null || outputFromOutDir === null) return '@prisma/client';
  const relative = outputFromOutDir.startsWith('.') ? outputFromOutDir : `./${outputFromOutDir}`;
  return generator.provider === 'prisma-client' ? `${relative}/client` : relative;
}

/**
 * The schema file that declares `generator <name>` (its `output` is relative to that file's folder),
 * or null when none does.
 */
export function generatorFile(files: SourceFile[], name: string): string | null {
  const declaration = new RegExp(`^\\s*generator\\s+${name.replace(/[^A-Za-z0-9_]/g, '')}\\s*\\{`, 'm');
  const decoder = new TextDecoder();
  for (const file of files) {
    const text = file.text ?? (file.bytes ? decoder.decode(file.bytes) : '');
    if (declaration.test(text)) return file.path;
  }
  return null;
}
