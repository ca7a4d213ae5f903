'use strict'
// limits / setLimit / resetLimits: the core's resource budgets (docs/limits.md),
// process-wide, the same names in every host.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const trustloop = require('..')
const { anpkg, TrustloopError } = trustloop
const { FIXTURES, missing } = require('./support/env')

function throwsCode (fn, code) {
  let caught
  try { fn() } catch (e) { caught = e }
  assert.ok(caught instanceof TrustloopError, `expected TrustloopError, got ${caught}`)
  assert.equal(caught.code, code, caught.message)
}

test.afterEach(() => trustloop.resetLimits())

test('every budget is listed with its default', () => {
  const limits = trustloop.limits()
  assert.equal(limits.yaml_nodes, 1000000)
  assert.equal(limits.yaml_depth, 200)
  assert.equal(limits.zip_entries, 10000)
  assert.equal(limits.input_bytes, 64 * 1024 * 1024)
})

test('a lowered budget applies until reset', (t) => {
  if (missing({ fixtures: 'anpkg/packages' })) return t.skip('fixtures missing')
  const pkg = fs.readFileSync(path.join(FIXTURES, 'anpkg', 'packages', 'sim-quickstart.anpkg'))
  assert.equal(anpkg.validate(pkg).valid, true)
  trustloop.setLimit('yaml_nodes', 3)
  assert.equal(trustloop.limits().yaml_nodes, 3)
  const r = anpkg.validate(pkg)
  assert.deepEqual([r.valid, r.code], [false, 'ANPKG_YAML_LIMIT'])
  trustloop.resetLimits()
  trustloop.setLimit('zip_entries', 2)
  assert.equal(anpkg.validate(pkg).code, 'ANPKG_ZIP_TOO_MANY_ENTRIES')
  // A per-call option still wins for that call.
  assert.equal(anpkg.validate(pkg, { maxEntries: 10000 }).valid, true)
  trustloop.resetLimits()
  trustloop.setLimit('json_depth', 1)
  throwsCode(() => trustloop.digest(Buffer.from('[[1]]')), 'JSON_TOO_DEEP')
  trustloop.resetLimits()
  assert.match(trustloop.digest(Buffer.from('[[1]]')), /^sha256:/)
})

test('unknown names and raised ceilings are refused', () => {
  throwsCode(() => trustloop.setLimit('no_such_limit', 1), 'INVALID_OPTION')
  throwsCode(() => trustloop.setLimit('yaml_depth', 201), 'INVALID_OPTION')
  assert.throws(() => trustloop.setLimit('yaml_nodes', -1), TypeError)
  assert.throws(() => trustloop.setLimit('yaml_nodes', 1.5), TypeError)
  assert.equal(trustloop.limits().yaml_depth, 200)
})
