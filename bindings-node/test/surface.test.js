'use strict'
// The package's public surface is the core's operation table (core/src/api/ops.rs):
// every operation for Node at its derived name, exported and declared in index.d.ts,
// and nothing exported that the table lacks.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const trustloop = require('..')

// Exports that are not operations: the error class, the table, the version, a limit.
const NOT_OPERATIONS = new Set(['TrustloopError', 'operations', 'version', 'MAX_REGISTRY_BODY_BYTES', '_panicForTest'])
const NAMESPACES = ['anpkg', 'assetsPa']
const DTS = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')

const lookup = (js) => js.split('.').reduce((o, k) => (o == null ? undefined : o[k]), trustloop)
function declared (js) {
  const [ns, member] = js.includes('.') ? js.split('.') : [null, js]
  if (!ns) return new RegExp(`^export declare function ${member}\\(`, 'm').test(DTS)
  const block = DTS.slice(DTS.indexOf(`export declare const ${ns}: {`))
  return new RegExp(`^  ${member}\\(`, 'm').test(block.slice(0, block.indexOf('\n}')))
}

test('every Node operation is exported at its derived name and declared', () => {
  const ops = trustloop.operations()
  assert.ok(ops.length > 30)
  for (const op of ops) {
    if (op.hosts.node) {
      assert.equal(typeof lookup(op.js), 'function', `${op.js} is not exported`)
      assert.ok(declared(op.js), `${op.js} is not declared in index.d.ts`)
    } else {
      assert.equal(lookup(op.js), undefined, `${op.js} is exported but the table says Node has no ${op.name}`)
    }
  }
})

test('nothing exported is missing from the table', () => {
  const table = new Set(trustloop.operations().filter((o) => o.hosts.node).map((o) => o.js))
  for (const [name, value] of Object.entries(trustloop)) {
    if (NOT_OPERATIONS.has(name)) continue
    if (NAMESPACES.includes(name)) {
      for (const member of Object.keys(value)) assert.ok(table.has(`${name}.${member}`), `${name}.${member} is not in the table`)
    } else {
      assert.ok(table.has(name), `${name} is exported but not an operation in core/src/api/ops.rs`)
    }
  }
})

test('version is a string and errors are TrustloopError instances', () => {
  assert.match(trustloop.version, /^\d+\.\d+\.\d+/)
  assert.throws(() => trustloop.digest(Buffer.from('[')), trustloop.TrustloopError)
})
