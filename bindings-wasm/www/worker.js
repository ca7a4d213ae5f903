// Every verification of the page runs here, off the page's main thread, through the
// package's public API (pkg/web/index.js). Messages: {id, op, ...args} in; zero or
// more {id, progress} and then one {id, result} or {id, error} out.
import init, { anpkg, assetsPa, bundleMaterials, refCheck, treeDigest, trustStore, verifyBundle, version } from '../pkg/web/index.js';

import { cliDocument, goPretty, shellWord } from './cli-json.js';
import { detectKind } from './detect.js';
import { listPackageFiles } from './zip-listing.js';

// The page sends the compiled module first ({module}, or {moduleError}); calls that
// arrive before it wait.
let moduleArrived;
const ready = new Promise((resolve, reject) => {
  moduleArrived = ({ module, moduleError }) => (module ? resolve(module) : reject(new Error(`the WASM module could not be loaded: ${moduleError}`)));
}).then((module) => init({ module_or_path: module })).then(() => version);

/** A thrown value as plain data (TrustloopError: code, message, findings, exitCode). */
const errorData = (e) => ({
  name: e?.name ?? 'Error',
  code: e?.code ?? null,
  message: String(e?.message ?? e),
  findings: Array.isArray(e?.findings) ? e.findings : [],
  exitCode: e?.exitCode ?? null,
});

/** The CLI's findings name the file they came from; the in-memory reader has no name. */
const withFile = (findings, name) =>
  findings.map((f) => (f.location?.file ? f : { ...f, location: { file: name, ...f.location } }));

function checkAnip(name, bytes, opts) {
  const verifyOpts = { recordPath: name, extendedReport: true };
  const words = ['trustloop', 'anip', 'verify', '--package-bundle', name];
  if (opts.lock) {
    verifyOpts.lock = opts.lock.bytes;
    words.push('--lock-file', opts.lock.name);
  }
  if (opts.expectedContractSignature) {
    verifyOpts.expectedContractSignature = opts.expectedContractSignature;
    words.push('--expected-contract-signature', opts.expectedContractSignature);
  }
  if (opts.trustedKeys.length > 0) {
    verifyOpts.trustedKeys = Object.fromEntries(opts.trustedKeys);
    for (const [id, key] of opts.trustedKeys) words.push('--trusted-key', `${id}=${key}`);
  }
  if (opts.legacy) {
    verifyOpts.legacy = true;
    words.push('--compat', 'legacy');
  }
  words.push('--extended-report', '--json');
  const command = words.map(shellWord).join(' ');
  try {
    const result = verifyBundle(bytes, verifyOpts);
    return { result, documents: [{ label: 'Result JSON', command, text: cliDocument(command, result) }] };
  } catch (e) {
    // The CLI prints no JSON for a hard error (exit 1, message on stderr).
    return { error: errorData(e), documents: [] };
  }
}

async function checkAnpkg(name, bytes, opts, progress) {
  const command = ['trustloop', 'anpkg', 'validate', name, ...(opts.allFindings ? ['--all'] : []), '--json'].map(shellWord).join(' ');
  const result = anpkg.validate(bytes, { path: name, all: opts.allFindings });
  let files = null;
  let filesError = null;
  if (result.valid) {
    progress('hashing the package files');
    try {
      files = await listPackageFiles(bytes);
    } catch (e) {
      filesError = String(e?.message ?? e);
    }
  }
  return { result, files, filesError, documents: [{ label: 'Result JSON', command, text: cliDocument(command, result) }] };
}

function checkAssetsPa(name, bytes) {
  const inspectCommand = `trustloop assets-pa inspect ${shellWord(name)} --json`;
  const verifyCommand = `trustloop assets-pa verify ${shellWord(name)} --json`;
  const verified = assetsPa.verify(bytes);
  const verify = { ...verified, findings: withFile(verified.findings, name) };
  let info = null;
  let inspectDoc;
  try {
    info = assetsPa.read(bytes);
    inspectDoc = info;
  } catch (e) {
    const error = errorData(e);
    // The CLI's JSON error object: the host error's fields and the exit code.
    inspectDoc = { code: error.code, message: error.message, findings: withFile(error.findings, name), exit_code: error.exitCode };
  }
  return {
    result: verify,
    info,
    documents: [
      // The CLI's JSON error object ends with one newline, like every command's.
      { label: 'Inspect JSON', command: inspectCommand, text: info ? cliDocument(inspectCommand, inspectDoc) : goPretty(inspectDoc) },
      { label: 'Verify JSON', command: verifyCommand, text: cliDocument(verifyCommand, verify) },
    ],
  };
}

async function check({ name, bytes, options }, progress) {
  const kind = detectKind(bytes);
  progress(kind ? `checking as ${kind}` : 'unknown content');
  const base = { name, size: bytes.length, kind };
  if (kind === 'anip') return { ...base, ...checkAnip(name, bytes, options) };
  if (kind === 'anpkg') return { ...base, ...(await checkAnpkg(name, bytes, options, progress)) };
  if (kind === 'assets-pa') return { ...base, ...checkAssetsPa(name, bytes) };
  return base;
}

const OPERATIONS = {
  version: () => ready,
  check,
  extractAsset: ({ bytes, assetId }) => assetsPa.extract(bytes, assetId),
  materials: ({ bytes }) => bundleMaterials(bytes),
  treeDigest: ({ entries, root }) => treeDigest(entries, { root }),
  refCheck: ({ text }) => refCheck(text),
  trustStore: ({ bytes }) => Object.entries(trustStore(bytes)),
};

self.addEventListener('message', async ({ data }) => {
  if ('module' in data || 'moduleError' in data) return moduleArrived(data);
  const { id, op } = data;
  const progress = (stage) => self.postMessage({ id, progress: stage });
  try {
    await ready;
    const run = OPERATIONS[op];
    if (!run) throw new Error(`unknown operation ${op}`);
    // A File is read here rather than on the page's thread, so a batch's reads are
    // spread over the workers too.
    if (data.file) data.bytes = new Uint8Array(await data.file.arrayBuffer());
    self.postMessage({ id, result: await run(data, progress) });
  } catch (e) {
    self.postMessage({ id, error: errorData(e) });
  }
});
