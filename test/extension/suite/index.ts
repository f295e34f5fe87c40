// Entry point VS Code loads through `extensionTestsPath`: runs every bundled *.spec.js beside it with
// mocha inside the real extension host, and settles with the outcome (VS Code turns it into the
// exit code the launcher receives). Bundled by test/extension/harness.ts `buildHostSuite`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs the suite; resolves when every test passed, rejects with the failure count otherwise. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.spec.js')) mocha.addFile(path.join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
  });
}
