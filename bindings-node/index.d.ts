/// <reference types="node" />

/** The one error type every trustloop failure throws. */
export declare class TrustloopError extends Error {
  /** Stable SCREAMING_SNAKE finding code (see docs/codes.md), e.g. `JSON_SYNTAX`, `INTERNAL_PANIC`. */
  readonly code: string
  /** Structured findings: `{code, severity, message, location: {file?, path?}}`. */
  readonly findings: Finding[]
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

/** Validates a remote custom-code-bundle ref (spec §13). */
export declare function refCheck(reference: string): ParsedRef
/** Custom-code-bundle tree digest: `{digest, files}`. Options are camelCase forms of the core's names. */
export declare function treeDigest(
  entries: Entries,
  opts?: { root?: string; applied?: boolean; target?: string; vars?: Record<string, string>; systemName?: string; packageId?: string; rootName?: string; maxEntries?: number; maxFileBytes?: number }
): { digest: string; files: Array<{ path: string; sha256: string; bytes: number }>; [key: string]: unknown }
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
