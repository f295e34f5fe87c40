// Options shared by the TypeScript emitters (factories.ts, seed-data.ts, schema-sql.ts,
// fixtures.ts and the smoke tests).

export interface VitestEmitOptions {
  /**
   * The module the generated files import the user's Prisma Client from, as written in an import
   * (`../src/generated/prisma/client`, or `@prisma/client`), relative to the output folder.
   */
  clientImport: string;
  /** Rows per model the `seeded` fixture inserts. */
  seedRows: number;
  /** Seed of the deterministic seed-row generator, and of faker in every test. */
  seed: number;
  /** Faker locale for generated values (`en_US`, `de_DE`, ...). */
  fakerLocale: string;
  /** Shown in every header: the schema as the user named it. */
  source: string;
  /** Shown in every header: the command that regenerates the files. */
  command: string;
}

export const DEFAULT_VITEST_OPTIONS: VitestEmitOptions = {
  clientImport: '@prisma/client',
  seedRows: 5,
  seed: 1234,
  fakerLocale: 'en_US',
  source: 'prisma/schema.prisma',
  command: 'npx fixture-scaffold generate prisma/schema.prisma --out test',
};

/** Faker's exported instance for each supported locale (`@faker-js/faker` names). */
const FAKER_INSTANCES: Readonly<Record<string, string>> = {
  en_US: 'faker',
  en: 'faker',
  en_GB: 'fakerEN_GB',
  de_DE: 'fakerDE',
  de: 'fakerDE',
  fr_FR: 'fakerFR',
  fr: 'fakerFR',
  es_ES: 'fakerES',
  es: 'fakerES',
  it_IT: 'fakerIT',
  it: 'fakerIT',
  nl_NL: 'fakerNL',
  nl: 'fakerNL',
  pt_BR: 'fakerPT_BR',
  ja_JP: 'fakerJA',
  ja: 'fakerJA',
};

/** The import of faker for the locale: `faker`, or `fakerDE as faker`. Unknown locales use English. */
export function fakerImport(locale: string): string {
  const instance = FAKER_INSTANCES[locale] ?? 'faker';
  return instance === 'faker' ? 'faker' : `${instance} as faker`;
}
