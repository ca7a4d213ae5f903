// The package entry (index.js): the operations of core/src/api/ops.rs in the shape of
// surface.js (the same names and namespaces as the Node addon), typed from the
// wasm-bindgen declarations (trustloop.d.ts), and the host-side helpers of helpers.js.
// This file alone is the verify-only entry's index.d.ts (`trustloop-wasm/verify`: the
// ANIP verify subset); the full entry's is this file followed by index.full.d.ts.
import type * as core from './trustloop.js';
import type { Finding, RegistryResponses, VerifyRegistryOptions, VerifyResult } from './trustloop.js';

// The option and result interfaces (the flat wasm-bindgen functions are not exported).
export type * from './trustloop.js';
export { default, initSync } from './trustloop.js';

/** The trustloop version (in a browser: set once `init()` has resolved). */
export declare let version: string;

/** Every error trustloop throws (`instanceof`-able): a stable `code` and the findings. */
export declare class TrustloopError extends Error {
  constructor(code: string, message: string, findings?: Finding[]);
  readonly code: string;
  readonly findings: Finding[];
  /** The exit code the `trustloop` CLI gives for the same failure (absent where the operation has no CLI command). */
  readonly exitCode?: number;
}

/** Upstream's exit code for a verify result: 2 when `failed`, else 0. */
export declare function exitCode(result: VerifyResult): 0 | 2;
export declare const operations: typeof core.operations;
export declare const limits: typeof core.limits;
export declare const setLimit: typeof core.setLimit;
export declare const resetLimits: typeof core.resetLimits;
export declare const canonicalize: typeof core.canonicalize;
export declare const digest: typeof core.digest;
export declare const verifyBundle: typeof core.verifyBundle;
export declare const verifyDefinition: typeof core.verifyDefinition;
export declare const verifyRegistryResponses: typeof core.verifyRegistryResponses;
/** One input's outcome in a batch: its result, or its error (code, message, findings). */
export type BatchEntry<R> = { result: R; error?: undefined } | { result?: undefined; error: { code: string; message: string; findings: unknown[] } };
/** `verifyBundle` of every bundle with the same options, one after another here (a page spreads batches over Web Workers); entries in input order. */
export declare function verifyMany(bundles: Uint8Array[], options?: Record<string, unknown>): Array<BatchEntry<VerifyResult>>;
export declare const trustStore: typeof core.trustStore;

/** Options the helpers use for fetching (never passed to the core). */
export interface FetchOptions {
  /** A `fetch` implementation (default: `globalThis.fetch`), e.g. one adding credentials. */
  fetch?: typeof fetch;
  /** Aborts the requests; default: a 60 s timeout. */
  signal?: AbortSignal;
}

/** `{base}/registry-api/v1`, appending the API path unless `baseUrl` already ends with it. */
export declare const registryApiBase: typeof core.registryApiBase;
/** The URLs `fetchRegistryResponses` GETs for `packageRef` (`ID@VERSION`) under `baseUrl`. */
export declare const registryUrls: typeof core.registryUrls;

/**
 * GETs `{api}/packages/{id}/{version}/download` (`?allow_yanked=true` with
 * `allowYankedPackage`), `…/receipt` and `{api}/keys`. Throws `TrustloopError`
 * `REGISTRY_FETCH_FAILED` (network error, non-2xx status, body over 64 MiB) or
 * `PACKAGE_REF_INVALID`.
 */
export declare function fetchRegistryResponses(
  baseUrl: string,
  packageRef: string,
  opts?: FetchOptions & { allowYankedPackage?: boolean },
): Promise<RegistryResponses>;

/**
 * `trustloop anip verify --registry-url BASE --package ID@VERSION --json`:
 * fetches the three documents, then `verifyRegistryResponses`.
 */
export declare function verifyRegistry(
  baseUrl: string,
  packageRef: string,
  opts?: VerifyRegistryOptions & FetchOptions,
): Promise<VerifyResult>;
