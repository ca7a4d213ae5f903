// Host-side helpers of the trustloop WebAssembly packages: the I/O the core must not
// do. `verifyRegistry` / `writeLockRegistry` fetch a Registry package's three
// documents (at the URLs the core's `registryUrls` builds) and hand them to the core's
// sans-IO functions; `entriesFromFiles` reads a picked or dropped folder into bundle
// entries. Every decision stays in the core.
//
// Source of pkg-web/helpers.js (as is, an ES module) and pkg-node/helpers.js
// (build.sh turns the one `export` into `module.exports`). Keep exactly one export.

/** Response bodies larger than this are refused (as the CLI does). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Whole-request budget when the caller passes no `signal` (as the CLI's 60 s). */
const FETCH_TIMEOUT_MS = 60_000;
/** Default cap on the bytes `entriesFromFiles` reads. */
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

export function createHelpers(core) {
  /** A `TrustloopError`, shaped like the ones the core throws. */
  function trustloopError(code, message) {
    const error = new Error(message);
    error.name = 'TrustloopError';
    error.code = code;
    error.findings = [{ code, severity: 'error', message, location: {} }];
    return error;
  }

  async function readBody(response, url) {
    const declared = Number(response.headers?.get?.('content-length') ?? NaN);
    if (declared > MAX_BODY_BYTES) {
      throw trustloopError('REGISTRY_FETCH_FAILED', `registry request failed: GET ${url}: body larger than ${MAX_BODY_BYTES} bytes`);
    }
    if (!response.body?.getReader) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw trustloopError('REGISTRY_FETCH_FAILED', `registry request failed: GET ${url}: body larger than ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(value);
    }
    const body = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      body.set(c, offset);
      offset += c.byteLength;
    }
    return body;
  }

  async function get(url, fetchImpl, signal) {
    let response;
    try {
      response = await fetchImpl(url, { method: 'GET', headers: { accept: 'application/json' }, credentials: 'omit', signal });
    } catch (e) {
      throw trustloopError('REGISTRY_FETCH_FAILED', `registry request failed: GET ${url}: ${e?.message ?? e}`);
    }
    if (!response.ok) {
      await response.body?.cancel?.().catch(() => {});
      throw trustloopError('REGISTRY_FETCH_FAILED', `registry request failed: GET ${url}: ${response.status} ${response.statusText ?? ''}`);
    }
    try {
      return await readBody(response, url);
    } catch (e) {
      if (e?.name === 'TrustloopError') throw e;
      throw trustloopError('REGISTRY_FETCH_FAILED', `registry request failed: GET ${url}: ${e?.message ?? e}`);
    }
  }

  /** Options meant for the host (fetching), not for the core. */
  function hostOptions(opts) {
    const { fetch: fetchImpl, signal, ...coreOptions } = opts ?? {};
    return { fetchImpl: fetchImpl ?? globalThis.fetch, signal, coreOptions };
  }

  /**
   * GETs `…/packages/{id}/{version}/download` (`?allow_yanked=true` with
   * `allowYankedPackage`), `…/receipt` and `{base}/registry-api/v1/keys`.
   * Resolves to the `{packageUrl, download, receipt, keys}` the core takes.
   */
  async function fetchRegistryResponses(baseUrl, packageRef, opts = {}) {
    const { fetchImpl, signal, coreOptions } = hostOptions(opts);
    const allowYanked = (coreOptions.allowYankedPackage ?? coreOptions.allow_yanked_package) === true;
    const urls = core.registryUrls(baseUrl, packageRef, allowYanked);
    if (typeof fetchImpl !== 'function') throw trustloopError('INVALID_ARGUMENT', 'no fetch implementation (pass opts.fetch)');
    const budget = signal ?? (typeof AbortSignal?.timeout === 'function' ? AbortSignal.timeout(FETCH_TIMEOUT_MS) : undefined);
    const download = await get(urls.downloadUrl, fetchImpl, budget);
    const receipt = await get(urls.receiptUrl, fetchImpl, budget);
    const keys = await get(urls.keysUrl, fetchImpl, budget);
    return { packageUrl: urls.packageUrl, download, receipt, keys };
  }

  /**
   * `trustloop anip verify --registry-url BASE --package ID@VERSION --json`: fetches
   * the package's documents and verifies them with `verifyRegistryResponses`.
   * `opts`: the verify options and registry policy, plus `fetch` (a fetch
   * implementation) and `signal` (an AbortSignal).
   */
  async function verifyRegistry(baseUrl, packageRef, opts = {}) {
    const responses = await fetchRegistryResponses(baseUrl, packageRef, opts);
    return core.verifyRegistryResponses(responses, hostOptions(opts).coreOptions);
  }

  /** `trustloop anip lock write --registry-url BASE --package ID@VERSION`: the lock file bytes. */
  async function writeLockRegistry(baseUrl, packageRef, opts = {}) {
    const responses = await fetchRegistryResponses(baseUrl, packageRef, opts);
    return core.writeLockRegistryResponses(responses, hostOptions(opts).coreOptions);
  }

  /** A `FileSystemEntry` tree (a dropped folder) as `[{file, path}]`. */
  async function walkEntry(entry, prefix, out) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, path: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        // readEntries returns the listing in batches; an empty batch ends it.
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out);
      }
    }
  }

  /** Files with their bundle-relative paths, and the chosen folder's name. */
  async function listFiles(source) {
    if (source?.items && typeof source.items.length === 'number') {
      // A DataTransfer: `webkitGetAsEntry` only works during the drop event, so it
      // is called before the first await.
      const roots = Array.from(source.items, (item) => item.webkitGetAsEntry?.()).filter(Boolean);
      const found = [];
      for (const root of roots) await walkEntry(root, '', found);
      const single = roots.length === 1 && roots[0].isDirectory ? roots[0].name : '';
      const strip = single ? single.length + 1 : 0;
      return { root: single, files: found.map(({ file, path }) => ({ file, path: path.slice(strip) })) };
    }
    let root = '';
    const files = Array.from(source ?? [], (file) => {
      const rel = file.webkitRelativePath ?? '';
      const slash = rel.indexOf('/');
      if (slash < 0) return { file, path: file.name };
      // `folder/sub/file.py`: the first segment is the folder the user chose.
      root ||= rel.slice(0, slash);
      return { file, path: rel.slice(slash + 1) };
    });
    return { root, files };
  }

  /**
   * A folder from `<input type="file" webkitdirectory>` (its FileList), dropped
   * files, or a drop event's DataTransfer (call it inside the `drop` handler) as
   * bundle entries `[{path, bytes}]`, paths relative to the chosen folder. The
   * resolved array also has `root`: the folder's name ("" when none).
   * The browser follows symlinks, so a picked folder never yields symlink entries.
   */
  async function entriesFromFiles(files, opts = {}) {
    const limit = opts.maxTotalBytes ?? MAX_TOTAL_BYTES;
    const { root, files: list } = await listFiles(files);
    const total = list.reduce((n, { file }) => n + (file.size ?? 0), 0);
    if (total > limit) {
      throw trustloopError('FILES_TOO_LARGE', `the chosen files hold ${total} bytes; the limit is ${limit}`);
    }
    const entries = [];
    for (const { file, path } of list) entries.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
    entries.root = root;
    return entries;
  }

  // A helper only where this build has the core function it feeds: the verify-only
  // build writes no lock files and digests no bundle trees.
  return {
    fetchRegistryResponses,
    verifyRegistry,
    ...(core.writeLockRegistryResponses && { writeLockRegistry }),
    ...(core.treeDigest && { entriesFromFiles }),
  };
}
