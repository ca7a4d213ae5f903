'use strict'
// Registry sources over real HTTP: a server on 127.0.0.1 (ephemeral port) serves the
// recorded registry responses (tests/examples/anip-registry/, written by
// tests/vectors/anip-registry/generate.py); trustloop fetches them with the global
// fetch and must agree with the trustloop CLI. What the core decides from the bodies
// (tampering, lifecycle, trust policy, locks) is pinned by the vectors every host runs.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const http = require('node:http')
const net = require('node:net')
const path = require('node:path')

const trustloop = require('..')
const { TrustloopError } = trustloop
const { ROOT, missing, cliAsync } = require('./support/env')

const ID = 'order-desk'
const VERSION = '1.0.0'
const API = '/registry-api/v1'

/** Recorded responses of the example package: {record, receipt, keys}. */
function published (scenario = 'published') {
  const read = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'examples', 'anip-registry', scenario, `${name}.json`), 'utf8'))
  return { record: read('download'), receipt: read('receipt'), keys: read('keys') }
}

/** A loopback registry serving one package; records every request path. */
async function serve (t, { record, receipt, keys }, { big } = {}) {
  const bodies = {
    [`${API}/packages/${ID}/${VERSION}/download`]: Buffer.from(JSON.stringify(record, null, 2)),
    [`${API}/packages/${ID}/${VERSION}/receipt`]: Buffer.from(JSON.stringify(receipt, null, 2)),
    [`${API}/keys`]: big === undefined ? Buffer.from(JSON.stringify(keys, null, 2)) : Buffer.alloc(big, 0x20)
  }
  const paths = []
  const server = http.createServer((req, res) => {
    paths.push(req.url)
    const body = bodies[req.url.split('?')[0]]
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'content-length': body ? body.length : 0 })
    res.end(body)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) }))
  return { base: `http://127.0.0.1:${server.address().port}`, paths }
}

const failed = (r) => r.checks.filter((c) => c.status === 'fail').map((c) => c.name)

async function rejectsWith (promise, code) {
  let caught
  try { await promise } catch (e) { caught = e }
  assert.ok(caught instanceof TrustloopError, `expected TrustloopError, got ${caught}`)
  assert.equal(caught.code, code, caught.message)
  return caught
}

test('verifies a registry package like the CLI', async (t) => {
  if (missing({ cli: true })) return t.skip('CLI missing')
  const reg = await serve(t, published())
  const r = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`)
  assert.equal(r.status, 'ok', failed(r).join(','))
  assert.equal(r.source_kind, 'registry')
  assert.equal(r.receipt_status, 'verified')
  assert.equal(r.registry_record_path, `${reg.base}${API}/packages/${ID}/${VERSION}`)
  assert.deepStrictEqual(reg.paths, [`${API}/packages/${ID}/${VERSION}/download`, `${API}/packages/${ID}/${VERSION}/receipt`, `${API}/keys`])
  const out = await cliAsync(['anip', 'verify', '--registry-url', reg.base, '--package', `${ID}@${VERSION}`, '--json'])
  assert.equal(out.status, 0, out.stderr.toString())
  assert.deepStrictEqual(r, JSON.parse(out.stdout))
  assert.deepStrictEqual(await trustloop.verifyRegistry(`${reg.base}${API}/`, ` ${ID}@${VERSION} `), r)
})

test('the sans-IO form agrees with the fetching one', async (t) => {
  const pub = published()
  const reg = await serve(t, pub)
  const fetched = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`)
  const direct = trustloop.verifyRegistryResponses({
    packageUrl: `${reg.base}${API}/packages/${ID}/${VERSION}`,
    download: Buffer.from(JSON.stringify(pub.record)),
    receipt: Buffer.from(JSON.stringify({ receipt: pub.receipt })),
    keys: new TextEncoder().encode(JSON.stringify(pub.keys))
  })
  assert.deepStrictEqual(direct, fetched)
  assert.throws(() => trustloop.verifyRegistryResponses({ packageUrl: 'x' }), TypeError)
})

test('yanked packages are fetched with allow_yanked only on request', async (t) => {
  if (missing({ cli: true })) return t.skip('CLI missing')
  const reg = await serve(t, published('yanked'))
  const e = await rejectsWith(trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`), 'ANIP_REGISTRY_YANKED')
  const expected = e.message
  const out = await cliAsync(['anip', 'verify', '--registry-url', reg.base, '--package', `${ID}@${VERSION}`])
  assert.equal(out.status, 1)
  assert.equal(out.stderr.toString().trim(), expected)
  const r = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { allowYankedPackage: true })
  assert.equal(r.status, 'ok', failed(r).join(','))
  assert.equal(reg.paths.at(-3), `${API}/packages/${ID}/${VERSION}/download?allow_yanked=true`)
})

test('option types are checked before fetching', async (t) => {
  const reg = await serve(t, published())
  await assert.rejects(trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { allowYankedPackage: 'yes' }), TypeError)
  await assert.rejects(trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { nope: 1 }), TypeError)
  assert.deepStrictEqual(reg.paths, [])
})

test('registry lock like the CLI; verify from the lock alone', async (t) => {
  if (missing({ cli: true })) return t.skip('CLI missing')
  const reg = await serve(t, published())
  const lock = await trustloop.writeLockRegistry(reg.base, `${ID}@${VERSION}`)
  assert.ok(Buffer.isBuffer(lock))
  const out = await cliAsync(['anip', 'lock', 'write', '--registry-url', reg.base, '--package', `${ID}@${VERSION}`, '-o', '-'])
  assert.equal(out.status, 0, out.stderr.toString())
  assert.ok(lock.equals(out.stdout))
  const doc = JSON.parse(lock)
  assert.equal(doc.source_kind, 'registry')
  assert.equal(doc.registry_url, `${reg.base}${API}`)
  const r = await trustloop.verifyRegistry(null, null, { lock })
  assert.equal(r.status, 'ok', failed(r).join(','))
  const republished = await serve(t, published('republished'))
  const r2 = await trustloop.verifyRegistry(republished.base, null, { lock })
  assert.deepStrictEqual(failed(r2), ['package_lock_matches'])
  await rejectsWith(trustloop.verifyRegistry(reg.base, null, { lock: Buffer.from('{not json') }), 'JSON_SYNTAX')
})

test('fetch errors', async (t) => {
  const reg = await serve(t, published())
  let e = await rejectsWith(trustloop.verifyRegistry(reg.base, 'missing@9.9.9'), 'REGISTRY_FETCH_FAILED')
  assert.equal(e.message, `registry request failed: GET ${reg.base}${API}/packages/missing/9.9.9/download: 404 Not Found`)
  e = await rejectsWith(trustloop.verifyRegistry(reg.base, 'no-version'), 'PACKAGE_REF_INVALID')
  assert.equal(e.message, 'package reference must use package_id@package_version')
  e = await rejectsWith(trustloop.verifyRegistry(reg.base), 'PACKAGE_REF_INVALID')
  assert.equal(e.message, 'package id and package version are required for registry resolution')
  await rejectsWith(trustloop.verifyRegistry(null, `${ID}@${VERSION}`), 'REGISTRY_URL_REQUIRED')
  await rejectsWith(trustloop.verifyRegistry('file:///etc', `${ID}@${VERSION}`), 'REGISTRY_FETCH_FAILED')
  await assert.rejects(trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { timeoutSeconds: 0 }), TypeError)
  // A port nobody listens on.
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
  })
  await rejectsWith(trustloop.verifyRegistry(`http://127.0.0.1:${port}`, `${ID}@${VERSION}`, { timeoutSeconds: 5 }), 'REGISTRY_FETCH_FAILED')
})

test('oversized bodies are refused', async (t) => {
  const reg = await serve(t, published(), { big: trustloop.MAX_REGISTRY_BODY_BYTES + 1 })
  const e = await rejectsWith(trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`), 'REGISTRY_FETCH_FAILED')
  assert.ok(e.message.endsWith(`body larger than ${trustloop.MAX_REGISTRY_BODY_BYTES} bytes`), e.message)
})

test('a custom fetch is used when given', async (t) => {
  const pub = published()
  const seen = []
  const bodies = {
    download: JSON.stringify(pub.record), receipt: JSON.stringify(pub.receipt), keys: JSON.stringify(pub.keys)
  }
  const fakeFetch = async (url) => {
    seen.push(url)
    const kind = url.endsWith('/keys') ? 'keys' : url.endsWith('/receipt') ? 'receipt' : 'download'
    return new Response(bodies[kind], { status: 200 })
  }
  const r = await trustloop.verifyRegistry('https://registry.invalid', `${ID}@${VERSION}`, { fetch: fakeFetch })
  assert.equal(r.status, 'ok', failed(r).join(','))
  assert.equal(seen.length, 3)
  assert.equal(r.registry_record_path, `https://registry.invalid${API}/packages/${ID}/${VERSION}`)
})

test('registry URLs are built by the shared native helper, like the CLI', async () => {
  const seen = []
  const fakeFetch = async (url) => { seen.push(url); return new Response('nope', { status: 418 }) }
  const e = await rejectsWith(trustloop.verifyRegistry(' http://h:1/base/ ', 'acme/glue pkg@1.0+b', { fetch: fakeFetch, allowYankedPackage: true }), 'REGISTRY_FETCH_FAILED')
  assert.deepStrictEqual(seen, ['http://h:1/base/registry-api/v1/packages/acme%2Fglue%20pkg/1.0+b/download?allow_yanked=true'])
  assert.equal(e.message, `registry request failed: GET ${seen[0]}: 418 I'm a Teapot`)
})
