'use strict'
// The package's public surface is the core's operation table (core/src/api/ops.rs):
// every operation for Node at its derived name, exported and declared in index.d.ts,
// and nothing exported that the table lacks.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const trustloop = require('..')

// Exports that are not operations: the error class, the tables, the version, a limit.
const NOT_OPERATIONS = new Set(['TrustloopError', 'operations', 'codes', 'version', 'MAX_REGISTRY_BODY_BYTES', '_panicForTest', '_derived', 'promises'])
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

test('results are plain JS values and payloads are bytes', () => {
  const ref = trustloop.refCheck('git+https://example.com/repo.git@0123456789abcdef0123456789abcdef01234567#sha256:' + '0'.repeat(64))
  assert.equal(ref.kind, 'git')
  assert.equal(Object.getPrototypeOf(ref), Object.prototype)
  const spec = { tile_size: 8, tiles: [{ index: 0, pixels: '12345678'.repeat(8) }], palettes: [{ index: 0, palette: [0, 63488, ...new Array(14).fill(0)] }] }
  const { summary, payload } = trustloop.assetsPa.glyphBank(spec)
  assert.equal(typeof summary.tile_count, 'number')
  const fromSpec = trustloop.assetsPa.write([{ asset_id: 1, asset_name: 'ui', bank_type: 'GLYPH', glyph: spec }], [1])
  const entry = { asset_id: 1, asset_name: 'ui', bank_type: 'GLYPH', metadata: summary.metadata, payload }
  assert.deepEqual(trustloop.assetsPa.write([entry], [1]), fromSpec)
  assert.deepEqual(trustloop.assetsPa.extract(fromSpec, 1), payload)
  assert.throws(() => trustloop.assetsPa.write([{ ...entry, payload_hex: '00' }], []), TypeError)
})

test('a __proto__ key in a result is an own property, as JSON.parse makes it', () => {
  const spec = { tile_size: 8, tiles: [{ index: 0, pixels: '12345678'.repeat(8) }], palettes: [{ index: 0, palette: [0, 63488, ...new Array(14).fill(0)] }] }
  const { summary, payload } = trustloop.assetsPa.glyphBank(spec)
  const metadata = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(summary.metadata).slice(1)}`)
  const archive = trustloop.assetsPa.write([{ asset_id: 1, asset_name: 'ui', bank_type: 'GLYPH', metadata, payload }], [1])
  const read = trustloop.assetsPa.read(archive).asset_table[0].metadata
  assert.ok(Object.hasOwn(read, '__proto__'))
  assert.equal(Object.getPrototypeOf(read), Object.prototype)
  assert.equal(read.polluted, undefined)
  assert.deepEqual(read.__proto__, { polluted: true }) // eslint-disable-line no-proto
})

test('keys come in the order the CLI prints them', () => {
  const project = { 'assets/.prometeu/index.json': Buffer.from('{"schema_version":1,"next_asset_id":0,"assets":[]}') }
  const { report } = trustloop.assetsPa.packFiles(project, { outDir: 'out' })
  assert.deepEqual(Object.keys(report).slice(0, 3), ['ok', 'assets', 'preload']) // a record: insertion order
  const keys = Object.keys(report.artifact_sha256)
  assert.deepEqual(keys, [...keys].sort()) // a Go map: key order
  assert.ok(keys.length > 1)
})
