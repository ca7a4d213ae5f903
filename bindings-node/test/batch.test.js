'use strict'
// The batch operations (verifyMany, treeDigestMany, anpkg.validateMany, and their
// `promises` forms on the thread pool): every entry equals its own single call, in input
// order; a bad input is its own entry; the batch is bounded (BATCH_TOO_LARGE).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const trustloop = require('..')

const root = path.join(__dirname, '..', '..')

/** A single call's outcome, shaped as a batch entry. */
function entry (f, ...args) {
  try {
    return { result: f(...args) }
  } catch (e) {
    if (!(e instanceof trustloop.TrustloopError)) throw e
    return { error: { code: e.code, message: e.message, findings: e.findings } }
  }
}

function bundles () {
  const definition = fs.readFileSync(path.join(root, 'examples', 'anip', 'order-desk-service-definition.json'))
  const out = []
  for (let n = 0; n < 5; n++) {
    const files = trustloop.buildLocal(definition, { packageId: 'order-desk', packageVersion: `1.0.${n}` })
    out.push(Buffer.from(Object.entries(files).find(([name]) => name.endsWith('.anip-package.json'))[1]))
  }
  const tampered = JSON.parse(out[2])
  tampered.manifest.readme = String(tampered.manifest.readme ?? '') + ' (edited after signing)'
  return [...out.slice(0, 2), Buffer.from('not json'), Buffer.from(JSON.stringify(tampered)), ...out.slice(2), Buffer.from('{}')]
}

test('verifyMany equals the single calls, in order, synchronously and as a Promise', async () => {
  const inputs = bundles()
  const want = inputs.map((b) => entry(trustloop.verifyBundle, b, { extendedReport: true }))
  assert.deepStrictEqual(trustloop.verifyMany(inputs, { extendedReport: true }), want)
  assert.deepStrictEqual(await trustloop.promises.verifyMany(inputs, { extendedReport: true }), want)
  assert.equal(want[0].result.status, 'ok')
  assert.equal(want[3].result.status, 'failed')
  assert.equal(want[2].error.code, 'JSON_SYNTAX')
  assert.ok(want.at(-1).error)
})

test('treeDigestMany and anpkg.validateMany equal the single calls', () => {
  const trees = [0, 1, 2].map((n) => ({ [`src/f${n}.js`]: Buffer.alloc(n, 120) }))
  trees.push([{ path: 'no-content' }])
  const got = trustloop.treeDigestMany(trees)
  assert.deepStrictEqual(got, trees.map((t) => entry(trustloop.treeDigest, t)))
  assert.ok(got.at(-1).error && got[0].result)
  const pkg = trustloop.anpkg.export(path.join(root, 'examples', 'anpkg', 'greenhouse-bench'))
  const packages = [pkg, Buffer.from('not a zip'), pkg.subarray(0, pkg.length >> 1)]
  const validated = trustloop.anpkg.validateMany(packages)
  assert.deepStrictEqual(validated, packages.map((p) => entry(trustloop.anpkg.validate, p)))
  assert.equal(validated[0].result.valid, true)
  assert.equal(validated[1].result.valid, false)
})

test('the batch is bounded and its arguments typed', () => {
  trustloop.setLimit('batch_items', 2)
  try {
    assert.throws(() => trustloop.verifyMany([Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')]),
      (e) => e instanceof trustloop.TrustloopError && e.code === 'BATCH_TOO_LARGE')
  } finally {
    trustloop.resetLimits()
  }
  assert.throws(() => trustloop.verifyMany(Buffer.from('{}')), TypeError)
  assert.throws(() => trustloop.verifyMany(['{}']), TypeError)
})
