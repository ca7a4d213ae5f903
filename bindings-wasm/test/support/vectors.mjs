// The shared conformance vectors (tests/vectors/README.md), run against the WASM
// package exactly as a JS caller uses it: Buffers in, camelCase options, results
// read as plain objects, errors caught as TrustloopError.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { trustloop } from './load.mjs';
import { FIXTURES, REPO_ROOT } from './paths.mjs';

export const HOST = 'wasm';

/** `expected_contract_signature` → `expectedContractSignature`: how a JS caller spells options. */
const camelCase = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

function jsonFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    // `files/` folders hold data that cases reference, not vector files.
    if (statSync(p).isDirectory()) {
      if (name !== 'files') out.push(...jsonFiles(p));
    }
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Every case of every vector file, sorted by path. */
export function loadCases() {
  const cases = [];
  const files = jsonFiles(join(REPO_ROOT, 'tests', 'vectors')).sort();
  for (const file of files) {
    const rel = relative(REPO_ROOT, file).split('\\').join('/');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const c of doc.cases) cases.push({ id: `${rel}#${c.name}`, ...c });
  }
  return cases;
}

/** The ops of the core's operation table this host has (vector ops are the table's flat names). */
export const OPS = trustloop.operations().filter((o) => o.hosts.wasm).map((o) => o.flat);

export const forThisHost = (c) => !c.hosts || c.hosts.includes(HOST);
export const exposedOp = (c) => OPS.includes(c.op);
export const usesFixture = (c) => Boolean(c.input?.fixture || c.lock?.fixture);

function inputBytes(form) {
  const keys = Object.keys(form);
  if (keys.length !== 1) throw new Error('input form must have exactly one key');
  if ('text' in form) return Buffer.from(form.text, 'utf8');
  if ('base64' in form) return Buffer.from(form.base64, 'base64');
  if ('file' in form) return readFileSync(join(REPO_ROOT, form.file));
  if ('fixture' in form) return readFileSync(join(FIXTURES, form.fixture));
  throw new Error(`unknown input form ${keys[0]}`);
}

const sha256 = (bytes) => 'sha256:' + createHash('sha256').update(bytes).digest('hex');

/** The vector's options without `entries`, camelCased (plus `lock` as bytes). */
function jsOptions(options = {}, lock) {
  const out = {};
  for (const [k, v] of Object.entries(options)) if (k !== 'entries') out[camelCase(k)] = v;
  if (lock) out.lock = lock;
  return out;
}

/** The vector's bundle tree as the entries a browser builds: `[{path, bytes}]`, `{path, symlink: true}`, … */
function jsEntries(entries = []) {
  return entries.map((e) => {
    if (e.symlink === true) return { path: e.path, symlink: true };
    if (e.special === true) return { path: e.path, special: true };
    if (typeof e.text === 'string') return { path: e.path, bytes: Buffer.from(e.text, 'utf8') };
    if (typeof e.base64 === 'string') return { path: e.path, bytes: Buffer.from(e.base64, 'base64') };
    return { path: e.path };
  });
}

/** A GLYPH bank result's summary, after checking `payload` is the bytes `payload_sha256` names. */
function glyphSummary(bank) {
  const { payload, ...summary } = bank;
  if (!(payload instanceof Uint8Array)) throw new Error('glyph bank result has no Uint8Array payload');
  if (sha256(payload) !== summary.payload_sha256) throw new Error(`payload_sha256 ${summary.payload_sha256} does not name the payload`);
  return summary;
}

/** Calls the package; returns {kind, value} or {kind:'error', error}. */
function call(t, c) {
  const input = inputBytes(c.input);
  const lock = c.lock ? inputBytes(c.lock) : undefined;
  try {
    switch (c.op) {
      case 'canonicalize':
        return { kind: 'bytes', value: t.canonicalize(input, c.options?.mode) };
      case 'digest':
        return { kind: 'bytes', value: Buffer.from(t.digest(input), 'utf8') };
      case 'verify_bundle':
        return { kind: 'verdict', value: t.verifyBundle(input, jsOptions(c.options, lock)) };
      case 'verify_definition':
        return { kind: 'verdict', value: t.verifyDefinition(input, jsOptions(c.options, lock)) };
      case 'write_lock':
        return { kind: 'bytes', value: t.writeLock(input) };
      case 'build_local':
        return { kind: 'files', value: t.buildLocal(input, jsOptions(c.options)) };
      case 'verify_registry_responses':
      case 'write_lock_registry_responses': {
        const { package_url: packageUrl, receipt, keys, ...policy } = c.options;
        const responses = { packageUrl, download: input, receipt: inputBytes(receipt), keys: inputBytes(keys) };
        if (c.op === 'write_lock_registry_responses') return { kind: 'bytes', value: t.writeLockRegistryResponses(responses, jsOptions(policy)) };
        return { kind: 'verdict', value: t.verifyRegistryResponses(responses, jsOptions(policy, lock)) };
      }
      case 'ref_check':
        // As the Rust runner: input that is not UTF-8 is one replacement character.
        return { kind: 'value', value: t.refCheck(utf8OrReplacement(input)) };
      case 'tree_combine':
        return { kind: 'bytes', value: Buffer.from(t.treeCombine(input, c.options?.pointer), 'utf8') };
      case 'tree_digest':
        return { kind: 'value', value: t.treeDigest(jsEntries(c.options?.entries), jsOptions(c.options)) };
      case 'bundle_report':
        return { kind: 'value', value: t.bundleReport(input, jsEntries(c.options?.entries), jsOptions(c.options)) };
      case 'bundle_materials':
        return { kind: 'value', value: t.bundleMaterials(input) };
      case 'attach_implementation': {
        const opts = jsOptions(c.options);
        if (c.options?.entries) opts.entries = jsEntries(c.options.entries);
        return { kind: 'value', value: t.attachImplementation(input, opts) };
      }
      case 'lint':
        return { kind: 'value', value: t.lint(input) };
      case 'assets_pa_write': {
        const doc = JSON.parse(input.toString('utf8'));
        return { kind: 'bytes', value: t.assetsPa.write(doc.entries, doc.preload) };
      }
      case 'assets_pa_read':
        return { kind: 'value', value: t.assetsPa.read(input) };
      case 'assets_pa_verify':
        return { kind: 'value', value: t.assetsPa.verify(input) };
      case 'assets_pa_companions':
        return { kind: 'files', value: t.assetsPa.companions(input) };
      case 'assets_pa_extract':
        return { kind: 'bytes', value: t.assetsPa.extract(input, c.options.asset_id) };
      case 'assets_pa_glyph_bank':
        return { kind: 'value', value: glyphSummary(t.assetsPa.glyphBank(JSON.parse(input.toString('utf8')))) };
      case 'assets_pa_pack_files': {
        const doc = JSON.parse(input.toString('utf8'));
        const files = Object.fromEntries(Object.entries(doc.files).map(([p, form]) => [p, inputBytes(form)]));
        return { kind: 'value', value: t.assetsPa.packFiles(files, jsOptions(c.options)).report };
      }
      default:
        throw new Error(`unknown op ${c.op}`);
    }
  } catch (error) {
    if (error?.name !== 'TrustloopError') throw error; // a trap or a harness bug
    return { kind: 'error', error };
  }
}

function utf8OrReplacement(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return '\ufffd';
  }
}

/** Deep equality ignoring object key order (arrays in order). */
function jsonEqual(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** `want` ⊆ `got`: objects recursively as subsets, everything else exactly. */
function subset(want, got, path) {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    if (!got || typeof got !== 'object' || Array.isArray(got)) return `${path}: expected an object, got ${JSON.stringify(got)}`;
    for (const [k, v] of Object.entries(want)) {
      if (!(k in got)) return `${path}.${k} missing`;
      const e = subset(v, got[k], `${path}.${k}`);
      if (e) return e;
    }
    return null;
  }
  return isDeepStrictEqual(want, got) ? null : `${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

const failedChecks = (r) => (r.checks ?? []).filter((x) => x.status === 'fail').map((x) => x.name);

/** Runs one case; returns a list of problems (empty = pass). */
export function runCase(t, c) {
  const expect = c.expect ?? {};
  if (Object.keys(expect).length === 0) return ['expect is empty'];
  const wantsError = expect.exit_code === 1 || Object.keys(expect).some((k) => k.startsWith('error_'));
  const got = call(t, c);
  const problems = [];
  if (got.kind === 'error') {
    const e = got.error;
    if (!wantsError) return [`unexpected error ${e.code}: ${e.message}`];
    if (!(e instanceof Error)) problems.push('thrown value is not an Error');
    if (e.findings?.[0]?.code !== e.code) problems.push(`findings[0].code ${e.findings?.[0]?.code} != code ${e.code}`);
    if ('error_code' in expect && e.code !== expect.error_code) problems.push(`error_code: expected ${expect.error_code}, got ${e.code} (${e.message})`);
    if ('error_message' in expect && e.message !== expect.error_message)
      problems.push(`error_message:\n  expected ${JSON.stringify(expect.error_message)}\n  got      ${JSON.stringify(e.message)}`);
    if ('error_message_prefix' in expect && !e.message.startsWith(expect.error_message_prefix))
      problems.push(`error_message_prefix: expected ${JSON.stringify(expect.error_message_prefix)}, got ${JSON.stringify(e.message)}`);
    return problems;
  }
  if (wantsError) return ['expected an error, the call succeeded'];
  if (got.kind === 'bytes') {
    const out = Buffer.from(got.value);
    if ('exit_code' in expect && expect.exit_code !== 0) problems.push(`exit_code: expected ${expect.exit_code}, got 0`);
    if ('output_text' in expect && !out.equals(Buffer.from(expect.output_text, 'utf8')))
      problems.push(`output_text: expected ${JSON.stringify(expect.output_text)}, got ${JSON.stringify(out.toString('utf8'))}`);
    if ('output_base64' in expect && !out.equals(Buffer.from(expect.output_base64, 'base64')))
      problems.push(`output_base64: got ${out.toString('base64')}`);
    if ('output_sha256' in expect && sha256(out) !== expect.output_sha256)
      problems.push(`output_sha256: expected ${expect.output_sha256}, got ${sha256(out)}`);
    if ('digest' in expect && out.toString('utf8') !== expect.digest) problems.push(`digest: expected ${expect.digest}, got ${out}`);
  } else if (got.kind === 'verdict') {
    const r = got.value;
    // `ok_legacy` (only under the legacy option) exits 0 like `ok`.
    const exit = r.status === 'ok' || r.status === 'ok_legacy' ? 0 : 2;
    if ('exit_code' in expect && expect.exit_code !== exit)
      problems.push(`exit_code: expected ${expect.exit_code}, got ${exit} (failed checks ${JSON.stringify(failedChecks(r))})`);
    if ('status' in expect && expect.status !== r.status)
      problems.push(`status: expected ${expect.status}, got ${r.status} (failed checks ${JSON.stringify(failedChecks(r))})`);
    if ('checks' in expect) {
      const gotChecks = r.checks ?? [];
      if (gotChecks.length !== expect.checks.length) {
        const show = (l) => l.map((x) => `${x.name}=${x.status}`);
        problems.push(`checks: expected ${JSON.stringify(show(expect.checks))}, got ${JSON.stringify(show(gotChecks))}`);
      } else {
        expect.checks.forEach((w, i) => {
          for (const key of ['name', 'status', 'detail']) {
            if (key in w && w[key] !== gotChecks[i][key])
              problems.push(`checks[${i}].${key}: expected ${JSON.stringify(w[key])}, got ${JSON.stringify(gotChecks[i][key])}`);
          }
        });
      }
    }
    if ('failed_checks' in expect && !isDeepStrictEqual(failedChecks(r), expect.failed_checks))
      problems.push(`failed_checks: expected ${JSON.stringify(expect.failed_checks)}, got ${JSON.stringify(failedChecks(r))}`);
    if ('result_subset' in expect) {
      const e = subset(expect.result_subset, r, 'result');
      if (e) problems.push(`result_subset: ${e}`);
    }
    if ('result_keys' in expect) {
      const [want, have] = [[...expect.result_keys].sort(), Object.keys(r).sort()];
      if (!isDeepStrictEqual(want, have)) problems.push(`result_keys: expected ${JSON.stringify(want)}, got ${JSON.stringify(have)}`);
    }
  } else if (got.kind === 'value') {
    const v = got.value;
    if ('exit_code' in expect && expect.exit_code !== 0) problems.push(`exit_code: expected ${expect.exit_code}, got 0`);
    if ('result' in expect && !jsonEqual(expect.result, v))
      problems.push(`result:\n  expected ${JSON.stringify(expect.result)}\n  got      ${JSON.stringify(v)}`);
    if ('result_subset' in expect) {
      const e = subset(expect.result_subset, v, 'result');
      if (e) problems.push(`result_subset: ${e}`);
    }
  } else if (got.kind === 'files') {
    if ('files_sha256' in expect) {
      for (const [name, bytes] of Object.entries(got.value)) {
        if (!(bytes instanceof Uint8Array)) problems.push(`files[${name}] is not a Uint8Array`);
      }
      const gotFiles = Object.fromEntries(Object.entries(got.value).map(([n, b]) => [n, sha256(b)]));
      if (!isDeepStrictEqual(sortKeys(gotFiles), sortKeys(expect.files_sha256)))
        problems.push(`files_sha256:\n  expected ${JSON.stringify(sortKeys(expect.files_sha256))}\n  got      ${JSON.stringify(sortKeys(gotFiles))}`);
    }
  }
  return problems;
}

const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
