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

test('errors carry the exit code the CLI gives for the same failure', () => {
  assert.throws(() => trustloop.verifyBundle(Buffer.from('not json')), (e) => e instanceof TrustloopError && e.exitCode === 1)
  assert.throws(() => trustloop.lint(Buffer.from('not json')), (e) => e instanceof TrustloopError && e.exitCode === 2)
  assert.throws(() => trustloop.buildLocal(Buffer.from('{}'), { packageId: '', packageVersion: '1.0.0' }),
    (e) => e instanceof TrustloopError && e.code === 'ANIP_BUILD_ARGS' && e.exitCode === 2)
  // No CLI command: no exit code.
  assert.throws(() => trustloop.assetsPa.write([{ asset_id: 'x' }]), (e) => e instanceof TrustloopError && e.exitCode === undefined)
})

test('trustStore gives the trustedKeys object', () => {
  const store = Buffer.from('{"items":[{"key_id":"k1","public_key":"AAAA"}]}')
  assert.deepEqual(trustloop.trustStore(store), { k1: 'AAAA' })
  assert.throws(() => trustloop.trustStore(Buffer.from('{"x":1}')), (e) => e.code === 'ANIP_TRUST_STORE_INVALID')
})

test('promises: every operation, run off the event loop, same results and errors', async () => {
  const sync = Object.keys(trustloop).filter((k) => typeof trustloop[k] === 'function' && !['operations', 'codes', 'TrustloopError'].includes(k) && !k.startsWith('_'))
  for (const name of sync) assert.equal(typeof trustloop.promises[name], 'function', name)
  for (const ns of ['anpkg', 'assetsPa']) {
    for (const name of Object.keys(trustloop[ns])) assert.equal(typeof trustloop.promises[ns][name], 'function', `${ns}.${name}`)
  }
  const definition = require('node:fs').readFileSync(path.join(__dirname, '..', '..', 'examples', 'anip', 'order-desk-service-definition.json'))
  const opts = { packageId: 'order-desk', packageVersion: '1.0.0' }
  const pending = trustloop.promises.buildLocal(definition, opts)
  assert.ok(pending instanceof Promise)
  // The call returned before the work finished: the result arrives from the thread
  // pool through the event loop, never within the current turn's microtasks.
  let settled = false
  pending.then(() => { settled = true }, () => { settled = true })
  await Promise.resolve()
  await Promise.resolve()
  assert.equal(settled, false)
  const files = await pending
  assert.deepEqual(Object.keys(files), Object.keys(trustloop.buildLocal(definition, opts)))
  const bundle = Object.entries(files).find(([n]) => n.endsWith('.anip-package.json'))[1]
  assert.deepEqual(await trustloop.promises.verifyBundle(bundle), trustloop.verifyBundle(bundle))
  await assert.rejects(trustloop.promises.verifyBundle(Buffer.from('not json')),
    (e) => e instanceof TrustloopError && e.code === 'JSON_SYNTAX' && e.exitCode === 1)
  // Argument errors reject too (never throw synchronously).
  await assert.rejects(trustloop.promises.verifyBundle(42), TypeError)
  // The synchronous door is back once the wrapper has run.
  assert.ok(!(trustloop.verifyBundle(bundle) instanceof Promise))
})

test('an operation without a hand-written function is derived from its table row', () => {
  const row = (js) => trustloop.operations().find((o) => o.js === js)
  const definition = require('node:fs').readFileSync(path.join(__dirname, '..', '..', 'examples', 'anip', 'order-desk-service-definition.json'))
  const opts = { packageId: 'order-desk', packageVersion: '1.0.0' }
  const files = trustloop.buildLocal(definition, opts)
  const bundle = Object.entries(files).find(([n]) => n.endsWith('.anip-package.json'))[1]
  const lock = trustloop.writeLock(bundle)
  // Options with an optional parameter (lock) by its camelCase name.
  const verify = trustloop._derived(row('verifyBundle'))
  assert.deepEqual(verify(bundle, { lock, extendedReport: true }), trustloop.verifyBundle(bundle, { lock, extendedReport: true }))
  // No options: optional parameters positional.
  assert.deepEqual(trustloop._derived(row('canonicalize'))(Buffer.from('{"b":1,"a":2}'), 'jcs'), trustloop.canonicalize(Buffer.from('{"b":1,"a":2}'), 'jcs'))
  assert.throws(() => trustloop._derived(row('assetsPa.extract'))(Buffer.alloc(0), 1.5), TypeError)
  assert.throws(() => verify(bundle, { nope: 1 }), (e) => e instanceof TrustloopError && e.code === 'INVALID_OPTION')
})

test('wrong arguments are TypeErrors with code ERR_INVALID_ARG_TYPE, as in Node core', () => {
  assert.throws(() => trustloop.verifyBundle(42), (e) => e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE')
  assert.throws(() => trustloop.canonicalize(Buffer.from('{}'), 7), (e) => e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE')
})
