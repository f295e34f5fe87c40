// Entry point of the multi-root host suite: the same mocha runner as test/extension/suite, run on
// the spec files bundled beside this one (test/e2e/vscode-extension.test.ts opens a .code-workspace).
export { run } from '../suite/index';
