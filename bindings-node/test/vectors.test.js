'use strict'
// Conformance vectors (tests/vectors/**/*.json, format in tests/vectors/README.md)
// run through the public Node API.
const test = require('node:test')
const assert = require('node:assert/strict')
const { createHash } = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const trustloop = require('..')

const HOST = 'node'
const ROOT = path.resolve(__dirname, '..', '..')
const FIXTURES = process.env.TRUSTLOOP_FIXTURES || path.join(ROOT, '..', 'shared', 'fixtures')
const FIXTURES_PRESENT = fs.existsSync(FIXTURES) && fs.statSync(FIXTURES).isDirectory()
const IS_CI = /^(true|1)$/i.test(process.env.CI || '')
// Ops this binding exposes, from the core's operation table (vector ops are the table's
// flat names); cases of other ops are counted and reported as NOT RUN.
const OPS = trustloop.operations().filter((o) => o.hosts.node).map((o) => o.flat)
const camel = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]))

function vectorFiles (dir) {
  const out = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...vectorFiles(p))
    else if (e.name.endsWith('.json')) out.push(p)
  }
  return out.sort()
}

function inputBytes (form) {
  const keys = Object.keys(form)
  assert.equal(keys.length, 1, 'input form must have exactly one key')
  if ('text' in form) return Buffer.from(form.text, 'utf8')
  if ('base64' in form) return Buffer.from(form.base64, 'base64')
  if ('file' in form) return fs.readFileSync(path.join(ROOT, form.file))
  if ('fixture' in form) return fs.readFileSync(path.join(FIXTURES, form.fixture))
  throw new Error(`unknown input form ${keys[0]}`)
}

const usesFixture = (c) => ['input', 'lock'].some((k) => c[k] && 'fixture' in c[k])

/** The vector's snake_case verify options in Node's camelCase; an option this map lacks fails the case. */
const VERIFY_OPTION_NAMES = {
  expected_contract_signature: 'expectedContractSignature',
  trusted_keys: 'trustedKeys',
  legacy: 'legacy',
  record_path: 'recordPath',
  extended_report: 'extendedReport'
}

function verifyOpts (options, lock) {
  const o = {}
  if (lock) o.lock = lock
  for (const [k, v] of Object.entries(options)) {
    if (!(k in VERIFY_OPTION_NAMES)) throw new Error(`verify option ${k} has no Node name in this runner`)
    o[VERIFY_OPTION_NAMES[k]] = v
  }
  return o
}


/** Calls the public API; returns {kind, ...}. */
function invoke (c) {
  const input = inputBytes(c.input)
  const lock = c.lock ? inputBytes(c.lock) : undefined
  const options = c.options || {}
  try {
    switch (c.op) {
      case 'canonicalize': return { kind: 'bytes', out: trustloop.canonicalize(input, options.mode || 'digest') }
      case 'digest': return { kind: 'bytes', out: Buffer.from(trustloop.digest(input), 'utf8') }
      case 'write_lock': return { kind: 'bytes', out: trustloop.writeLock(input) }
      case 'verify_bundle': return { kind: 'verdict', result: trustloop.verifyBundle(input, verifyOpts(options, lock)) }
      case 'verify_definition': return { kind: 'verdict', result: trustloop.verifyDefinition(input, verifyOpts(options, lock)) }
      case 'build_local': return { kind: 'files', files: trustloop.buildLocal(input, camel(options)) }
      case 'verify_registry_responses':
      case 'write_lock_registry_responses': {
        const { package_url: packageUrl, receipt, keys, ...policy } = options
        const responses = { packageUrl, download: input, receipt: inputBytes(receipt), keys: inputBytes(keys) }
        if (c.op === 'write_lock_registry_responses') return { kind: 'bytes', out: trustloop.writeLockRegistryResponses(responses, camel(policy)) }
        return { kind: 'verdict', result: trustloop.verifyRegistryResponses(responses, { ...camel(policy), ...(lock ? { lock } : {}) }) }
      }
    }
    const { entries, ...rest } = options
    switch (c.op) {
      case 'ref_check': return { kind: 'value', value: trustloop.refCheck(input.toString('utf8')) }
      case 'tree_combine': return { kind: 'bytes', out: Buffer.from(trustloop.treeCombine(input, options.pointer || ''), 'utf8') }
      case 'tree_digest': return { kind: 'value', value: trustloop.treeDigest(entries || [], camel(rest)) }
      case 'bundle_report': return { kind: 'value', value: trustloop.bundleReport(input, entries || [], camel(rest)) }
      case 'bundle_materials': return { kind: 'value', value: trustloop.bundleMaterials(input) }
      case 'attach_implementation': return { kind: 'value', value: trustloop.attachImplementation(input, entries, camel(rest)) }
      case 'lint': return { kind: 'value', value: trustloop.lint(input) }
      case 'assets_pa_write': {
        const doc = JSON.parse(input.toString('utf8'))
        return { kind: 'bytes', out: trustloop.assetsPa.write(doc.entries, doc.preload) }
      }
      case 'assets_pa_read': return { kind: 'value', value: trustloop.assetsPa.read(input) }
      case 'assets_pa_verify': return { kind: 'value', value: trustloop.assetsPa.verify(input) }
      case 'assets_pa_companions': return { kind: 'files', files: trustloop.assetsPa.companions(input) }
      case 'assets_pa_extract': return { kind: 'bytes', out: trustloop.assetsPa.extract(input, options.asset_id) }
      case 'assets_pa_glyph_bank': return { kind: 'value', value: trustloop.assetsPa.glyphBank(JSON.parse(input.toString('utf8'))).summary }
      case 'assets_pa_pack_files': {
        const doc = JSON.parse(input.toString('utf8'))
        const files = {}
        for (const [p, form] of Object.entries(doc.files)) files[p] = inputBytes(form)
        return { kind: 'value', value: trustloop.assetsPa.packFiles(files, camel(options)).report }
      }
      default: throw new Error(`unknown op ${c.op}`)
    }
  } catch (e) {
    if (e instanceof trustloop.TrustloopError) return { kind: 'error', error: e }
    throw e
  }
}

const sha256 = (b) => 'sha256:' + createHash('sha256').update(b).digest('hex')
const failedChecks = (r) => (r.checks || []).filter((c) => c.status === 'fail').map((c) => c.name)

function assertSubset (want, got, where) {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    assert.ok(got && typeof got === 'object' && !Array.isArray(got), `${where}: expected an object`)
    for (const [k, v] of Object.entries(want)) {
      assert.ok(Object.prototype.hasOwnProperty.call(got, k), `${where}.${k} missing`)
      assertSubset(v, got[k], `${where}.${k}`)
    }
  } else {
    assert.deepStrictEqual(got, want, where)
  }
}

function check (c) {
  const x = c.expect
  assert.ok(x && Object.keys(x).length > 0, 'expect is empty')
  const wantsError = x.exit_code === 1 || Object.keys(x).some((k) => k.startsWith('error_'))
  const r = invoke(c)
  if (r.kind === 'error') {
    assert.ok(wantsError, `unexpected error ${r.error.code}: ${r.error.message}`)
    if (x.error_code !== undefined) assert.equal(r.error.code, x.error_code, `error_code (message: ${r.error.message})`)
    if (x.error_message !== undefined) assert.equal(r.error.message, x.error_message, 'error_message')
    if (x.error_message_prefix !== undefined) assert.ok(r.error.message.startsWith(x.error_message_prefix), `error_message_prefix: got ${JSON.stringify(r.error.message)}`)
    return
  }
  assert.ok(!wantsError, 'expected an error, the call succeeded')
  if (r.kind === 'bytes') {
    if (x.exit_code !== undefined) assert.equal(x.exit_code, 0, 'exit_code')
    if (x.output_text !== undefined) assert.equal(r.out.toString('utf8'), x.output_text, 'output_text')
    if (x.output_text !== undefined) assert.ok(Buffer.from(x.output_text, 'utf8').equals(r.out), 'output_text bytes')
    if (x.output_base64 !== undefined) assert.equal(Buffer.from(r.out).toString('base64'), x.output_base64, 'output_base64')
    if (x.output_sha256 !== undefined) assert.equal(sha256(r.out), x.output_sha256, 'output_sha256')
    if (x.digest !== undefined) assert.equal(r.out.toString('utf8'), x.digest, 'digest')
  } else if (r.kind === 'verdict') {
    const res = r.result
    const code = trustloop.exitCode(res)
    if (x.exit_code !== undefined) assert.equal(code, x.exit_code, `exit_code (status ${res.status}; failed checks ${failedChecks(res)})`)
    if (x.status !== undefined) assert.equal(res.status, x.status, 'status')
    if (x.checks !== undefined) {
      const got = res.checks || []
      assert.deepStrictEqual(got.map((c) => c.name), x.checks.map((c) => c.name), 'checks (names, in order)')
      x.checks.forEach((w, i) => {
        for (const k of ['status', 'detail']) if (w[k] !== undefined) assert.equal(got[i][k], w[k], `checks[${i}].${k} (${w.name})`)
      })
    }
    if (x.failed_checks !== undefined) assert.deepStrictEqual(failedChecks(res), x.failed_checks, 'failed_checks')
    if (x.result_subset !== undefined) assertSubset(x.result_subset, res, 'result')
    if (x.result_keys !== undefined) assert.deepStrictEqual(Object.keys(res).sort(), [...x.result_keys].sort(), 'result_keys')
  } else if (r.kind === 'value') {
    if (x.exit_code !== undefined) assert.equal(x.exit_code, 0, 'exit_code')
    if (x.result !== undefined) assert.deepStrictEqual(r.value, x.result, 'result')
    if (x.result_subset !== undefined) assertSubset(x.result_subset, r.value, 'result')
  } else if (r.kind === 'files') {
    if (x.files_sha256 !== undefined) {
      const got = {}
      for (const [name, b] of Object.entries(r.files)) got[name] = sha256(b)
      assert.deepStrictEqual(got, x.files_sha256, 'files_sha256')
    }
  }
}

const files = vectorFiles(path.join(ROOT, 'tests', 'vectors'))
let total = 0
let noFixtures = 0
const otherOps = {}
for (const file of files) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
  const rel = path.relative(ROOT, file).split(path.sep).join('/')
  test.describe(rel, () => {
    for (const c of doc.cases) {
      if (Array.isArray(c.hosts) && !c.hosts.includes(HOST)) continue
      if (!OPS.includes(c.op)) { otherOps[c.op] = (otherOps[c.op] || 0) + 1; continue }
      if (usesFixture(c) && !FIXTURES_PRESENT) { noFixtures++; continue }
      total++
      test.it(c.name, () => check(c))
    }
  })
}

test('vectors: at least one case ran', () => assert.ok(total > 0, 'no vector case loaded'))

if (Object.keys(otherOps).length > 0) {
  console.error('NOT RUN (ops this binding does not expose): ' + Object.keys(otherOps).sort().map((op) => `${op} (${otherOps[op]})`).join(', '))
}

if (noFixtures > 0) {
  console.error(`NOT RUN: ${noFixtures} fixture cases, fixtures folder missing (${FIXTURES})`)
  test('vectors: fixture cases must run under CI', () => {
    assert.ok(!IS_CI, `CI=true and ${noFixtures} fixture cases could not run (fixtures folder missing: ${FIXTURES})`)
  })
}
