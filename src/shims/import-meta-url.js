// Injected into the CJS bundles: the value `import.meta.url` would have in an ES module.
export const importMetaUrl = require('url').pathToFileURL(__filename).href;
