// The ESM build of @mrleebo/prisma-ast has the same API as the package's main entry, which only
// ships types for the CommonJS build. We load the ESM build because its CommonJS build requires
// chevrotain's ESM-only dependencies, which fails when tests run the sources through tsx.
declare module '@mrleebo/prisma-ast/dist/prisma-ast.esm.js' {
  export * from '@mrleebo/prisma-ast';
}
