'use strict'
// trustloop for Node: a thin, idiomatic wrapper over the napi-rs addon.
// Every core failure is thrown as TrustloopError {code, message, findings}.

const { STATUS_CODES } = require('node:http')
const { fileURLToPath } = require('node:url')

const ERROR_PREFIX = 'TRUSTLOOP_ERROR:'

/** The one error type every trustloop failure throws. */
class TrustloopError extends Error {
  /**
   * `exitCode` is the exit code the `trustloop` CLI gives for the same failure of the
   * same operation (undefined where the operation has no CLI command).
   */
  constructor (code, message, findings, exitCode) {
    super(message)
    this.name = 'TrustloopError'
    this.code = code
    this.findings = Array.isArray(findings) ? findings : []
    if (exitCode !== undefined && exitCode !== null) this.exitCode = exitCode
  }
}

/**
 * A wrong argument: a `TypeError` with `code` `ERR_INVALID_ARG_TYPE`, as Node's own
 * APIs throw, so callers can tell it from a TrustloopError by `code` too.
 */
function argError (message) {
  const e = new TypeError(message)
  e.code = 'ERR_INVALID_ARG_TYPE'
  return e
}

const native = require('./addon.js').load()

/** An addon error as the TrustloopError it carries (other errors unchanged). */
function adopt (e) {
  const msg = e && typeof e.message === 'string' ? e.message : ''
  if (!msg.startsWith(ERROR_PREFIX)) return e
  let payload
  try {
    payload = JSON.parse(msg.slice(ERROR_PREFIX.length))
  } catch (_) {
    payload = { code: 'INTERNAL_ERROR', message: msg, findings: [] }
  }
  return new TrustloopError(payload.code, payload.message, payload.findings, payload.exit_code)
}

/** Runs a native function, turning addon errors into TrustloopError. */
function call (fn, ...args) {
  try {
    return fn(...args)
  } catch (e) {
    throw adopt(e)
  }
}

const syncOp = (name, args) => call(native.call, name, args)
const asyncOp = (name, args) => call(native.callAsync, name, args).catch((e) => Promise.reject(adopt(e)))
// Which door `op` uses: the synchronous one, or the thread pool while a `promises`
// function runs its wrapper (see `promisified`).
let runOp = syncOp

/**
 * Runs the core's operation `name` (its flat name in the operation table) through the
 * addon's one entry, turning addon errors into TrustloopError.
 */
function op (name, ...args) {
  return runOp(name, args)
}

/** `f(v)`, or `v.then(f)` when the operation ran as a Promise. */
function then (v, f) {
  return v instanceof Promise ? v.then(f) : f(v)
}

function bytes (value, name) {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  throw argError(`${name} must be a Uint8Array or Buffer, got ${value === null ? 'null' : typeof value}`)
}

function bytesList (value, name) {
  if (!Array.isArray(value)) throw argError(`${name} must be an array of Uint8Array`)
  return value.map((b, i) => bytes(b, `${name}[${i}]`))
}

function optionalString (value, name) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw argError(`${name} must be a string`)
  return value
}

function checkKeys (opts, allowed, what) {
  if (opts === undefined || opts === null) return {}
  if (typeof opts !== 'object' || Array.isArray(opts)) throw argError(`${what} options must be an object`)
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) throw argError(`unknown ${what} option ${JSON.stringify(k)}; allowed: ${allowed.join(', ')}`)
  }
  return opts
}

const VERIFY_KEYS = ['lock', 'expectedContractSignature', 'trustedKeys', 'legacy', 'recordPath', 'extendedReport']

/** camelCase verify options → the core's snake_case options JSON, plus the lock bytes. */
function verifyArgs (opts) {
  const o = checkKeys(opts, VERIFY_KEYS, 'verify')
  const options = {}
  const sig = optionalString(o.expectedContractSignature, 'expectedContractSignature')
  if (sig !== undefined) options.expected_contract_signature = sig
  if (o.trustedKeys !== undefined && o.trustedKeys !== null) {
    if (typeof o.trustedKeys !== 'object' || Array.isArray(o.trustedKeys)) throw argError('trustedKeys must be an object of key id to base64 public key')
    const keys = {}
    for (const [kid, pk] of Object.entries(o.trustedKeys)) {
      if (typeof pk !== 'string') throw argError('trustedKeys values must be base64 strings')
      keys[kid] = pk
    }
    options.trusted_keys = keys
  }
  if (o.legacy !== undefined && o.legacy !== null) {
    if (typeof o.legacy !== 'boolean') throw argError('legacy must be a boolean')
    if (o.legacy) options.legacy = true
  }
  const rp = optionalString(o.recordPath, 'recordPath')
  if (rp !== undefined) options.record_path = rp
  if (o.extendedReport !== undefined && o.extendedReport !== null) {
    if (typeof o.extendedReport !== 'boolean') throw argError('extendedReport must be a boolean')
    if (o.extendedReport) options.extended_report = true
  }
  const lock = o.lock === undefined || o.lock === null ? null : bytes(o.lock, 'lock')
  return [lock, options]
}

/**
 * Verifies a .anip-package.json bundle (`anip verify --package-bundle`).
 * Returns the result object (snake_case keys, as upstream); throws TrustloopError where upstream exits 1.
 */
function verifyBundle (buf, opts) {
  const [lock, options] = verifyArgs(opts)
  return op('verify_bundle', bytes(buf, 'bundle'), lock, options)
}

/**
 * `verifyBundle` of every bundle with the same options (no lock), spread over every core:
 * `[{result} | {error: {code, message, findings}}]` in input order.
 */
function verifyMany (bufs, opts) {
  const [lock, options] = verifyArgs(opts)
  if (lock !== null) throw argError('verifyMany takes no lock (each bundle has its own)')
  return op('verify_many', bytesList(bufs, 'bundles'), options)
}

/** Verifies a plain service-definition file (`anip verify --definition`). */
function verifyDefinition (buf, opts) {
  const [lock, options] = verifyArgs(opts)
  return op('verify_definition', bytes(buf, 'definition'), lock, options)
}

/** Upstream's exit code for a verify result: 2 when `failed`, else 0 (`ok`, or `ok_legacy` under `legacy`). */
function exitCode (result) {
  return op('exit_code', result)
}

/** The consumer lock file (anip-package-lock/v1) for a bundle. */
function writeLock (buf) {
  return op('write_lock', bytes(buf, 'bundle'))
}

const BUILD_STRINGS = {
  packageId: 'package_id',
  packageVersion: 'package_version',
  generatedAt: 'generated_at',
  name: 'name',
  projectRef: 'project_ref',
  productRevisionRef: 'product_revision_ref',
  developerRevisionRef: 'developer_revision_ref',
  sourceDocUrl: 'source_doc_url',
  showcaseUrl: 'showcase_url',
  definitionPath: 'definition_path',
  signingKey: 'signing_key',
  signingKeyId: 'signing_key_id'
}
const BUILD_KEYS = [...Object.keys(BUILD_STRINGS), 'port', 'writeDefinition']

/** `anip package build-local` in memory: file name → Buffer. */
function buildLocal (def, opts) {
  const o = checkKeys(opts, BUILD_KEYS, 'buildLocal')
  if (typeof o.packageId !== 'string') throw argError('packageId must be a string')
  if (typeof o.packageVersion !== 'string') throw argError('packageVersion must be a string')
  const options = {}
  for (const [k, name] of Object.entries(BUILD_STRINGS)) {
    const v = optionalString(o[k], k)
    if (v !== undefined) options[name] = v
  }
  if (o.port !== undefined && o.port !== null) {
    if (!Number.isSafeInteger(o.port)) throw argError('port must be an integer')
    options.port = o.port
  }
  if (o.writeDefinition !== undefined && o.writeDefinition !== null) {
    if (typeof o.writeDefinition !== 'boolean') throw argError('writeDefinition must be a boolean')
    options.write_definition = o.writeDefinition
  }
  return then(op('build_local', bytes(def, 'definition'), options), fileObject)
}

/** Canonical bytes of a JSON document: mode 'digest' (default), 'signature' or 'jcs'. */
function canonicalize (buf, mode = 'digest') {
  if (typeof mode !== 'string') throw argError('mode must be a string')
  return op('canonicalize', bytes(buf, 'input'), mode)
}

/** `sha256:<hex>` of the digest-mode canonical bytes. */
function digest (buf) {
  return op('digest', bytes(buf, 'input'))
}

/** A fresh Ed25519 key pair. */
function keygen (keyId = 'trustloop-ed25519') {
  if (typeof keyId !== 'string') throw argError('keyId must be a string')
  return op('keygen', keyId)
}

/** The core's operation table this package is derived from (`js` is the name here). */
function operations () {
  return native.operations()
}

/** The resource budgets in force for this process, by name (docs/limits.md). */
function limits () {
  return op('limits')
}

/**
 * Sets one resource budget for this process, e.g. `setLimit('yaml_nodes', 100000)`:
 * set once, before handling input; per-call options (`maxEntries`, …) still win for
 * that call. An unknown name, or a nesting budget raised above its ceiling, throws
 * TrustloopError `INVALID_OPTION`.
 */
function setLimit (name, value) {
  if (typeof name !== 'string') throw argError('name must be a string')
  if (!Number.isSafeInteger(value) || value < 0) throw argError('value must be a non-negative safe integer')
  op('set_limit', name, value)
}

/** Puts every resource budget back to its default. */
function resetLimits () {
  op('reset_limits')
}

/** Every finding and error code, once, from the core's table (docs/codes.md): `[{code, section, severity, meaning}]`. */
function codes () {
  return native.codes()
}

/** camelCase option keys → the core's snake_case names (values unchanged). */
function snakeOptions (opts, what) {
  if (opts === undefined || opts === null) return {}
  if (typeof opts !== 'object' || Array.isArray(opts)) throw argError(`${what} options must be an object`)
  const out = {}
  for (const [k, v] of Object.entries(opts)) out[k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = v
  return out
}

/**
 * A bundle tree as the core's entry list: `{path: Uint8Array|string}` becomes
 * `[{path, base64|text}]`; an array of entry objects (`{path, text|base64|bytes|symlink|special}`) passes through.
 */
function entryList (entries) {
  if (Array.isArray(entries)) {
    return entries.map((e) => {
      if (!e || typeof e !== 'object' || typeof e.path !== 'string') throw argError('each entry must be an object with a string path')
      if (e.bytes === undefined) return e
      const { bytes: b, ...rest } = e
      return { ...rest, base64: Buffer.from(bytes(b, 'entry bytes')).toString('base64') }
    })
  }
  if (entries && typeof entries === 'object') {
    return Object.entries(entries).map(([path, content]) =>
      typeof content === 'string' ? { path, text: content } : { path, base64: Buffer.from(bytes(content, 'entry content')).toString('base64') })
  }
  throw argError('entries must be an object of path to bytes or an array of entry objects')
}

/**
 * The pinned keys of a trust-store document (`--trust-store`: a `keys`, `items` or
 * `registry_keys` array of `{key_id, algorithm, public_key}`), as the `trustedKeys`
 * object the verify functions take.
 */
function trustStore (buf) {
  return op('trust_store', bytes(buf, 'trust store'))
}

/** Validates a remote custom-code-bundle ref: `{kind, locator, immutable, digest}`. */
function refCheck (reference) {
  if (typeof reference !== 'string') throw argError('reference must be a string')
  return op('ref_check', reference)
}

/** Custom-code-bundle tree digest (ANIP-TREE): `{digest, files}`. */
function treeDigest (entries, opts) {
  return op('tree_digest', entryList(entries), snakeOptions(opts, 'treeDigest'))
}

/** `treeDigest` of every tree with the same options, on every core: `[{result} | {error}]` in input order. */
function treeDigestMany (trees, opts) {
  if (!Array.isArray(trees)) throw argError('trees must be an array of bundle trees')
  return op('tree_digest_many', trees.map(entryList), snakeOptions(opts, 'treeDigestMany'))
}

/** Tree digest of a per-file list `[{path, sha256}]` at JSON `pointer` in `buf`. */
function treeCombine (buf, pointer = '') {
  if (typeof pointer !== 'string') throw argError('pointer must be a string')
  return op('tree_combine', bytes(buf, 'input'), pointer)
}

/** `generate`'s custom-code-bundle report for a bundle and a local bundle tree. */
function bundleReport (bundle, entries, opts) {
  return op('bundle_report', bytes(bundle, 'bundle'), entryList(entries), snakeOptions(opts, 'bundleReport'))
}

/** The implementation materials a package bundle declares. */
function bundleMaterials (bundle) {
  return op('bundle_materials', bytes(bundle, 'bundle'))
}

/** `package attach-implementation`: the publish request with a material attached. */
function attachImplementation (bundle, entries, opts) {
  const ej = entries === undefined || entries === null ? null : entryList(entries)
  return op('attach_implementation', bytes(bundle, 'bundle'), ej, snakeOptions(opts, 'attachImplementation'))
}

/** Publication lint of a bundle's package metadata: `{status, findings}`. */
function lint (bundle) {
  return op('lint', bytes(bundle, 'bundle'))
}

/** Prometeu assets.pa archives. */
const assetsPa = {
  /**
   * Archive bytes from entries (`{asset_id, asset_name, bank_type, codec?, metadata?}`
   * plus the payload: `payload` bytes, `payload_base64`/`payload_hex` text or a `glyph`
   * spec) and preload (the preloaded asset ids).
   */
  write (entries, preload = []) {
    if (!Array.isArray(entries) || !Array.isArray(preload)) throw argError('entries and preload must be arrays')
    const listed = entries.map((e, i) => {
      if (!e || typeof e !== 'object' || e.payload === undefined) return e
      if (['payload_base64', 'payload_hex', 'glyph'].some((k) => k in e)) {
        throw argError(`entries[${i}]: give one payload form (payload, payload_base64, payload_hex or glyph)`)
      }
      const { payload, ...rest } = e
      return { ...rest, payload_base64: Buffer.from(bytes(payload, `entries[${i}].payload`)).toString('base64') }
    })
    return op('assets_pa_write', listed, preload)
  },
  /** The parsed archive; throws on the first error. */
  read (buf) { return op('assets_pa_read', bytes(buf, 'archive')) },
  /** Every reader check: `{ok, codes, findings, …}`; never throws for bad archives. */
  verify (buf) { return op('assets_pa_verify', bytes(buf, 'archive')) },
  /** One asset's payload slice. */
  extract (buf, assetId) {
    if (!Number.isInteger(assetId)) throw argError('assetId must be an integer')
    return op('assets_pa_extract', bytes(buf, 'archive'), assetId)
  },
  /** Companion files: name → Buffer. */
  companions (buf) {
    return then(op('assets_pa_companions', bytes(buf, 'archive')), fileObject)
  },
  /** Whether `asset_table.json` and `preload.json` mirror the archive byte for byte (PA-COMP-4). */
  verifyCompanions (buf, assetTable, preload) {
    return op('assets_pa_verify_companions', bytes(buf, 'archive'), bytes(assetTable, 'assetTable'), bytes(preload, 'preload'))
  },
  /** A GLYPH bank payload from `{tile_size, tiles, palettes}`: `{summary, payload}`. */
  glyphBank (spec) {
    if (!spec || typeof spec !== 'object') throw argError('spec must be an object')
    return op('assets_pa_glyph_bank', spec)
  },
  /**
   * `trustloop assets-pa pack`: packs the asset project in `projectDir` into `outDir`
   * (default `<projectDir>/build`) through a staging directory, and returns the report
   * `--json` prints. A project that does not pack (`ok: false`) leaves an existing
   * output untouched; symlinks in the project are refused, not followed.
   */
  pack (projectDir, opts) {
    const o = checkKeys(opts, ['outDir'], 'assetsPa.pack')
    const out = o.outDir === undefined || o.outDir === null ? null : pathArg(o.outDir, 'outDir')
    return op('assets_pa_pack', pathArg(projectDir, 'projectDir'), out)
  },
  /** Packs an in-memory asset project (path → bytes): `{report, files}`; nothing touches the disk. */
  packFiles (files, opts) {
    if (!files || typeof files !== 'object') throw argError('files must be an object of path to bytes')
    const project = fileMap(files, 'file content')
    return then(op('assets_pa_pack_files', project, snakeOptions(opts, 'packFiles')), (r) => ({ report: r.report, files: fileObject(r.files) }))
  }
}

/** `{path: bytes}` with every value checked to be bytes. */
function fileMap (files, what) {
  const out = {}
  for (const [name, b] of Object.entries(files)) out[name] = bytes(b, what)
  return out
}

/** `[{name, bytes}]` as `{name: bytes}`. */
function fileObject (files) {
  const out = {}
  for (const f of files) out[f.name] = f.bytes
  return out
}

/** A file system path: a string or a `file:` URL. */
function pathArg (value, name) {
  if (typeof value === 'string') return value
  if (value instanceof URL) return fileURLToPath(value)
  throw argError(`${name} must be a path string or a file: URL`)
}

function count (value, name) {
  if (!Number.isSafeInteger(value) || value < 0) throw argError(`${name} must be a non-negative integer`)
  return value
}

function seconds (value, name) {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw argError(`${name} must be a positive number of seconds`)
  return value
}

const VALIDATE_LIMITS = { maxEntries: 'max_entries', maxEntrySize: 'max_entry_size', maxTotalSize: 'max_total_size', maxRatio: 'max_ratio', ratioMinSize: 'ratio_min_size' }
const VALIDATE_KEYS = ['runtimeBin', 'timeoutSeconds', 'replayEnv', 'all', 'name', ...Object.keys(VALIDATE_LIMITS)]
const EXPORT_KEYS = ['output', 'dataRoot', 'maxFileSize', 'maxTotalSize']

function exportCall (name, projectDir, opts, what) {
  const o = checkKeys(opts, EXPORT_KEYS, what)
  const options = {}
  if (o.dataRoot !== undefined && o.dataRoot !== null) options.data_root = pathArg(o.dataRoot, 'dataRoot')
  if (o.maxFileSize !== undefined) options.max_file_size = count(o.maxFileSize, 'maxFileSize')
  if (o.maxTotalSize !== undefined) options.max_total_size = count(o.maxTotalSize, 'maxTotalSize')
  const out = o.output === undefined || o.output === null ? null : pathArg(o.output, 'output')
  return op(name, pathArg(projectDir, 'projectDir'), out, options)
}

/** Anolis .anpkg handoff packages. */
const anpkg = {
  /**
   * Validates a package like `anolis-validate`: a `Uint8Array` is a zip archive; a
   * string or `file:` URL is a .anpkg/zip file or an extracted package directory.
   * Returns `{valid, path, message, code, findings, replay}` (never throws for a bad
   * package). `runtimeBin` replays `<bin> --check-config <config>` from the package
   * root when static validation passed, in a process group of its own killed after
   * `timeoutSeconds` (30), with only PATH, HOME, USER, LOGNAME, SHELL, LANG, LANGUAGE,
   * LC_*, TZ, TMPDIR, TERM and the names in `replayEnv` in its environment (never the
   * workbench's secrets). Synchronous: a replay blocks
   * the calling thread, as `execFileSync` does.
   */
  validate (bufOrPath, opts) {
    const o = checkKeys(opts, VALIDATE_KEYS, 'anpkg.validate')
    const options = {}
    if (o.all !== undefined && o.all !== null) {
      if (typeof o.all !== 'boolean') throw argError('all must be a boolean')
      if (o.all) options.all = true
    }
    if (o.runtimeBin !== undefined && o.runtimeBin !== null) options.runtime_bin = pathArg(o.runtimeBin, 'runtimeBin')
    if (o.timeoutSeconds !== undefined) options.timeout_seconds = seconds(o.timeoutSeconds, 'timeoutSeconds')
    if (o.replayEnv !== undefined && o.replayEnv !== null) {
      if (!Array.isArray(o.replayEnv) || !o.replayEnv.every((n) => typeof n === 'string')) throw argError('replayEnv must be an array of variable names')
      if (o.replayEnv.length > 0) options.replay_env = o.replayEnv
    }
    for (const [k, snake] of Object.entries(VALIDATE_LIMITS)) if (o[k] !== undefined) options[snake] = count(o[k], k)
    if (typeof bufOrPath === 'string' || bufOrPath instanceof URL) {
      if (o.name !== undefined) throw argError('name applies to bytes input only (a path is shown as itself)')
      return op('anpkg_validate', null, pathArg(bufOrPath, 'path'), options)
    }
    const name = optionalString(o.name, 'name')
    if (name !== undefined) options.path = name
    return op('anpkg_validate', bytes(bufOrPath, 'package'), null, options)
  },
  /**
   * Exports a canonical project folder to .anpkg bytes identical to `anolis-package`'s;
   * with `output` the archive is also written atomically. Throws TrustloopError with
   * upstream's ExportError message.
   */
  export (projectDir, opts) {
    return exportCall('anpkg_export', projectDir, opts, 'anpkg.export')
  },
  /** Like `export`, returning the report `trustloop anpkg export --json` prints (`path` when written). */
  exportReport (projectDir, opts) {
    return exportCall('anpkg_export_report', projectDir, opts, 'anpkg.exportReport')
  },
  /**
   * Exports a project held in memory (project-relative path → bytes): `{package,
   * report}`, the same bytes `export` writes for the same files. Options:
   * `projectName` (recorded as `source_project`), `projectDir` (how messages show the
   * project), `dataRootFiles` (searched for the behavior tree after the project).
   */
  exportFiles (files, opts) {
    const o = checkKeys(opts, ['projectName', 'projectDir', 'dataRootFiles'], 'anpkg.exportFiles')
    if (!files || typeof files !== 'object') throw argError('files must be an object of path to bytes')
    const options = {}
    if (o.projectName !== undefined) options.project_name = o.projectName
    if (o.projectDir !== undefined) options.project_dir = o.projectDir
    return op('anpkg_export_files', fileMap(files, 'file content'), fileMap(o.dataRootFiles ?? {}, 'data root file'), options)
  }
}

// --- Registry sources (ANIP-SIG-12): fetched here with `fetch`, decided by the core. ---

/** Largest registry response body accepted and the default request timeout (as the CLI; defined in the addon). */
const { maxBodyBytes: MAX_REGISTRY_BODY_BYTES, timeoutSeconds: REGISTRY_TIMEOUT_SECONDS } = native.registryLimits()
const POLICY_KEYS = ['requireRegistryMode', 'trustedRegistryKeyId', 'allowYankedPackage']
const FETCH_KEYS = ['fetch', 'signal', 'timeoutSeconds']

function policyOptions (o) {
  const policy = {}
  const mode = optionalString(o.requireRegistryMode, 'requireRegistryMode')
  if (mode !== undefined) policy.require_registry_mode = mode
  const kid = optionalString(o.trustedRegistryKeyId, 'trustedRegistryKeyId')
  if (kid !== undefined) policy.trusted_registry_key_id = kid
  if (o.allowYankedPackage !== undefined && o.allowYankedPackage !== null) {
    if (typeof o.allowYankedPackage !== 'boolean') throw argError('allowYankedPackage must be a boolean')
    if (o.allowYankedPackage) policy.allow_yanked_package = true
  }
  return policy
}

function fetchError (url, detail) {
  return new TrustloopError('REGISTRY_FETCH_FAILED', `registry request failed: GET ${url}: ${detail}`, [])
}

/** One GET: the body (at most 64 MiB) as a Buffer, or REGISTRY_FETCH_FAILED with the CLI's message. */
async function get (fetchImpl, url, signal) {
  if (!/^https?:\/\//i.test(url)) throw fetchError(url, 'unsupported URL scheme (http or https only)')
  let response
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal })
  } catch (e) {
    throw fetchError(url, (e && e.cause && e.cause.message) || (e && e.message) || String(e))
  }
  const discard = async () => { try { await response.body?.cancel() } catch (_) {} }
  if (!response.ok) {
    await discard()
    throw fetchError(url, `${response.status} ${STATUS_CODES[response.status] || response.statusText || ''}`)
  }
  const tooLarge = () => fetchError(url, `body larger than ${MAX_REGISTRY_BODY_BYTES} bytes`)
  if (Number(response.headers.get('content-length')) > MAX_REGISTRY_BODY_BYTES) {
    await discard()
    throw tooLarge()
  }
  if (!response.body) return Buffer.alloc(0)
  const chunks = []
  let total = 0
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength
      if (total > MAX_REGISTRY_BODY_BYTES) {
        await discard()
        throw tooLarge()
      }
      chunks.push(chunk)
    }
  } catch (e) {
    if (e instanceof TrustloopError) throw e
    throw fetchError(url, (e && e.message) || String(e))
  }
  return Buffer.concat(chunks, total)
}

async function fetchRegistry (registryUrl, pkg, lock, allowYanked, o) {
  const fetchImpl = o.fetch === undefined || o.fetch === null ? globalThis.fetch : o.fetch
  if (typeof fetchImpl !== 'function') throw argError('fetch must be a function (global fetch needs Node >= 18)')
  const timeout = o.timeoutSeconds === undefined ? REGISTRY_TIMEOUT_SECONDS : seconds(o.timeoutSeconds, 'timeoutSeconds')
  const signal = o.signal === undefined || o.signal === null ? AbortSignal.timeout(Math.ceil(timeout * 1000)) : o.signal
  const target = op('registry_target',
    registryUrl === undefined || registryUrl === null ? '' : optionalString(registryUrl, 'registryUrl'),
    pkg === undefined || pkg === null ? '' : optionalString(pkg, 'package'),
    lock, allowYanked)
  const download = await get(fetchImpl, target.download_url, signal)
  const receipt = await get(fetchImpl, target.receipt_url, signal)
  const keys = await get(fetchImpl, target.keys_url, signal)
  return { packageUrl: target.package_url, download, receipt, keys }
}

function responsesArgs (responses) {
  if (!responses || typeof responses !== 'object') throw argError('responses must be an object {packageUrl, download, receipt, keys}')
  if (typeof responses.packageUrl !== 'string') throw argError('responses.packageUrl must be a string')
  return [responses.packageUrl, bytes(responses.download, 'responses.download'), bytes(responses.receipt, 'responses.receipt'), bytes(responses.keys, 'responses.keys')]
}

/** Sans-IO registry verify: the three bodies the caller fetched. */
function verifyRegistryResponses (responses, opts) {
  const o = checkKeys(opts, [...VERIFY_KEYS, ...POLICY_KEYS], 'verifyRegistryResponses')
  const [lock, verify] = verifyArgs(Object.fromEntries(VERIFY_KEYS.filter((k) => k in o).map((k) => [k, o[k]])))
  return op('verify_registry_responses', ...responsesArgs(responses), lock, { ...verify, ...policyOptions(o) })
}

/**
 * `anip verify --registry-url URL --package ID@VERSION`: fetches the package record,
 * its receipt and the registry keys with `fetch` (http/https, 60 s, bodies up to
 * 64 MiB), then verifies. `registryUrl`/`pkg` may be null when `opts.lock` names them.
 */
async function verifyRegistry (registryUrl, pkg, opts) {
  const o = checkKeys(opts, [...VERIFY_KEYS, ...POLICY_KEYS, ...FETCH_KEYS], 'verifyRegistry')
  const [lock, verify] = verifyArgs(Object.fromEntries(VERIFY_KEYS.filter((k) => k in o).map((k) => [k, o[k]])))
  const policy = policyOptions(o)
  const responses = await fetchRegistry(registryUrl, pkg, lock, policy.allow_yanked_package === true, o)
  return op('verify_registry_responses', ...responsesArgs(responses), lock, { ...verify, ...policy })
}

/** Sans-IO form of `writeLockRegistry`. */
function writeLockRegistryResponses (responses, opts) {
  const o = checkKeys(opts, POLICY_KEYS, 'writeLockRegistryResponses')
  return op('write_lock_registry_responses', ...responsesArgs(responses), policyOptions(o))
}

/** `anip lock write --registry-url URL --package ID@VERSION`: the lock file bytes (carrying `registry_url`). */
async function writeLockRegistry (registryUrl, pkg, opts) {
  const o = checkKeys(opts, [...POLICY_KEYS, ...FETCH_KEYS], 'writeLockRegistry')
  if (typeof registryUrl !== 'string') throw argError('registryUrl must be a string')
  if (typeof pkg !== 'string') throw argError('pkg must be a string')
  const policy = policyOptions(o)
  const responses = await fetchRegistry(registryUrl, pkg, null, policy.allow_yanked_package === true, o)
  return op('write_lock_registry_responses', ...responsesArgs(responses), policy)
}

/**
 * An operation of the table without a hand-written function here, derived from its
 * row: required parameters positional; then, when the operation takes options, one
 * object holding the optional parameters and the options by their camelCase names;
 * otherwise the optional parameters positional. Values are checked by kind (bytes,
 * strings, integers, booleans, file maps); option keys become the core's snake_case.
 * Hand-written functions (the exports above) exist where a more idiomatic shape helps.
 */
function derived (row) {
  const plain = row.params.filter((p) => p.kind !== 'options')
  const required = plain.filter((p) => p.required)
  const takesOptions = plain.length !== row.params.length
  const check = (p, v) => {
    if (v === undefined || v === null) return null
    switch (p.kind) {
      case 'bytes': return bytes(v, p.name)
      case 'text': if (typeof v !== 'string') throw argError(`${p.name} must be a string`); return v
      case 'int': if (!Number.isSafeInteger(v)) throw argError(`${p.name} must be an integer`); return v
      case 'bool': if (typeof v !== 'boolean') throw argError(`${p.name} must be a boolean`); return v
      case 'files': return fileMap(v, p.name)
      case 'bytes_list': return bytesList(v, p.name)
      default: return v
    }
  }
  return function (...args) {
    if (!takesOptions) return op(row.flat, ...plain.map((p, i) => check(p, args[i])))
    const opts = snakeOptions(args[required.length], row.js)
    const values = plain.map((p, i) => {
      if (p.required) return check(p, args[i])
      const v = opts[p.name]
      delete opts[p.name]
      return check(p, v)
    })
    return op(row.flat, ...values, opts)
  }
}

/**
 * `fn` returning a Promise, its operation run on the libuv thread pool (`callAsync`):
 * the argument checks and conversion happen now, the work off the event loop.
 */
function promisified (fn) {
  return function (...args) {
    const previous = runOp
    runOp = asyncOp
    try {
      return Promise.resolve(fn.apply(this, args))
    } catch (e) {
      return Promise.reject(e)
    } finally {
      runOp = previous
    }
  }
}

// One assignment per name: Node's ESM loader (cjs-module-lexer) finds named exports
// only in this form, so `import { verifyBundle } from 'trustloop'` works.
exports.version = native.version()
exports.TrustloopError = TrustloopError
exports.verifyBundle = verifyBundle
exports.verifyDefinition = verifyDefinition
exports.verifyMany = verifyMany
exports.exitCode = exitCode
exports.writeLock = writeLock
exports.buildLocal = buildLocal
exports.canonicalize = canonicalize
exports.digest = digest
exports.keygen = keygen
exports.operations = operations
exports.limits = limits
exports.setLimit = setLimit
exports.resetLimits = resetLimits
exports.codes = codes
exports.refCheck = refCheck
exports.trustStore = trustStore
exports.treeDigest = treeDigest
exports.treeDigestMany = treeDigestMany
exports.treeCombine = treeCombine
exports.bundleReport = bundleReport
exports.bundleMaterials = bundleMaterials
exports.attachImplementation = attachImplementation
exports.lint = lint
exports.verifyRegistry = verifyRegistry
exports.verifyRegistryResponses = verifyRegistryResponses
exports.writeLockRegistry = writeLockRegistry
exports.writeLockRegistryResponses = writeLockRegistryResponses
exports.MAX_REGISTRY_BODY_BYTES = MAX_REGISTRY_BODY_BYTES
exports.assetsPa = assetsPa
exports.anpkg = anpkg
// Test hook: a deliberate panic inside the addon (must surface as INTERNAL_PANIC).
exports._panicForTest = () => call(native._panicForTest)

/**
 * From the operation table, once: a function for every operation this file has no
 * hand-written one for, and `promises`, every operation as a Promise-returning
 * function with the same names and namespaces (`trustloop.promises.verifyBundle(buf)`,
 * `trustloop.promises.anpkg.validate(path)`).
 */
const promises = { anpkg: {}, assetsPa: {} }
for (const row of native.operations()) {
  if (!row.hosts.node) continue
  const [ns, name] = row.js.includes('.') ? row.js.split('.') : [null, row.js]
  const target = ns ? exports[ns] : exports
  if (typeof target[name] !== 'function' && !row.fetches) target[name] = derived(row)
  if (typeof target[name] === 'function') (ns ? promises[ns] : promises)[name] = promisified(target[name])
}
exports._derived = derived
exports.promises = promises
