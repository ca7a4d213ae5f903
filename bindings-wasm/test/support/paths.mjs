// Where things are: the repository, the built packages, the upstream fixtures.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WASM_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(WASM_DIR, '..');
// The package trustloop-wasm (build.sh): node/ and web/ are its two builds.
export const PKG = join(WASM_DIR, 'pkg');
export const PKG_NODE = join(PKG, 'node');
export const PKG_WEB = join(PKG, 'web');

/** `$TRUSTLOOP_FIXTURES`, default `<repo>/../shared/fixtures`. */
export const FIXTURES = process.env.TRUSTLOOP_FIXTURES
  ? resolve(process.env.TRUSTLOOP_FIXTURES)
  : resolve(REPO_ROOT, '..', 'shared', 'fixtures');

export const fixturesPresent = () => existsSync(FIXTURES);

export const isCI = () => ['true', '1'].includes(String(process.env.CI ?? '').toLowerCase());

/** Prints the loud NOT RUN line; returns true when that must fail the run (CI=true). */
export function reportMissingFixtures(count, what = 'fixture cases') {
  console.log(`NOT RUN: ${count} ${what}, fixtures folder missing (${FIXTURES})`);
  return isCI();
}
