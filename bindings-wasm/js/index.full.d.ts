// What the full entry (`trustloop-wasm`) declares beyond the verify-only entry's
// index.verify.d.ts: build.sh appends this file to it for the full entry's index.d.ts.
import type { BundleEntry, RegistryPolicyOptions } from './trustloop.js';

/** Every finding and error code, once, from the core's table (docs/codes.md). */
export declare const codes: typeof core.codes;
export declare const keygen: typeof core.keygen;
export declare const writeLock: typeof core.writeLock;
export declare const writeLockRegistryResponses: typeof core.writeLockRegistryResponses;
export declare const buildLocal: typeof core.buildLocal;
export declare const treeDigest: typeof core.treeDigest;
export declare const treeCombine: typeof core.treeCombine;
/** Tree digests of many trees, each `[{path, text | base64}]`; entries in input order. */
export declare function treeDigestMany(trees: Array<Array<{ path: string; text?: string; base64?: string }>>, options?: Record<string, unknown>): Array<BatchEntry<{ digest: string; files: unknown[] }>>;
export declare const bundleReport: typeof core.bundleReport;
export declare const bundleMaterials: typeof core.bundleMaterials;
export declare const refCheck: typeof core.refCheck;
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
