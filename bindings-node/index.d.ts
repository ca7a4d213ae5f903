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
  contract_signature?: string
  registry_record_path?: string
  checks: Check[]
  [key: string]: unknown
}

export interface BuildLocalOptions {
  packageId: string
  packageVersion: string
  /** RFC 3339; default `2026-05-15T00:00:00Z`. */
  generatedAt?: string
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
export declare function attachRequest(
  bundle: Uint8Array,
  entries?: Entries | null,
  opts?: { packageVersion?: string; implementationMaterialRef?: string; customCodeBundleRef?: string; title?: string; bundleRoot?: string }
): Record<string, unknown>
/** Publication lint: `{status: 'clean' | 'findings', findings}`. */
export declare function lint(bundle: Uint8Array): { status: 'clean' | 'findings'; findings: Finding[] }

/** Prometeu assets.pa archives. */
export declare const assetsPa: {
  write(entries: Array<Record<string, unknown>>, preload?: number[]): Buffer
  read(buf: Uint8Array): Record<string, unknown>
  verify(buf: Uint8Array): { ok: boolean; codes: string[]; [key: string]: unknown }
  extract(buf: Uint8Array, assetId: number): Buffer
  companions(buf: Uint8Array): Record<string, Buffer>
  glyphBank(spec: { tile_size: number; tiles: unknown[]; palettes: unknown[] }): { summary: Record<string, unknown>; payload: Buffer }
  pack(files: Record<string, Uint8Array>, opts?: { outDir?: string }): { report: Record<string, unknown>; files: Record<string, Buffer> }
}
