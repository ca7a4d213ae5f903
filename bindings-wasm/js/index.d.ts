// The package entry: every wasm-bindgen export (trustloop.d.ts) and the host-side
// helpers of helpers.js.
import type {
  BundleEntry,
  RegistryPolicyOptions,
  RegistryResponses,
  VerifyRegistryOptions,
  VerifyResult,
} from './trustloop.js';

export * from './trustloop.js';
export { default } from './trustloop.js';

/** Options the helpers use for fetching (never passed to the core). */
export interface FetchOptions {
  /** A `fetch` implementation (default: `globalThis.fetch`), e.g. one adding credentials. */
  fetch?: typeof fetch;
  /** Aborts the requests; default: a 60 s timeout. */
  signal?: AbortSignal;
}

/** `{base}/registry-api/v1`, appending the API path unless `baseUrl` already ends with it. */
export declare function registryApiBase(baseUrl: string): string;

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

/** `trustloop anip lock write --registry-url BASE --package ID@VERSION`: the lock file bytes. */
export declare function writeLockRegistry(
  baseUrl: string,
  packageRef: string,
  opts?: RegistryPolicyOptions & FetchOptions,
): Promise<Uint8Array>;

/** What `entriesFromFiles` reads: a DOM `File` (structurally, so Node types work too). */
export interface FileLike {
  name: string;
  size: number;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A picked folder (`<input type="file" webkitdirectory>`'s FileList), dropped files,
 * or a drop event's DataTransfer (call inside the `drop` handler) as bundle entries,
 * paths relative to the chosen folder; `root` is the folder's name ("" when none).
 * Throws `FILES_TOO_LARGE` above `maxTotalBytes` (default 512 MiB).
 */
export declare function entriesFromFiles(
  files: ArrayLike<FileLike> | { items: ArrayLike<unknown> },
  opts?: { maxTotalBytes?: number },
): Promise<BundleEntry[] & { root: string }>;
