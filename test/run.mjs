// `npm test`: build the bundles, then run every test file with Node's test runner.
// Set TEST_FILTER=<substring> to run only matching files.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!['cases', 'work', 'screenshots', 'fixtures', 'node_modules', 'toolchains'].includes(e.name)) walk(full);
    } else if (e.name.endsWith('.test.ts')) files.push(path.relative(root, full));
  }
};
walk(path.join(root, 'test'));
const filter = process.env.TEST_FILTER;
const selected = filter ? files.filter((f) => f.includes(filter)) : files;

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...selected],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
