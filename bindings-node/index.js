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
  // Test hook: a deliberate panic inside the addon (must surface as INTERNAL_PANIC).
  _panicForTest: () => call(native._panicForTest)
}
