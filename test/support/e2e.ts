// Prerequisite checks for end-to-end suites, which need things outside node_modules (PostgreSQL,
// Python stacks, ...). On a developer's machine a missing prerequisite skips the test; in CI
// (`REQUIRE_E2E=1`, set by .ci/run) it fails it, so a broken setup can never pass as "skipped".
import type { TestContext } from 'node:test';

const DEFAULT_HOW_TO_INSTALL =
  'run `bash .ci/run`, or as root the scripts in test/support/setup/ ' +
  '(e.g. `bash test/support/setup/10-debian-packages.sh`)';

/** Tells whether missing end-to-end prerequisites must fail tests rather than skip them. */
export function e2eRequired(): boolean {
  return process.env.REQUIRE_E2E === '1';
}

/**
 * Returns true when `available`; otherwise skips the test (or, with `REQUIRE_E2E=1`, throws so it
 * fails) with a message naming `what` is missing and how to install it. Use as
 * `if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return;`.
 */
export function requireOrSkip(
  t: TestContext,
  what: string,
  available: boolean,
  howToInstall: string = DEFAULT_HOW_TO_INSTALL,
): boolean {
  if (available) return true;
  const message = `${what} is missing: ${howToInstall}`;
  if (e2eRequired()) throw new Error(`${message} (REQUIRE_E2E=1 turns this into a failure)`);
  t.skip(message);
  return false;
}
