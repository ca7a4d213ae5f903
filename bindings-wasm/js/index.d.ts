// The package entry (index.js): the operations of core/src/api/ops.rs in the shape of
// surface.js (the same names and namespaces as the Node addon), typed from the
// wasm-bindgen declarations (trustloop.d.ts), and the host-side helpers of helpers.js.
import type * as core from './trustloop.js';
import type {
  BundleEntry,
  Finding,
  RegistryPolicyOptions,
  RegistryResponses,
  VerifyRegistryOptions,
  VerifyResult,
} from './trustloop.js';

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
/** Every finding and error code, once, from the core's table (docs/codes.md). */
export declare const codes: typeof core.codes;
export declare const keygen: typeof core.keygen;
export declare const limits: typeof core.limits;
export declare const setLimit: typeof core.setLimit;
export declare const resetLimits: typeof core.resetLimits;
export declare const canonicalize: typeof core.canonicalize;
export declare const digest: typeof core.digest;
export declare const verifyBundle: typeof core.verifyBundle;
export declare const verifyDefinition: typeof core.verifyDefinition;
export declare const verifyRegistryResponses: typeof core.verifyRegistryResponses;
export declare const writeLock: typeof core.writeLock;
export declare const writeLockRegistryResponses: typeof core.writeLockRegistryResponses;
export declare const buildLocal: typeof core.buildLocal;
export declare const treeDigest: typeof core.treeDigest;
export declare const treeCombine: typeof core.treeCombine;
/** One input's outcome in a batch: its result, or its error (code, message, findings). */
export type BatchEntry<R> = { result: R; error?: undefined } | { result?: undefined; error: { code: string; message: string; findings: unknown[] } };
/** `verifyBundle` of every bundle with the same options, one after another here (a page spreads batches over Web Workers); entries in input order. */
export declare function verifyMany(bundles: Uint8Array[], options?: Record<string, unknown>): Array<BatchEntry<VerifyResult>>;
/** Tree digests of many trees, each `[{path, text | base64}]`; entries in input order. */
export declare function treeDigestMany(trees: Array<Array<{ path: string; text?: string; base64?: string }>>, options?: Record<string, unknown>): Array<BatchEntry<{ digest: string; files: unknown[] }>>;
export declare const bundleReport: typeof core.bundleReport;
export declare const bundleMaterials: typeof core.bundleMaterials;
export declare const refCheck: typeof core.refCheck;
export declare const trustStore: typeof core.trustStore;
export declare const attachImplementation: typeof core.attachImplementation;
export declare const lint: typeof core.lint;

/** Anolis .anpkg handoff packages (in memory: no paths, no runtime replay). */
export declare const anpkg: {
  validate: typeof core.anpkgValidate;
  /** `validate` of every archive with the same options; entries in input order. */
  validateMany(packages: Uint8Array[], options?: Record<string, unknown>): Array<BatchEntry<ReturnType<typeof core.anpkgValidate>>>;
  exportFiles: typeof core.anpkgExportFiles;
};

/** Prometeu assets.pa archives (in memory). */
export declare const assetsPa: {
  write: typeof core.assetsPaWrite;
  read: typeof core.assetsPaRead;
  verify: typeof core.assetsPaVerify;
  extract: typeof core.assetsPaExtract;
  companions: typeof core.assetsPaCompanions;
  verifyCompanions: typeof core.assetsPaVerifyCompanions;
  glyphBank: typeof core.assetsPaGlyphBank;
  packFiles: typeof core.assetsPaPackFiles;
};

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
