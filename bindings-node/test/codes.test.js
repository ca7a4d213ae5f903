'use strict'
// codes(): the core's code table; the `Code` type of index.d.ts names the same codes.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const trustloop = require('..')

/** The string literals of `export type Code = | '…' | '…'` in index.d.ts. */
function declaredCodes () {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')
  const union = dts.match(/export type Code =\n((?: {2}\| '[A-Z0-9_]+'\n)+)/)
  assert.ok(union, 'index.d.ts declares no Code union')
  return [...union[1].matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1])
}

test('the Code type of index.d.ts lists exactly the codes of codes()', () => {
  assert.deepEqual(declaredCodes(), trustloop.codes().map((c) => c.code))
})

test('every code is listed once with its section, severity and meaning', () => {
  const codes = trustloop.codes()
  assert.ok(codes.length > 250, `only ${codes.length} codes`)
  assert.equal(new Set(codes.map((c) => c.code)).size, codes.length)
  for (const c of codes) {
    assert.deepEqual(Object.keys(c), ['code', 'section', 'severity', 'meaning'])
    assert.ok(['error', 'warning', 'info', 'varies', 'retired'].includes(c.severity), c.code)
    assert.ok(c.meaning.length > 0, c.code)
  }
  const byCode = Object.fromEntries(codes.map((c) => [c.code, c]))
  assert.equal(byCode.PA_UNKNOWN_KEY.severity, 'warning')
  assert.equal(byCode.REGISTRY_FETCH_FAILED.section, 'bindings')
  assert.equal(byCode.ANPKG_REPLAY_UNAVAILABLE.severity, 'retired')
})
