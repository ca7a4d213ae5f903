// codes(): the core's code table; the `Code` union of the package's declarations
// (src/codes.d.ts, emitted into trustloop.d.ts) names the same codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { trustloop } from './support/load.mjs';
import { PKG_NODE as PKG } from './support/paths.mjs';

/** The string literals of `export type Code = | '…' | '…'` in the package's trustloop.d.ts. */
function declaredCodes() {
  const dts = readFileSync(join(PKG, 'trustloop.d.ts'), 'utf8');
  // wasm-bindgen dedents custom sections: the members' indentation is not kept.
  const union = dts.match(/export type Code =\n((?:[ \t]*\| '[A-Z0-9_]+'\n)+)/);
  assert.ok(union, 'trustloop.d.ts declares no Code union');
  return [...union[1].matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]);
}

test('the Code type of the package lists exactly the codes of codes()', () => {
  assert.deepEqual(declaredCodes(), trustloop.codes().map((c) => c.code));
  assert.match(readFileSync(join(PKG, 'trustloop.d.ts'), 'utf8'), /export function codes\(\): CodeInfo\[\];/);
});

test('codes the JS helpers raise are listed with their section', () => {
  const byCode = Object.fromEntries(trustloop.codes().map((c) => [c.code, c]));
  assert.equal(byCode.REGISTRY_FETCH_FAILED.section, 'bindings');
  assert.equal(byCode.FILES_TOO_LARGE.section, 'wasm');
  assert.equal(byCode.INTERNAL_JSON.severity, 'retired');
  for (const c of Object.values(byCode)) assert.deepEqual(Object.keys(c), ['code', 'section', 'severity', 'meaning']);
});
