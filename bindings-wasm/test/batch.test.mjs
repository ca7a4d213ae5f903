// The batch operations in the WASM package (sequential in the module): every entry
// equals its own single call, in input order; a bad input is its own entry; the batch
// is bounded (BATCH_TOO_LARGE).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { trustloop } from './support/load.mjs';
import { REPO_ROOT } from './support/paths.mjs';

function entry(f, ...args) {
  try {
    return { result: f(...args) };
  } catch (e) {
    if (!(e instanceof trustloop.TrustloopError)) throw e;
    return { error: { code: e.code, message: e.message, findings: e.findings } };
  }
}

test('verifyMany, treeDigestMany and anpkg.validateMany equal the single calls, in order', () => {
  const definition = readFileSync(join(REPO_ROOT, 'examples', 'anip', 'order-desk-service-definition.json'));
  const bundles = [0, 1, 2].map((n) => {
    const files = trustloop.buildLocal(definition, { packageId: 'order-desk', packageVersion: `1.0.${n}` });
    return Object.entries(files).find(([name]) => name.endsWith('.anip-package.json'))[1];
  });
  bundles.splice(1, 0, new TextEncoder().encode('not json'));
  const verified = trustloop.verifyMany(bundles, { extendedReport: true });
  assert.deepStrictEqual(verified, bundles.map((b) => entry(trustloop.verifyBundle, b, { extendedReport: true })));
  assert.equal(verified[0].result.status, 'ok');
  assert.equal(verified[1].error.code, 'JSON_SYNTAX');

  const trees = [[{ path: 'a.txt', text: 'a' }], [{ path: 'no-content' }]];
  const digests = trustloop.treeDigestMany(trees);
  assert.ok(digests[0].result.digest.startsWith('sha256:'));
  assert.ok(digests[1].error);

  const packages = [new TextEncoder().encode('not a zip'), new Uint8Array()];
  assert.deepStrictEqual(trustloop.anpkg.validateMany(packages), packages.map((p) => entry(trustloop.anpkg.validate, p)));
});

test('the batch is bounded', () => {
  trustloop.setLimit('batch_items', 1);
  try {
    assert.throws(() => trustloop.verifyMany([new Uint8Array(), new Uint8Array()]), (e) => e.code === 'BATCH_TOO_LARGE');
  } finally {
    trustloop.resetLimits();
  }
});
