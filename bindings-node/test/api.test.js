'use strict'
// The Node surface: error type, argument checking, hostile input never crashes.
const test = require('node:test')
const assert = require('node:assert/strict')

const trustloop = require('..')
const { TrustloopError } = trustloop

function throwsTrustloop (fn, code) {
  let caught
  try {
    fn()
  } catch (e) {
    caught = e
  }
  assert.ok(caught instanceof TrustloopError, `expected TrustloopError, got ${caught}`)
  assert.ok(caught instanceof Error)
  assert.equal(caught.name, 'TrustloopError')
  if (code) assert.equal(caught.code, code, caught.message)
  assert.equal(typeof caught.message, 'string')
  assert.ok(Array.isArray(caught.findings))
  return caught
}

test('version is the core version string', () => {
  assert.match(trustloop.version, /^\d+\.\d+\.\d+/)
})

test('canonicalize: modes and default', () => {
  const src = Buffer.from('{"b":"<&>","a":1.0}')
  assert.equal(trustloop.canonicalize(src).toString(), '{"a":1,"b":"<&>"}')
  assert.equal(trustloop.canonicalize(src, 'signature').toString(), '{"a":1,"b":"\\u003c\\u0026\\u003e"}')
  assert.equal(trustloop.canonicalize(src, 'jcs').toString(), '{"a":1,"b":"<&>"}')
  assert.ok(Buffer.isBuffer(trustloop.canonicalize(src)))
})

test('canonicalize accepts Uint8Array and ArrayBuffer', () => {
  const u8 = new TextEncoder().encode('[1.0]')
  assert.equal(trustloop.canonicalize(u8).toString(), '[1]')
  assert.equal(trustloop.canonicalize(u8.buffer).toString(), '[1]')
})

test('digest is sha256 of the canonical bytes', () => {
  assert.equal(trustloop.digest(Buffer.from(' { } ')), 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')
})

test('unknown mode is a TrustloopError', () => {
  throwsTrustloop(() => trustloop.canonicalize(Buffer.from('{}'), 'pretty'), 'UNKNOWN_MODE')
})

test('not JSON: TrustloopError with code, message and findings', () => {
  const e = throwsTrustloop(() => trustloop.digest(Buffer.from('{')), 'JSON_SYNTAX')
  assert.equal(e.message, 'decode JSON: unexpected end of JSON input')
  assert.equal(e.findings[0].code, 'JSON_SYNTAX')
  assert.equal(e.findings[0].severity, 'error')
})

test("nesting beyond Go's 10,000 levels is refused, not a crash", () => {
  const atLimit = Buffer.from('['.repeat(10000) + ']'.repeat(10000))
  assert.deepEqual(Buffer.from(trustloop.canonicalize(atLimit)), atLimit)
  const deep = Buffer.from('['.repeat(10001) + ']'.repeat(10001))
  throwsTrustloop(() => trustloop.canonicalize(deep), 'JSON_TOO_DEEP')
  throwsTrustloop(() => trustloop.verifyBundle(deep))
})

test('deep nesting far beyond the limit does not overflow the stack', () => {
  const deep = Buffer.from('['.repeat(1000000))
  throwsTrustloop(() => trustloop.digest(deep), 'JSON_TOO_DEEP')
})

test('a 50 MB string is refused or handled, never a crash', () => {
  const big = Buffer.alloc(50 * 1024 * 1024 + 2, 0x61)
  big[0] = 0x22
  big[big.length - 1] = 0x22
  // Either refused (JSON_STRING_TOO_LONG) or digested; never a crash.
  let d
  try {
    d = trustloop.digest(big)
  } catch (e) {
    assert.ok(e instanceof TrustloopError, String(e))
  }
  if (d !== undefined) assert.match(d, /^sha256:[0-9a-f]{64}$/)
  throwsTrustloop(() => trustloop.verifyBundle(big))
})

test('non-bytes arguments are TypeErrors', () => {
  assert.throws(() => trustloop.canonicalize('{}'), TypeError)
  assert.throws(() => trustloop.digest(null), TypeError)
  assert.throws(() => trustloop.digest(42), TypeError)
  assert.throws(() => trustloop.verifyBundle({}), TypeError)
  assert.throws(() => trustloop.writeLock([1, 2]), TypeError)
  assert.throws(() => trustloop.canonicalize(Buffer.from('{}'), 3), TypeError)
  assert.throws(() => trustloop.verifyBundle(Buffer.from('{}'), { lock: 'x' }), TypeError)
  assert.throws(() => trustloop.verifyBundle(Buffer.from('{}'), { legacy: 'yes' }), TypeError)
  assert.throws(() => trustloop.verifyBundle(Buffer.from('{}'), { trustedKeys: { k: 1 } }), TypeError)
  assert.throws(() => trustloop.buildLocal(Buffer.from('{}'), {}), TypeError)
  assert.throws(() => trustloop.keygen(7), TypeError)
})

test('unknown option names are refused', () => {
  assert.throws(() => trustloop.verifyBundle(Buffer.from('{}'), { expected_contract_signature: 'x' }), TypeError)
  assert.throws(() => trustloop.buildLocal(Buffer.from('{}'), { packageId: 'a', packageVersion: '1', nope: 1 }), TypeError)
})

test('verify of garbage gives a TrustloopError or a failed result', () => {
  for (const input of ['', 'null', '[]', '{}', '{"service_definition":1}', '\u0000\u0001', '{"a":']) {
    let result
    try {
      result = trustloop.verifyBundle(Buffer.from(input))
    } catch (e) {
      assert.ok(e instanceof TrustloopError, `input ${JSON.stringify(input)}: ${e}`)
      continue
    }
    assert.equal(result.status, 'failed', `input ${JSON.stringify(input)}`)
  }
})

test('verifyDefinition of garbage gives a TrustloopError or a failed result', () => {
  for (const input of ['', 'null', '{}', '{"capability_formalizations":"x"}']) {
    let result
    try {
      result = trustloop.verifyDefinition(Buffer.from(input))
    } catch (e) {
      assert.ok(e instanceof TrustloopError, `input ${JSON.stringify(input)}: ${e}`)
      continue
    }
    assert.equal(result.status, 'failed', `input ${JSON.stringify(input)}`)
  }
})

test('writeLock and buildLocal of garbage raise TrustloopError', () => {
  throwsTrustloop(() => trustloop.writeLock(Buffer.from('not json')))
  throwsTrustloop(() => trustloop.buildLocal(Buffer.from('not json'), { packageId: 'p', packageVersion: '1.0.0' }))
})

test('exitCode maps status', () => {
  assert.equal(trustloop.exitCode({ status: 'ok', checks: [] }), 0)
  assert.equal(trustloop.exitCode({ status: 'failed', checks: [] }), 2)
})

test('keygen returns a fresh Ed25519 key pair', () => {
  const a = trustloop.keygen('k1')
  const b = trustloop.keygen()
  assert.equal(a.key_id, 'k1')
  assert.equal(a.algorithm, 'ed25519')
  assert.equal(Buffer.from(a.public_key, 'base64').length, 32)
  assert.equal(a.extra_public_entry, `k1=${a.public_key}`)
  assert.equal(b.key_id, 'trustloop-ed25519')
  assert.notEqual(a.private_key_seed, b.private_key_seed)
})

test('a panic inside the addon becomes INTERNAL_PANIC, with nothing printed on stderr', () => {
  throwsTrustloop(() => trustloop._panicForTest(), 'INTERNAL_PANIC')
  const script = `try { require(${JSON.stringify(require('node:path').join(__dirname, '..'))})._panicForTest() } catch (e) { process.stdout.write(e.message) }`
  const child = require('node:child_process').spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(child.stderr, '')
  assert.match(child.stdout, /^internal error \(panic\): deliberate test panic \(at .+:\d+\)$/)
  // The addon still works afterwards.
  assert.equal(trustloop.digest(Buffer.from('{}')).slice(0, 7), 'sha256:')
})

test('refCheck parses and refuses', () => {
  const hex = '0123456789abcdef'.repeat(4)
  const ok = trustloop.refCheck(`registry://acme/glue@1.2.3#sha256:${hex}`)
  assert.equal(ok.kind, 'registry')
  assert.equal(ok.digest, `sha256:${hex}`)
  throwsTrustloop(() => trustloop.refCheck(''), 'REF_REQUIRED')
  assert.throws(() => trustloop.refCheck(Buffer.from('x')), TypeError)
})

test('treeDigest: entry forms agree, options validated', () => {
  const files = { 'README.md': Buffer.from('# Demo\n'), 'src/app.py': Buffer.from('print(1)\n') }
  const a = trustloop.treeDigest(files)
  const b = trustloop.treeDigest(Object.entries(files).map(([path, c]) => ({ path, text: c.toString() })))
  const c = trustloop.treeDigest(Object.entries(files).map(([path, bytes]) => ({ path, bytes })))
  assert.equal(a.digest, b.digest)
  assert.equal(a.digest, c.digest)
  assert.match(a.digest, /^sha256:[0-9a-f]{64}$/)
  throwsTrustloop(() => trustloop.treeDigest(files, { noSuchOption: 1 }), 'INVALID_OPTION')
  assert.throws(() => trustloop.treeDigest('README.md'), TypeError)
})

test('material ops on garbage throw TrustloopError', () => {
  throwsTrustloop(() => trustloop.bundleMaterials(Buffer.from('{')))
  throwsTrustloop(() => trustloop.lint(Buffer.from('{')))
  throwsTrustloop(() => trustloop.bundleReport(Buffer.from('not json'), {}))
  throwsTrustloop(() => trustloop.treeCombine(Buffer.from('[]'), '/nope'))
})

test('assetsPa.verify never throws for bad archives; read does', () => {
  for (const data of [Buffer.alloc(0), Buffer.from('PMTA'), Buffer.alloc(64), Buffer.alloc(100000, 0x78)]) {
    const r = trustloop.assetsPa.verify(data)
    assert.equal(r.ok, false)
    assert.ok(r.codes.length > 0)
    throwsTrustloop(() => trustloop.assetsPa.read(data))
  }
  assert.throws(() => trustloop.assetsPa.extract(Buffer.alloc(0), '0'), TypeError)
  throwsTrustloop(() => trustloop.assetsPa.write([{ asset_id: 'x' }], []))
})
