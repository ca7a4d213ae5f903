/// <reference types="node" />

/** The one error type every trustloop failure throws. */
export declare class TrustloopError extends Error {
  /** Stable SCREAMING_SNAKE finding code (see docs/codes.md), e.g. `JSON_SYNTAX`, `INTERNAL_PANIC`. */
  readonly code: string
  /** Structured findings: `{code, severity, message, location: {file?, path?}}`. */
  readonly findings: Finding[]
  /** The exit code the `trustloop` CLI gives for the same failure (absent where the operation has no CLI command). */
  readonly exitCode?: number
}

export interface Finding {
  code: string
  severity: 'error' | 'warning' | 'info'
  message: string
  location: { file?: string; path?: string }
}

export interface VerifyOptions {
  /** A consumer lock file (`anip-package-lock/v1`) to check the package against. */
  lock?: Uint8Array
  /** `--expected-contract-signature`: compared exactly. */
  expectedContractSignature?: string
  /** Pinned Ed25519 registry keys: key id → base64 public key. */
  trustedKeys?: Record<string, string>
  /** Accept receipts signed before `package_execution_signature` existed. */
  legacy?: boolean
  /** Shown as `registry_record_path` (for example the bundle's path). */
  recordPath?: string
  /** Add trustloop's `receipt_trust` to upstream's result (CLI `--extended-report`); implied by `trustedKeys` and `legacy`. */
  extendedReport?: boolean
}

export interface Check {
  name: string
  status: 'pass' | 'fail'
  detail?: string
}

/** The object `trustloop anip verify --json` prints (snake_case keys, as upstream). */
export interface VerifyResult {
  /** `ok_legacy` only under the `legacy` option. */
  status: 'ok' | 'ok_legacy' | 'failed'
  source_kind: 'file' | 'package-bundle' | 'registry'
  package_id?: string
  package_version?: string
  schema_version?: string
  definition_digest: string
  registry_definition_digest?: string
  manifest_digest?: string
  lock_digest?: string
  package_execution_signature?: string
  receipt_authority?: string
  receipt_key_id?: string
  receipt_algorithm?: string
  receipt_status?: 'none' | 'verified' | 'failed' | 'present'
  /** trustloop's extended report only (`extendedReport`, `trustedKeys` or `legacy`): what the receipt proves. */
  receipt_trust?: 'none' | 'integrity-only' | 'bundle-embedded-key' | 'registry-served-key' | 'pinned-key' | 'untrusted'
  contract_signature?: string
  registry_record_path?: string
  checks: Check[]
  [key: string]: unknown
}

export interface BuildLocalOptions {
  packageId: string
  packageVersion: string
  /** RFC 3339 as Go's `time.Parse` accepts it, copied verbatim; default `2026-05-15T00:00:00Z`. */
  generatedAt?: string
  /** Display name; default: the definition's `identity.system_name`. */
  name?: string
  /** Default `studio-source:<packageId>`. */
  projectRef?: string
  /** Default `<packageId>:product:v1`. */
  productRevisionRef?: string
  /** Default `<packageId>:developer:v1`. */
  developerRevisionRef?: string
  /** http(s) URL listed as "Source documentation". */
  sourceDocUrl?: string
  /** http(s) URL listed as "Showcase files". */
  showcaseUrl?: string
  /** Port shown in the README and usage; default 9100. */
  port?: number
  /** Also return `<id>-<version>-service-definition.json`. */
  writeDefinition?: boolean
  /** How decode errors name the definition (the CLI: its path); default `service definition`. */
  definitionPath?: string
  /** base64 Ed25519 seed or private key; default: the deterministic development key. */
  signingKey?: string
  signingKeyId?: string
}

export interface KeyPair {
  key_id: string
  algorithm: 'ed25519'
  private_key_seed: string
  private_key: string
  public_key: string
  extra_public_entry: string
}

export type CanonicalMode = 'digest' | 'signature' | 'jcs'

/** The trustloop core version. */
export declare const version: string

/** Verifies a `.anip-package.json` bundle; throws TrustloopError where upstream exits 1. */
export declare function verifyBundle(buf: Uint8Array, opts?: VerifyOptions): VerifyResult
/** One input's outcome in a batch: its result, or its error (code, message, findings). */
export type BatchEntry<R> = { result: R; error?: undefined } | { result?: undefined; error: { code: Code; message: string; findings: Finding[] } }
/** `verifyBundle` of every bundle with the same options, on every core; entries in input order. */
export declare function verifyMany(bufs: Uint8Array[], opts?: Omit<VerifyOptions, 'lock'>): Array<BatchEntry<VerifyResult>>
/** Verifies a plain service-definition file. */
export declare function verifyDefinition(buf: Uint8Array, opts?: VerifyOptions): VerifyResult
/** Upstream's exit code for a verify result: 2 when `failed`, else 0. */
export declare function exitCode(result: VerifyResult): 0 | 2
/** The consumer lock file bytes for a bundle. */
export declare function writeLock(buf: Uint8Array): Buffer
/** `anip package build-local` in memory: file name → bytes. */
export declare function buildLocal(def: Uint8Array, opts: BuildLocalOptions): Record<string, Buffer>
/** Canonical JSON bytes (no trailing newline). */
export declare function canonicalize(buf: Uint8Array, mode?: CanonicalMode): Buffer
/** `sha256:<hex>` of the digest-mode canonical bytes. */
export declare function digest(buf: Uint8Array): string
/** A fresh Ed25519 key pair. */
export declare function keygen(keyId?: string): KeyPair
/** One row of the core's operation table. */
export interface Operation {
  family: '' | 'json' | 'anip' | 'anpkg' | 'assets_pa'
  name: string
  /** `assets_pa_write`, `verify_bundle`: the `op` of the conformance vectors. */
  flat: string
  python: string
  js: string
  cli: string
  summary: string
  hosts: { python: boolean; node: boolean; wasm: boolean }
}
/** The core's operation table this package is derived from (`js` is the name here). */
export declare function operations(): Operation[]
/** The resource budgets in force for this process, by name (docs/limits.md). */
export declare function limits(): Record<string, number>
/** Sets one resource budget for this process; throws TrustloopError INVALID_OPTION for an unknown name or a value above its ceiling. */
export declare function setLimit(name: string, value: number): void
/** Puts every resource budget back to its default. */
export declare function resetLimits(): void

/** A bundle tree: path → bytes (or text), or the core's entry objects. */
export type Entries =
  | Record<string, Uint8Array | string>
  | Array<{ path: string; text?: string; base64?: string; bytes?: Uint8Array; symlink?: boolean; special?: boolean }>

export interface ParsedRef {
  kind: string
  locator: string
  immutable: string
  digest: string
}

/** The pinned keys of a trust-store document, as the `trustedKeys` object the verify functions take. */
export declare function trustStore(data: Uint8Array | ArrayBuffer): Record<string, string>
/** Validates a remote custom-code-bundle ref (spec §13). */
export declare function refCheck(reference: string): ParsedRef
/** Custom-code-bundle tree digest: `{digest, files}`. Options are camelCase forms of the core's names. */
export declare function treeDigest(
  entries: Entries,
  opts?: { root?: string; applied?: boolean; target?: string; vars?: Record<string, string>; systemName?: string; packageId?: string; rootName?: string; maxEntries?: number; maxFileBytes?: number }
): { digest: string; files: Array<{ path: string; sha256: string; bytes: number }>; [key: string]: unknown }
/** `treeDigest` of every tree with the same options, on every core; entries in input order. */
export declare function treeDigestMany(
  trees: Entries[],
  opts?: { root?: string; applied?: boolean; target?: string; vars?: Record<string, string>; systemName?: string; packageId?: string; rootName?: string; maxEntries?: number; maxFileBytes?: number }
): Array<BatchEntry<{ digest: string; files: Array<{ path: string; sha256: string; bytes: number }>; [key: string]: unknown }>>
/** Tree digest of a per-file list `[{path, sha256}]` at JSON `pointer` in `buf`. */
export declare function treeCombine(buf: Uint8Array, pointer?: string): string
/** `generate`'s custom-code-bundle report. */
export declare function bundleReport(
  bundle: Uint8Array,
  entries: Entries,
  opts?: { target?: string; bundlePath?: string; rootName?: string; verifyDigest?: string; customCodeBundleRef?: string; fetch?: boolean; vars?: Record<string, string>; existingFiles?: string[] }
): Record<string, unknown>
/** The implementation materials a package bundle declares. */
export declare function bundleMaterials(bundle: Uint8Array): Array<Record<string, unknown>>
/** `package attach-implementation`: the publish request. */
export declare function attachImplementation(
  bundle: Uint8Array,
  entries?: Entries | null,
  opts?: { packageVersion?: string; implementationMaterialRef?: string; customCodeBundleRef?: string; title?: string; bundleRoot?: string }
): Record<string, unknown>
/** Publication lint: `{status: 'clean' | 'findings', findings}`. */
export declare function lint(bundle: Uint8Array): { status: 'clean' | 'findings'; findings: Finding[] }

/** A file system path: a string or a `file:` URL. */
export type PathLike = string | URL

/** The report `trustloop assets-pa pack --json` prints. */
export interface PackReport {
  ok: boolean
  assets: number
  preload: number
  codes: string[]
  diagnostics: Finding[]
  artifacts: Array<{ path: string; sha256: string; size: number }>
  artifact_sha256: Record<string, string>
}

/** Prometeu assets.pa archives. */
export declare const assetsPa: {
  write(entries: Array<Record<string, unknown>>, preload?: number[]): Buffer
  read(buf: Uint8Array): Record<string, unknown>
  verify(buf: Uint8Array): { ok: boolean; codes: string[]; [key: string]: unknown }
  extract(buf: Uint8Array, assetId: number): Buffer
  companions(buf: Uint8Array): Record<string, Buffer>
  /** Whether `asset_table.json` and `preload.json` mirror the archive byte for byte (PA-COMP-4). */
  verifyCompanions(buf: Uint8Array, assetTable: Uint8Array, preload: Uint8Array): { ok: boolean; findings: Finding[] }
  glyphBank(spec: { tile_size: number; tiles: unknown[]; palettes: unknown[] }): { summary: Record<string, unknown>; payload: Buffer }
  /**
   * `trustloop assets-pa pack`: packs the project in `projectDir` into `outDir` (default
   * `<projectDir>/build`) through a staging directory. `ok: false` (diagnostics say why)
   * leaves an existing output untouched. Throws `PA_PROJECT_IO` when `projectDir` is not
   * a directory.
   */
  pack(projectDir: PathLike, opts?: { outDir?: PathLike }): PackReport
  /** Packs an in-memory asset project (path → bytes); nothing touches the disk. */
  packFiles(files: Record<string, Uint8Array>, opts?: { outDir?: string }): { report: PackReport; files: Record<string, Buffer> }
}

// ------------------------------------------------------------------ registry sources

/** The three Registry responses of one package, as fetched. */
export interface RegistryResponses {
  /** `{base}/registry-api/v1/packages/{id}/{version}` (shown as `registry_record_path`). */
  packageUrl: string
  /** Body of `GET {packageUrl}/download` (the package record). */
  download: Uint8Array
  /** Body of `GET {packageUrl}/receipt`. */
  receipt: Uint8Array
  /** Body of `GET {base}/registry-api/v1/keys`. */
  keys: Uint8Array
}

/** Client trust policy of a registry source (upstream's flags). */
export interface RegistryPolicyOptions {
  /** `--require-registry-mode`: the signing mode `/keys` must report. */
  requireRegistryMode?: string
  /** `--trusted-registry-key-id`: the key id the receipt must use. */
  trustedRegistryKeyId?: string
  /** `--allow-yanked-package`. */
  allowYankedPackage?: boolean
}

/** How the registry documents are fetched. */
export interface FetchOptions {
  /** A `fetch` implementation (default: the global `fetch`). */
  fetch?: typeof fetch
  /** Aborts the requests (default: a timeout of `timeoutSeconds`). */
  signal?: AbortSignal
  /** Default 60 (as the CLI); ignored when `signal` is given. */
  timeoutSeconds?: number
}

/** Largest registry response body accepted (64 MiB, as the CLI). */
export declare const MAX_REGISTRY_BODY_BYTES: number

/**
 * `trustloop anip verify --registry-url URL --package ID@VERSION --json`: GETs the
 * package record, its receipt and the registry keys (http/https, bodies up to 64 MiB),
 * then verifies. `registryUrl`/`pkg` may be null when `opts.lock` names them
 * (ANIP-LOCK-3). Rejects with TrustloopError where upstream exits 1: yanked or
 * taken-down packages (upstream's message), `REGISTRY_FETCH_FAILED`,
 * `PACKAGE_REF_INVALID`, `REGISTRY_URL_REQUIRED`.
 */
export declare function verifyRegistry(
  registryUrl: string | null | undefined,
  pkg?: string | null,
  opts?: VerifyOptions & RegistryPolicyOptions & FetchOptions
): Promise<VerifyResult>
/** Sans-IO registry verify: the three bodies the caller fetched. */
export declare function verifyRegistryResponses(responses: RegistryResponses, opts?: VerifyOptions & RegistryPolicyOptions): VerifyResult
/** `trustloop anip lock write --registry-url URL --package ID@VERSION`: the lock file bytes (with `registry_url`). */
export declare function writeLockRegistry(registryUrl: string, pkg: string, opts?: RegistryPolicyOptions & FetchOptions): Promise<Buffer>
/** Sans-IO form of `writeLockRegistry`. */
export declare function writeLockRegistryResponses(responses: RegistryResponses, opts?: RegistryPolicyOptions): Buffer

// ------------------------------------------------------------------ .anpkg

/** The object `trustloop anpkg validate --json` prints. */
export interface AnpkgValidateResult {
  valid: boolean
  /** The path shown in messages (absolute for a path input). */
  path: string
  /** `Package validation passed: <path>` or `Validation failed: <message>` (upstream's lines). */
  message: string
  /** The first finding's code, or null. */
  code: string | null
  findings: Finding[]
  replay: { status: 'not_requested' | 'unavailable' | 'skipped' | 'passed' | 'failed'; config: string | null }
}

export interface AnpkgValidateOptions {
  /** Replay `<bin> --check-config <config>` from the package root after static validation passed. */
  runtimeBin?: PathLike
  /** Kill the replay's process group after this many seconds (default 30; upstream has no timeout). */
  timeoutSeconds?: number
  /** More environment variables the runtime may see, besides PATH, HOME, USER, LOGNAME, SHELL, LANG, LANGUAGE, LC_*, TZ, TMPDIR, TERM (upstream passes everything). */
  replayEnv?: string[]
  /** Report every finding instead of the first. */
  all?: boolean
  /** The path shown for bytes input (default `package.anpkg`; its suffix matters as upstream's). */
  name?: string
  maxEntries?: number
  maxEntrySize?: number
  /** Also bounds what a directory walk reads. */
  maxTotalSize?: number
  maxRatio?: number
  ratioMinSize?: number
}

export interface AnpkgExportOptions {
  /** Also write the archive here, atomically (`<output>.tmp`, then rename). */
  output?: PathLike
  /** Searched for the behavior tree after the project (default: the project's grandparent). */
  dataRoot?: PathLike
  /** Largest project file read (default 16 MiB). */
  maxFileSize?: number
  /** Largest total read (default 64 MiB). */
  maxTotalSize?: number
}

/** The report `trustloop anpkg export --json` prints. */
export interface AnpkgExportReport {
  sha256: string
  size: number
  entries: string[]
  exported_at: string
  omitted_variants: string[]
  token_removed: boolean
  source_project: string
  warnings: Finding[]
  /** Present when `output` was written. */
  path?: string
}

/** Anolis .anpkg handoff packages. */
export declare const anpkg: {
  /**
   * Validates like `anolis-validate`: bytes are a zip archive; a path is a .anpkg/zip file
   * or an extracted package directory. Never throws for a bad package (`valid` says it).
   * Synchronous: a replay blocks the calling thread.
   */
  validate(bufOrPath: Uint8Array | PathLike, opts?: AnpkgValidateOptions): AnpkgValidateResult
  /** `validate` of every archive with the same options, on every core; entries in input order. */
  validateMany(bufs: Uint8Array[], opts?: { all?: boolean; maxEntries?: number; maxEntrySize?: number; maxTotalSize?: number; maxRatio?: number; ratioMinSize?: number }): Array<BatchEntry<AnpkgValidateResult>>
  /** Exports a canonical project folder: bytes identical to `anolis-package`'s. */
  export(projectDir: PathLike, opts?: AnpkgExportOptions): Buffer
  /** Like `export`, returning the `--json` report. */
  exportReport(projectDir: PathLike, opts?: AnpkgExportOptions): AnpkgExportReport
  /** Exports a project held in memory: `{package, report}` (the same bytes `export` writes). */
  exportFiles(
    files: Record<string, Uint8Array>,
    opts?: { projectName?: string; projectDir?: string; dataRootFiles?: Record<string, Uint8Array> },
  ): { package: Buffer; report: AnpkgExportReport }
}

/** Every finding and error code, once, from the core's table (docs/codes.md). */
export declare function codes(): CodeInfo[]

// <codes> generated from core/src/codes.rs
/** Every finding and error code (docs/codes.md). */
export type Code =
  | 'JSON_SYNTAX'
  | 'JSON_TOO_DEEP'
  | 'JSON_TOO_LARGE'
  | 'JSON_STRING_TOO_LONG'
  | 'BATCH_TOO_LARGE'
  | 'JSON_DUPLICATE_KEY'
  | 'JSON_NUMBER_OUT_OF_RANGE'
  | 'OPTIONS_NOT_OBJECT'
  | 'UNKNOWN_MODE'
  | 'KEYGEN_RANDOM_UNAVAILABLE'
  | 'SIGNING_KEY_NOT_BASE64'
  | 'SIGNING_KEY_LENGTH'
  | 'SIGNING_KEY_MISMATCH'
  | 'KEY_ID_INVALID'
  | 'INVALID_OPTION'
  | 'ANIP_BUNDLE_DECODE'
  | 'ANIP_BUNDLE_NO_DEFINITION'
  | 'ANIP_DEFINITION_DECODE'
  | 'ANIP_DEFINITION_INVALID'
  | 'ANIP_MANIFEST_INVALID'
  | 'ANIP_LOCK_INVALID'
  | 'ANIP_EXECUTION_METADATA'
  | 'ANIP_PES_MISSING'
  | 'ANIP_PES_MISMATCH'
  | 'ANIP_LOCK_DECODE'
  | 'ANIP_LOCK_SCHEMA_UNSUPPORTED'
  | 'ANIP_LOCK_SHAPE'
  | 'ANIP_LOCK_SOURCE'
  | 'ANIP_TRUST_STORE_INVALID'
  | 'ANIP_TRUST_STORE_EMPTY'
  | 'ANIP_TRUSTED_KEY_INVALID'
  | 'ANIP_BUILD_ARGS'
  | 'ANIP_BUILD_SCHEMA_VERSION'
  | 'ANIP_BUILD_PUBLISH'
  | 'ANIP_REGISTRY_DECODE'
  | 'ANIP_REGISTRY_YANKED'
  | 'ANIP_REGISTRY_TAKEDOWN'
  | 'ANIP_REGISTRY_LIFECYCLE_UNKNOWN'
  | 'ANIP_REGISTRY_UNTRUSTED'
  | 'INTERNAL_PANIC'
  | 'INTERNAL_ERROR'
  | 'REGISTRY_FETCH_FAILED'
  | 'PACKAGE_REF_INVALID'
  | 'REGISTRY_URL_REQUIRED'
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_OPERATION'
  | 'UNSUPPORTED_OPERATION'
  | 'PA_PRELUDE_TRUNCATED'
  | 'PA_BAD_MAGIC'
  | 'PA_UNSUPPORTED_SCHEMA_VERSION'
  | 'PA_NON_ZERO_FLAGS'
  | 'PA_NON_ZERO_RESERVED'
  | 'PA_HEADER_OUT_OF_BOUNDS'
  | 'PA_PAYLOAD_OFFSET_INVALID'
  | 'PA_NON_ZERO_PADDING'
  | 'PA_HEADER_NOT_UTF8'
  | 'PA_HEADER_NOT_JSON'
  | 'PA_HEADER_NOT_OBJECT'
  | 'PA_HEADER_DUPLICATE_KEY'
  | 'PA_HEADER_SHAPE'
  | 'PA_NUMBER_NOT_ALLOWED'
  | 'PA_ASSET_ID_OUT_OF_RANGE'
  | 'PA_DUPLICATE_ASSET_ID'
  | 'PA_ASSET_TABLE_NOT_SORTED'
  | 'PA_UNKNOWN_BANK_TYPE'
  | 'PA_UNKNOWN_CODEC'
  | 'PA_SLICE_OUT_OF_BOUNDS'
  | 'PA_SLICE_OVERLAP'
  | 'PA_TRAILING_PAYLOAD_BYTES'
  | 'PA_GLYPH_CONTRACT'
  | 'PA_PRELOAD_UNKNOWN_ASSET'
  | 'PA_PRELOAD_DUPLICATE_ASSET'
  | 'PA_PRELOAD_SLOT_CONFLICT'
  | 'PA_HEADER_NOT_CANONICAL'
  | 'PA_UNKNOWN_KEY'
  | 'PA_NON_CANONICAL_SLICE_LAYOUT'
  | 'PA_PRELOAD_NOT_CANONICAL'
  | 'PA_PRELOAD_SLOT_BEYOND_KNOWN_RANGE'
  | 'PA_READ_IO'
  | 'PA_EXTRACT_UNKNOWN_ASSET'
  | 'PA_COMPANION_MISMATCH'
  | 'PA_WRITE_INVALID_ENTRY'
  | 'PA_WRITE_SOUNDS_UNSUPPORTED'
  | 'PA_WRITE_SELF_CHECK'
  | 'PA_WRITE_PAYLOAD_SIZE'
  | 'PA_WRITE_IO'
  | 'PA_GLYPH_BAD_METADATA'
  | 'PA_GLYPH_TILE_MALFORMED'
  | 'PA_GLYPH_PIXEL_OUT_OF_RANGE'
  | 'PA_GLYPH_DUPLICATE_TILE_INDEX'
  | 'PA_GLYPH_MISSING_TILE_INDEX'
  | 'PA_GLYPH_CAPACITY_OVERFLOW'
  | 'PA_GLYPH_NO_PALETTES'
  | 'PA_GLYPH_TOO_MANY_PALETTES'
  | 'PA_GLYPH_MALFORMED_PALETTE'
  | 'PA_GLYPH_PNG_INVALID'
  | 'PA_INDEX_MISSING'
  | 'PA_INDEX_MALFORMED'
  | 'PA_INDEX_DUPLICATE_ASSET_ID'
  | 'PA_INDEX_DUPLICATE_ASSET_UUID'
  | 'PA_INDEX_DUPLICATE_ROOT'
  | 'PA_INDEX_NEXT_ASSET_ID'
  | 'PA_INDEX_BAD_ROOT'
  | 'PA_UNSUPPORTED_INPUT_VERSION'
  | 'PA_ASSET_MISSING'
  | 'PA_ASSET_MALFORMED'
  | 'PA_ASSET_IDENTITY_CONFLICT'
  | 'PA_ASSET_BAD_INPUT_PATH'
  | 'PA_ASSET_INPUT_MISSING'
  | 'PA_ASSET_UNKNOWN_FORMAT'
  | 'PA_ASSET_CODEC_REJECTED'
  | 'PA_ASSET_METADATA_COLLISION'
  | 'PA_ASSET_METADATA_INVALID'
  | 'PA_ASSET_SOUNDS_UNSUPPORTED'
  | 'PA_ASSET_UNKNOWN_KEY'
  | 'PA_MIGRATED'
  | 'PA_UNREGISTERED_ROOT'
  | 'PA_EXCLUDED_FROM_BUILD'
  | 'PA_PROJECT_LIMIT'
  | 'PA_PROJECT_IO'
  | 'PA_INPUT_CHANGED'
  | 'INTERNAL_JSON'
  | 'FILES_TOO_LARGE'
  | 'ANPKG_EXPORT_PROFILE_NOT_FOUND'
  | 'ANPKG_EXPORT_READ_FAILED'
  | 'ANPKG_EXPORT_PROFILE_NOT_MAPPING'
  | 'ANPKG_EXPORT_NO_RUNTIME_VARIANT'
  | 'ANPKG_EXPORT_PROVIDERS_NOT_LIST'
  | 'ANPKG_EXPORT_PROVIDER_NOT_OBJECT'
  | 'ANPKG_EXPORT_PROVIDER_ID_INVALID'
  | 'ANPKG_EXPORT_PROVIDER_ID_DUPLICATE'
  | 'ANPKG_EXPORT_PROVIDER_CONFIG_NOT_FOUND'
  | 'ANPKG_EXPORT_BEHAVIOR_ABSOLUTE'
  | 'ANPKG_EXPORT_BEHAVIOR_NOT_FOUND'
  | 'ANPKG_EXPORT_PROFILE_SCHEMA'
  | 'ANPKG_EXPORT_SECRET_LEAK'
  | 'ANPKG_EXPORT_SCAN_UNREADABLE'
  | 'ANPKG_EXPORT_VARIANT_NAME_NOT_STRING'
  | 'ANPKG_EXPORT_CREATED_OUT_OF_RANGE'
  | 'ANPKG_EXPORT_YAML_SHARED_ALIAS'
  | 'ANPKG_EXPORT_VARIANTS_OMITTED'
  | 'ANPKG_EXPORT_OUTSIDE_PROJECT'
  | 'ANPKG_EXPORT_FILE_TOO_LARGE'
  | 'ANPKG_EXPORT_IO'
  | 'ANPKG_YAML_EMIT_TOO_DEEP'
  | 'ANPKG_YAML_EMIT_INT_TOO_LARGE'
  | 'ANPKG_PATH_NOT_FOUND'
  | 'ANPKG_PATH_CHANGED'
  | 'ANPKG_UNSUPPORTED_FORMAT'
  | 'ANPKG_NOT_A_ZIP'
  | 'ANPKG_ZIP_CORRUPT'
  | 'ANPKG_ZIP_UNSAFE_PATH'
  | 'ANPKG_ZIP_ABSOLUTE_PATH'
  | 'ANPKG_ZIP_SYMLINK'
  | 'ANPKG_ZIP_DUPLICATE_NAME'
  | 'ANPKG_ZIP_CASE_COLLISION'
  | 'ANPKG_ZIP_PATH_CONFLICT'
  | 'ANPKG_ZIP_ENCRYPTED'
  | 'ANPKG_ZIP_UNSUPPORTED_COMPRESSION'
  | 'ANPKG_ZIP_DIRECTORY_WITH_DATA'
  | 'ANPKG_ZIP_TOO_MANY_ENTRIES'
  | 'ANPKG_ZIP_TOO_LARGE'
  | 'ANPKG_ZIP_ENTRY_TOO_LARGE'
  | 'ANPKG_ZIP_COMPRESSION_RATIO'
  | 'ANPKG_ZIP_OVERLAPPING_ENTRIES'
  | 'ANPKG_ZIP_SIZE_MISMATCH'
  | 'ANPKG_MISSING_FILE'
  | 'ANPKG_MISSING_PROVIDERS_DIR'
  | 'ANPKG_NO_PROVIDER_CONFIGS'
  | 'ANPKG_CHECKSUM_LINE_FORMAT'
  | 'ANPKG_CHECKSUM_DUPLICATE'
  | 'ANPKG_CHECKSUM_DIGEST_FORMAT'
  | 'ANPKG_CHECKSUM_SET_MISMATCH'
  | 'ANPKG_CHECKSUM_MISMATCH'
  | 'ANPKG_FILE_NOT_UTF8'
  | 'ANPKG_YAML_SYNTAX'
  | 'ANPKG_YAML_MULTIPLE_DOCUMENTS'
  | 'ANPKG_YAML_CONSTRUCT'
  | 'ANPKG_YAML_LIMIT'
  | 'ANPKG_JSON_SYNTAX'
  | 'ANPKG_TOKEN_LEAK'
  | 'ANPKG_YAML_ROOT_NOT_OBJECT'
  | 'ANPKG_MANIFEST_SCHEMA'
  | 'ANPKG_RUNTIME_SCHEMA'
  | 'ANPKG_MANIFEST_PROVIDERS'
  | 'ANPKG_MANIFEST_RUNTIME_PROFILES'
  | 'ANPKG_RUNTIME_PROVIDERS'
  | 'ANPKG_PROVIDER_NOT_IN_MANIFEST'
  | 'ANPKG_PROVIDER_NOT_IN_RUNTIME'
  | 'ANPKG_PROVIDER_ARGS'
  | 'ANPKG_PROVIDER_CONFIG_ARG_MISSING'
  | 'ANPKG_PROVIDER_CONFIG_OUTSIDE_PROVIDERS'
  | 'ANPKG_BEHAVIOR_OUTSIDE_BEHAVIORS'
  | 'ANPKG_MANIFEST_PROVIDER_ENTRY'
  | 'ANPKG_BEHAVIORS_NOT_ARRAY'
  | 'ANPKG_PATH_NOT_STRING'
  | 'ANPKG_PATH_ABSOLUTE'
  | 'ANPKG_PATH_ESCAPES'
  | 'ANPKG_REFERENCED_FILE_NOT_FOUND'
  | 'ANPKG_PATH_NOT_FILE'
  | 'ANPKG_RUNTIME_BIN_NOT_FOUND'
  | 'ANPKG_REPLAY_FAILED'
  | 'ANPKG_REPLAY_EXEC'
  | 'ANPKG_REPLAY_TIMEOUT'
  | 'ANPKG_REPLAY_UNAVAILABLE'
  | 'TREE_SYMLINK'
  | 'TREE_SPECIAL_FILE'
  | 'TREE_PATH_REQUIRED'
  | 'TREE_PATH_INVALID'
  | 'TREE_PATH_ESCAPES'
  | 'TREE_PATH_TOO_LONG'
  | 'TREE_PATH_UNSAFE_SEGMENT'
  | 'TREE_READ'
  | 'TREE_CHANGED_DURING_WALK'
  | 'TREE_DUPLICATE_ENTRY'
  | 'TREE_TOO_MANY_ENTRIES'
  | 'TREE_FILE_LIST_INVALID'
  | 'APPLY_PROTECTED_SUBSTRATE'
  | 'APPLY_NOT_A_SEAM'
  | 'APPLY_UNKNOWN_CAPABILITY_IDS'
  | 'APPLY_DIGEST_MISMATCH'
  | 'APPLY_VERIFY_DIGEST_INVALID'
  | 'APPLY_VERIFY_DIGEST_REQUIRES_BUNDLE'
  | 'APPLY_FETCH_REQUIRES_REF'
  | 'APPLY_FETCH_WITH_LOCAL_BUNDLE'
  | 'APPLY_FETCH_DISABLED'
  | 'APPLY_UNKNOWN_TARGET'
  | 'APPLY_TARGET_REQUIRED'
  | 'APPLY_TEMPLATE_KEY_INVALID'
  | 'REF_REQUIRED'
  | 'REF_TOO_LONG'
  | 'REF_UNSAFE_CHARACTERS'
  | 'REF_DIGEST_MISSING'
  | 'REF_DIGEST_INVALID'
  | 'REF_PATH_TRAVERSAL'
  | 'REF_SCHEME_UNSUPPORTED'
  | 'REF_GIT_COMMIT_MISSING'
  | 'REF_GIT_COMMIT_MUTABLE'
  | 'REF_GIT_URL_INVALID'
  | 'REF_GIT_URL_EXTRAS'
  | 'REF_GIT_PATH_UNSAFE'
  | 'REF_REGISTRY_INVALID'
  | 'REF_REGISTRY_VERSION_MISSING'
  | 'REF_REGISTRY_VERSION_MUTABLE'
  | 'REF_OBJECT_HTTPS_URL_INVALID'
  | 'REF_OBJECT_HTTPS_URL_EXTRAS'
  | 'REF_OBJECT_HTTPS_PATH_UNSAFE'
  | 'REF_OBJECT_S3_URL_INVALID'
  | 'REF_OBJECT_S3_URL_EXTRAS'
  | 'REF_OBJECT_S3_PATH_UNSAFE'
  | 'MAT_SHAPE_INVALID'
  | 'MAT_TREE_DIGEST_INVALID'
  | 'ATT_VERSION_REQUIRED'
  | 'ATT_REF_REQUIRED'
  | 'ATT_TREE_DIGEST_MISMATCH'
  | 'ATT_TREE_DIGEST_INVALID'
  | 'ATT_BUNDLE_DECODE'
  | 'ATT_NO_PACKAGE_ID'
  | 'ATT_NO_PACKAGE_VERSION'
  | 'ATT_NO_PROJECT_REF'
  | 'ATT_NO_REVISION_REFS'
  | 'ATT_NO_DOCUMENTS'
  | 'ATT_PUBLISH_REJECTED'
  | 'ATT_PUBLISH_RESPONSE_DECODE'
  | 'LINT_README_MISSING'
  | 'LINT_README_TRIVIAL'
  | 'LINT_SOURCE_LINK_NOT_HTTP'
  | 'LINT_LOCAL_URL'
  | 'LINT_MATERIAL_NOT_IMMUTABLE'
  | 'LINT_MATERIAL_NOT_DIGEST_PINNED'
  | 'LINT_MATERIAL_REF_INVALID'
  | 'LINT_MATERIAL_TREE_DIGEST_INVALID'
  | 'LINT_SECRET_VALUE'
  | 'LINT_ENV_FILE'
  | 'LINT_PRIVATE_PATH'
  | 'LINT_POPULARITY_SIGNAL'
  | 'LINT_BUNDLE_NOT_OBJECT'

/** One row of the code table: `codes()` lists every code once. */
export interface CodeInfo {
  code: Code
  /** The section of docs/codes.md, e.g. `anpkg-validate`. */
  section: string
  /** `varies`: an error in one place, a warning in another; `retired`: no longer emitted. */
  severity: 'error' | 'warning' | 'info' | 'varies' | 'retired'
  meaning: string
}
// </codes>

/** `F` returning a Promise of its result. */
type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
/** Every function of `T`, returning a Promise. */
type Promisified<T> = { [K in keyof T]: T[K] extends (...args: any[]) => any ? Async<T[K]> : never }

/**
 * Every operation as a Promise-returning function with the same name, arguments and
 * namespaces, run on the libuv thread pool so the event loop stays free:
 * `await trustloop.promises.verifyBundle(buf)`.
 */
export declare const promises: Promisified<Omit<typeof import('./index'), 'TrustloopError' | 'operations' | 'codes' | 'version' | 'MAX_REGISTRY_BODY_BYTES' | 'promises' | 'anpkg' | 'assetsPa'>> & {
  anpkg: Promisified<typeof anpkg>
  assetsPa: Promisified<typeof assetsPa>
}

