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
