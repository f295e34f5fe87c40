// Entry point VS Code loads for `extensionTestsPath`: runs every *.test.js beside it with mocha
// inside the real extension host, and settles with the outcome (VS Code turns it into an exit code).
'use strict';

const path = require('path');
const fs = require('fs');
const Mocha = require('mocha');

/** Runs the suite; resolves when every test passed, rejects with the failure count otherwise. */
function run() {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000 });
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) {
      mocha.addFile(path.join(__dirname, name));
    }
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
  });
}

module.exports = { run };
