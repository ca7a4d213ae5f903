'use strict'
// trustloop for Node: a thin, idiomatic wrapper over the napi-rs addon.
// Every core failure is thrown as TrustloopError {code, message, findings}.

const { existsSync } = require('node:fs')
const { join } = require('node:path')

const ERROR_PREFIX = 'TRUSTLOOP_ERROR:'

/** The one error type every trustloop failure throws. */
class TrustloopError extends Error {
  constructor (code, message, findings) {
    super(message)
    this.name = 'TrustloopError'
    this.code = code
    this.findings = Array.isArray(findings) ? findings : []
  }
}

function isMusl () {
  if (process.platform !== 'linux') return false
  try {
    const report = process.report && process.report.getReport()
    return !(report && report.header && report.header.glibcVersionRuntime)
  } catch (_) {
    return false
  }
}

function platformSuffix () {
  const { platform, arch } = process
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

function loadNative () {
  const candidates = []
  if (process.env.TRUSTLOOP_NODE_ADDON) candidates.push(process.env.TRUSTLOOP_NODE_ADDON)
  candidates.push(join(__dirname, `trustloop.${platformSuffix()}.node`), join(__dirname, 'trustloop.node'))
  for (const file of candidates) {
    if (existsSync(file)) return require(file)
  }
  throw new Error(`trustloop: native addon not found for ${platformSuffix()} (looked for ${candidates.join(', ')}); build it with \`npm run build\``)
}

const native = loadNative()

/** Runs a native call, turning addon errors into TrustloopError. */
function call (fn, ...args) {
  try {
    return fn(...args)
  } catch (e) {
    const msg = e && typeof e.message === 'string' ? e.message : ''
    if (msg.startsWith(ERROR_PREFIX)) {
      let payload
      try {
        payload = JSON.parse(msg.slice(ERROR_PREFIX.length))
      } catch (_) {
        payload = { code: 'INTERNAL_ERROR', message: msg, findings: [] }
      }
      throw new TrustloopError(payload.code, payload.message, payload.findings)
    }
    throw e
  }
}

function bytes (value, name) {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  throw new TypeError(`${name} must be a Uint8Array or Buffer, got ${value === null ? 'null' : typeof value}`)
}

function optionalString (value, name) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`)
  return value
}

function checkKeys (opts, allowed, what) {
  if (opts === undefined || opts === null) return {}
  if (typeof opts !== 'object' || Array.isArray(opts)) throw new TypeError(`${what} options must be an object`)
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) throw new TypeError(`unknown ${what} option ${JSON.stringify(k)}; allowed: ${allowed.join(', ')}`)
  }
  return opts
}

const VERIFY_KEYS = ['lock', 'expectedContractSignature', 'trustedKeys', 'legacy', 'recordPath']

/** camelCase verify options → the core's snake_case options JSON, plus the lock bytes. */
function verifyArgs (opts) {
  const o = checkKeys(opts, VERIFY_KEYS, 'verify')
  const options = {}
  const sig = optionalString(o.expectedContractSignature, 'expectedContractSignature')
  if (sig !== undefined) options.expected_contract_signature = sig
  if (o.trustedKeys !== undefined && o.trustedKeys !== null) {
    if (typeof o.trustedKeys !== 'object' || Array.isArray(o.trustedKeys)) throw new TypeError('trustedKeys must be an object of key id to base64 public key')
    const keys = {}
    for (const [kid, pk] of Object.entries(o.trustedKeys)) {
      if (typeof pk !== 'string') throw new TypeError('trustedKeys values must be base64 strings')
      keys[kid] = pk
    }
    options.trusted_keys = keys
  }
  if (o.legacy !== undefined && o.legacy !== null) {
    if (typeof o.legacy !== 'boolean') throw new TypeError('legacy must be a boolean')
    if (o.legacy) options.legacy = true
  }
  const rp = optionalString(o.recordPath, 'recordPath')
  if (rp !== undefined) options.record_path = rp
  const lock = o.lock === undefined || o.lock === null ? null : bytes(o.lock, 'lock')
  return [lock, JSON.stringify(options)]
}

/**
 * Verifies a .anip-package.json bundle (`anip verify --package-bundle`).
 * Returns the result object (snake_case keys, as upstream); throws TrustloopError where upstream exits 1.
 */
function verifyBundle (buf, opts) {
  const [lock, options] = verifyArgs(opts)
  return JSON.parse(call(native.verifyBundle, bytes(buf, 'bundle'), lock, options))
}

/** Verifies a plain service-definition file (`anip verify --definition`). */
function verifyDefinition (buf, opts) {
  const [lock, options] = verifyArgs(opts)
  return JSON.parse(call(native.verifyDefinition, bytes(buf, 'definition'), lock, options))
}

/** Upstream's exit code for a verify result: 2 when `failed`, else 0 (`ok`, or `ok_legacy` under `legacy`). */
function exitCode (result) {
  return result && result.status !== 'failed' ? 0 : 2
}

/** The consumer lock file (anip-package-lock/v1) for a bundle. */
function writeLock (buf) {
  return call(native.writeLock, bytes(buf, 'bundle'))
}

const BUILD_KEYS = ['packageId', 'packageVersion', 'generatedAt', 'signingKey', 'signingKeyId']
const BUILD_NAMES = { packageId: 'package_id', packageVersion: 'package_version', generatedAt: 'generated_at', signingKey: 'signing_key', signingKeyId: 'signing_key_id' }

/** `anip package build-local` in memory: file name → Buffer. */
function buildLocal (def, opts) {
  const o = checkKeys(opts, BUILD_KEYS, 'buildLocal')
  if (typeof o.packageId !== 'string') throw new TypeError('packageId must be a string')
  if (typeof o.packageVersion !== 'string') throw new TypeError('packageVersion must be a string')
  const options = {}
  for (const k of BUILD_KEYS) {
    const v = optionalString(o[k], k)
    if (v !== undefined) options[BUILD_NAMES[k]] = v
  }
  const files = call(native.buildLocal, bytes(def, 'definition'), JSON.stringify(options))
  const out = {}
  for (const f of files) out[f.name] = f.bytes
  return out
}

/** Canonical bytes of a JSON document: mode 'digest' (default), 'signature' or 'jcs'. */
function canonicalize (buf, mode = 'digest') {
  if (typeof mode !== 'string') throw new TypeError('mode must be a string')
  return call(native.canonicalize, bytes(buf, 'input'), mode)
}

/** `sha256:<hex>` of the digest-mode canonical bytes. */
function digest (buf) {
  return call(native.digest, bytes(buf, 'input'))
}

/** A fresh Ed25519 key pair. */
function keygen (keyId = 'trustloop-ed25519') {
  if (typeof keyId !== 'string') throw new TypeError('keyId must be a string')
  return JSON.parse(call(native.keygen, keyId))
}

/** camelCase option keys → the core's snake_case names (values unchanged). */
function snakeOptions (opts, what) {
  if (opts === undefined || opts === null) return '{}'
  if (typeof opts !== 'object' || Array.isArray(opts)) throw new TypeError(`${what} options must be an object`)
  const out = {}
  for (const [k, v] of Object.entries(opts)) out[k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = v
  return JSON.stringify(out)
}

/**
 * A bundle tree as the core's entry list: `{path: Uint8Array|string}` becomes
 * `[{path, base64|text}]`; an array of entry objects (`{path, text|base64|bytes|symlink|special}`) passes through.
 */
function entriesJson (entries) {
  if (Array.isArray(entries)) {
    return JSON.stringify(entries.map((e) => {
      if (!e || typeof e !== 'object' || typeof e.path !== 'string') throw new TypeError('each entry must be an object with a string path')
      if (e.bytes === undefined) return e
      const { bytes: b, ...rest } = e
      return { ...rest, base64: Buffer.from(bytes(b, 'entry bytes')).toString('base64') }
    }))
  }
  if (entries && typeof entries === 'object') {
    return JSON.stringify(Object.entries(entries).map(([path, content]) =>
      typeof content === 'string' ? { path, text: content } : { path, base64: Buffer.from(bytes(content, 'entry content')).toString('base64') }))
  }
  throw new TypeError('entries must be an object of path to bytes or an array of entry objects')
}

/** Validates a remote custom-code-bundle ref: `{kind, locator, immutable, digest}`. */
function refCheck (reference) {
  if (typeof reference !== 'string') throw new TypeError('reference must be a string')
  return JSON.parse(call(native.refCheck, reference))
}

/** Custom-code-bundle tree digest (ANIP-TREE): `{digest, files}`. */
function treeDigest (entries, opts) {
  return JSON.parse(call(native.treeDigest, entriesJson(entries), snakeOptions(opts, 'treeDigest')))
}

/** Tree digest of a per-file list `[{path, sha256}]` at JSON `pointer` in `buf`. */
function treeCombine (buf, pointer = '') {
  if (typeof pointer !== 'string') throw new TypeError('pointer must be a string')
  return call(native.treeCombine, bytes(buf, 'input'), pointer)
}

/** `generate`'s custom-code-bundle report for a bundle and a local bundle tree. */
function bundleReport (bundle, entries, opts) {
  return JSON.parse(call(native.bundleReport, bytes(bundle, 'bundle'), entriesJson(entries), snakeOptions(opts, 'bundleReport')))
}

/** The implementation materials a package bundle declares. */
function bundleMaterials (bundle) {
  return JSON.parse(call(native.bundleMaterials, bytes(bundle, 'bundle')))
}

/** `package attach-implementation`: the publish request with a material attached. */
function attachRequest (bundle, entries, opts) {
  const ej = entries === undefined || entries === null ? null : entriesJson(entries)
  return JSON.parse(call(native.attachRequest, bytes(bundle, 'bundle'), ej, snakeOptions(opts, 'attachRequest')))
}

/** Publication lint of a bundle's package metadata: `{status, findings}`. */
function lint (bundle) {
  return JSON.parse(call(native.lint, bytes(bundle, 'bundle')))
}

/** Prometeu assets.pa archives. */
const assetsPa = {
  /** Archive bytes from entries and preload. */
  write (entries, preload = []) {
    if (!Array.isArray(entries) || !Array.isArray(preload)) throw new TypeError('entries and preload must be arrays')
    return call(native.assetsPaWrite, JSON.stringify(entries), JSON.stringify(preload))
  },
  /** The parsed archive; throws on the first error. */
  read (buf) { return JSON.parse(call(native.assetsPaRead, bytes(buf, 'archive'))) },
  /** Every reader check: `{ok, codes, findings, …}`; never throws for bad archives. */
  verify (buf) { return JSON.parse(call(native.assetsPaVerify, bytes(buf, 'archive'))) },
  /** One asset's payload slice. */
  extract (buf, assetId) {
    if (!Number.isInteger(assetId)) throw new TypeError('assetId must be an integer')
    return call(native.assetsPaExtract, bytes(buf, 'archive'), assetId)
  },
  /** Companion files: name → Buffer. */
  companions (buf) {
    const out = {}
    for (const f of call(native.assetsPaCompanions, bytes(buf, 'archive'))) out[f.name] = f.bytes
    return out
  },
  /** A GLYPH bank payload from `{tile_size, tiles, palettes}`: `{summary, payload}`. */
  glyphBank (spec) {
    if (!spec || typeof spec !== 'object') throw new TypeError('spec must be an object')
    const r = call(native.assetsPaGlyphBank, JSON.stringify(spec))
    return { summary: JSON.parse(r.summary), payload: r.payload }
  },
  /** Packs an in-memory asset project (path → bytes): `{report, files}`. */
  pack (files, opts) {
    if (!files || typeof files !== 'object') throw new TypeError('files must be an object of path to bytes')
    const list = Object.entries(files).map(([name, b]) => ({ name, bytes: Buffer.from(bytes(b, 'file content')) }))
    const r = call(native.assetsPaPack, list, snakeOptions(opts, 'pack'))
    const written = {}
    for (const f of r.files) written[f.name] = f.bytes
    return { report: JSON.parse(r.report), files: written }
  }
}

module.exports = {
  version: native.version(),
  TrustloopError,
  verifyBundle,
  verifyDefinition,
  exitCode,
  writeLock,
  buildLocal,
  canonicalize,
  digest,
  keygen,
  refCheck,
  treeDigest,
  treeCombine,
  bundleReport,
  bundleMaterials,
  attachRequest,
  lint,
  assetsPa,
  // Test hook: a deliberate panic inside the addon (must surface as INTERNAL_PANIC).
  _panicForTest: () => call(native._panicForTest)
}
