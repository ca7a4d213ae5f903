'use strict'
// The addon's one entry, `call(op, args)`: names and arguments are checked against the
// core's operation table, values cross as JS values (no JSON text), and arguments
// that nest forever are refused, not followed. Plus the ESM view of the package.
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

const trustloop = require('..')
const { TrustloopError } = trustloop

test('unknown operations and bad arguments are TrustloopErrors with codes', () => {
  assert.throws(() => trustloop.exitCode(null), (e) => e instanceof TrustloopError && e.code === 'INVALID_ARGUMENT')
  assert.equal(trustloop.exitCode({ status: 'failed' }), 2)
  assert.equal(trustloop.exitCode({ status: 'ok_legacy' }), 0)
})

test('options and entries cross as JS values; self-containing ones are refused', () => {
  const looped = []
  looped.push(looped)
  assert.throws(() => trustloop.treeDigest({ 'a.txt': Buffer.from('a') }, { vars: { x: looped } }),
    (e) => e instanceof TrustloopError && e.code === 'JSON_TOO_DEEP')
  let deep = 'leaf'
  for (let i = 0; i < 100000; i++) deep = [deep]
  assert.throws(() => trustloop.assetsPa.glyphBank({ tiles: deep }),
    (e) => e instanceof TrustloopError && e.code === 'JSON_TOO_DEEP')
  const sym = Symbol('skipped')
  const r = trustloop.treeDigest({ 'a.txt': Buffer.from('a') }, { [sym]: 1 })
  assert.match(r.digest, /^sha256:[0-9a-f]{64}$/)
})

test('ESM: every export is a named export', () => {
  const names = Object.keys(trustloop).filter((k) => !k.startsWith('_'))
  const src = `import * as m from ${JSON.stringify(path.join(__dirname, '..', 'index.js'))}; ` +
    'console.log(JSON.stringify(Object.keys(m).filter((k) => k !== "default" && !k.startsWith("_")).sort()))'
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', src], { encoding: 'utf8' })
  assert.deepEqual(JSON.parse(out), names.sort())
})
