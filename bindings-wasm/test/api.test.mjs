// The nodejs WASM package as a Node caller uses it: argument forms, camelCase
// options on real fixtures, error shape, and byte-for-byte agreement with the CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { trustloop } from './support/load.mjs';
import { FIXTURES, PKG, PKG_WEB, REPO_ROOT, fixturesPresent, reportMissingFixtures } from './support/paths.mjs';

const fixture = (p) => readFileSync(join(FIXTURES, p));
const haveFixtures = fixturesPresent();
const needsFixtures = haveFixtures ? {} : { skip: 'NOT RUN: fixtures folder missing' };
if (!haveFixtures && reportMissingFixtures(5, 'fixture-based API tests')) {
  test('fixtures folder present', () => assert.fail('CI=true and the fixtures folder is missing'));
}

const SYNTHETIC = 'anip/derived/current-runtime-compat-0.1.0.anip-package.json';
const SYNTHETIC_LOCK = 'anip/derived/current-runtime-compat-0.1.0.anip.lock.json';

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a TrustloopError');
}

test('version is a semver string', () => {
  assert.match(trustloop.version, /^\d+\.\d+\.\d+/);
});

// The package surface is the core's operation table (core/src/api/ops.rs), the same
// names and namespaces as the Node addon: every WASM operation at its derived name in
// the Node entry, the browser entry's export list and index.d.ts (as build.sh wrote
// them); nothing else exported but the helpers that fetch or read files, the registry
// URL builders, the error class, the tables and the version.
const NOT_OPERATIONS = new Set(['TrustloopError', 'operations', 'codes', 'version', 'registryApiBase', 'registryUrls', 'fetchRegistryResponses', 'entriesFromFiles', '_derived', 'default', 'initSync']);
const lookup = (js) => js.split('.').reduce((o, k) => (o == null ? undefined : o[k]), trustloop);

test('every WASM operation is exported at its derived name, in both entries and the types', () => {
  const web = readFileSync(join(PKG_WEB, 'index.js'), 'utf8');
  const webNames = new Set(web.slice(web.indexOf('export const {')).match(/^  (\w+),$/gm).map((l) => l.trim().slice(0, -1)));
  const dts = readFileSync(join(PKG, 'index.d.ts'), 'utf8');
  const ops = trustloop.operations();
  assert.ok(ops.length > 30);
  for (const op of ops) {
    const [ns, member] = op.js.includes('.') ? op.js.split('.') : [null, op.js];
    if (!op.hosts.wasm) {
      assert.equal(lookup(op.js), undefined, `${op.js} is exported but the table says WASM has no ${op.name}`);
      continue;
    }
    assert.equal(typeof lookup(op.js), 'function', `${op.js} is not exported`);
    assert.ok(webNames.has(ns ?? member), `index.web.js does not export ${ns ?? member}`);
    const declared = ns
      ? new RegExp(`^  ${member}(: typeof core\\.|\\()`, 'm').test(dts.slice(dts.indexOf(`export declare const ${ns}: {`)))
      : new RegExp(`^export declare (const|function) ${member}\\b`, 'm').test(dts);
    assert.ok(declared, `${op.js} is not declared in index.d.ts`);
  }
  const table = new Set(ops.filter((o) => o.hosts.wasm).map((o) => o.js));
  for (const [name, value] of Object.entries(trustloop)) {
    if (NOT_OPERATIONS.has(name)) continue;
    if (name === 'anpkg' || name === 'assetsPa') {
      for (const member of Object.keys(value)) assert.ok(table.has(`${name}.${member}`), `${name}.${member} is not in the table`);
    } else {
      assert.ok(table.has(name), `${name} is exported but not an operation in core/src/api/ops.rs`);
    }
  }
  for (const name of webNames) assert.ok(table.has(name) || NOT_OPERATIONS.has(name) || ['anpkg', 'assetsPa'].includes(name), `index.web.js exports ${name}`);
});

test('every thrown error is a TrustloopError instance, sync and async', async () => {
  assert.throws(() => trustloop.digest('['), trustloop.TrustloopError);
  assert.throws(() => trustloop.anpkg.exportFiles(7), trustloop.TrustloopError);
  await assert.rejects(async () => trustloop.verifyRegistry('', 'x@1'), trustloop.TrustloopError);
  assert.equal(trustloop.exitCode({ status: 'failed' }), 2);
  assert.equal(trustloop.exitCode({ status: 'verified' }), 0);
  assert.throws(() => trustloop.exitCode(null), (e) => e instanceof trustloop.TrustloopError && e.code === 'INVALID_ARGUMENT');
});

test('errors carry the exit code the CLI gives for the same failure', () => {
  assert.equal(thrown(() => trustloop.verifyBundle(Buffer.from('not json'))).exitCode, 1);
  assert.equal(thrown(() => trustloop.lint(Buffer.from('not json'))).exitCode, 2);
  const args = thrown(() => trustloop.buildLocal('{}', { packageId: '', packageVersion: '1.0.0' }));
  assert.deepEqual([args.code, args.exitCode], ['ANIP_BUILD_ARGS', 2]);
  assert.equal(thrown(() => trustloop.assetsPa.write([{ asset_id: 'x' }])).exitCode, undefined); // no CLI command
});

test('Buffer, Uint8Array, ArrayBuffer and string inputs give the same digest', () => {
  const text = '{"b":[1.0,2e0],"a":"\\u00e9"}';
  const buf = Buffer.from(text);
  const forms = [text, buf, new Uint8Array(buf), buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)];
  const digests = forms.map((f) => trustloop.digest(f));
  assert.equal(new Set(digests).size, 1);
  assert.match(digests[0], /^sha256:[0-9a-f]{64}$/);
});

test('errors are TrustloopError instances of Error with code and findings', () => {
  const e = thrown(() => trustloop.verifyBundle(Buffer.from('not json')));
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'TrustloopError');
  assert.equal(e.code, 'JSON_SYNTAX');
  assert.match(e.message, /^decode package bundle: /);
  assert.equal(e.findings.length, 1);
  assert.deepEqual(Object.keys(e.findings[0]), ['code', 'severity', 'message', 'location']);
  assert.equal(e.findings[0].code, 'JSON_SYNTAX');
  assert.match(e.stack, /TrustloopError/);
  const bad = thrown(() => trustloop.verifyBundle('{}', { expectedContractSignatur: 'x' }));
  assert.equal(bad.code, 'INVALID_OPTION');
});

test('verify result is a plain JSON object with upstream key order', needsFixtures, () => {
  const r = trustloop.verifyBundle(fixture(SYNTHETIC), { recordPath: 'compat.anip-package.json' });
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  assert.equal(r.status, 'ok');
  assert.equal(r.receipt_status, 'verified');
  assert.equal(r.receipt_algorithm, 'ed25519');
  assert.equal(r.receipt_key_id, 'anip-registry-dev-ed25519-v1');
  assert.equal(r.registry_record_path, 'compat.anip-package.json');
  const keys = Object.keys(r);
  assert.equal(keys[0], 'status');
  assert.equal(keys.at(-1), 'checks');
});

test('expectedContractSignature is compared exactly', needsFixtures, () => {
  const bundle = fixture(SYNTHETIC);
  const sig = trustloop.verifyBundle(bundle).contract_signature;
  const same = trustloop.verifyBundle(bundle, { expectedContractSignature: sig });
  assert.equal(same.status, 'ok');
  assert.ok(same.checks.some((c) => c.name === 'expected_contract_signature_matches' && c.status === 'pass'));
  const other = trustloop.verifyBundle(bundle, { expectedContractSignature: ` ${sig}` });
  assert.equal(other.status, 'failed');
  assert.deepEqual(other.checks.filter((c) => c.status === 'fail').map((c) => c.name), ['expected_contract_signature_matches']);
});

test('trustedKeys pins the registry key', needsFixtures, () => {
  const bundle = fixture(SYNTHETIC);
  const doc = JSON.parse(bundle.toString('utf8'));
  const key = doc.registry_keys[0];
  const pinned = trustloop.verifyBundle(bundle, { trustedKeys: { [key.key_id]: key.public_key } });
  assert.equal(pinned.status, 'ok');
  assert.ok(pinned.checks.some((c) => c.name === 'bundle_registry_key_trusted' && c.status === 'pass'));
  const other = trustloop.keygen('anip-registry-dev-ed25519-v1');
  const wrong = trustloop.verifyBundle(bundle, { trustedKeys: { [key.key_id]: other.public_key } });
  assert.equal(wrong.status, 'failed');
  assert.ok(wrong.checks.some((c) => c.name === 'bundle_registry_key_trusted' && c.status === 'fail'));
});

test('lock may be a Buffer or a string; writeLock round-trips', needsFixtures, () => {
  const bundle = fixture(SYNTHETIC);
  const lock = fixture(SYNTHETIC_LOCK);
  for (const form of [lock, lock.toString('utf8')]) {
    const r = trustloop.verifyBundle(bundle, { lock: form });
    assert.equal(r.status, 'ok');
    assert.ok(r.checks.some((c) => c.name === 'package_lock_matches' && c.status === 'pass'));
  }
  const written = trustloop.writeLock(bundle);
  assert.ok(written instanceof Uint8Array);
  assert.equal(Buffer.from(written).toString('utf8'), lock.toString('utf8'));
});

// The WASM result must be the CLI's `--json` document, byte for byte once printed
// the same way. Needs the CLI binary (the suite script builds it).
const cli = process.env.TRUSTLOOP_CLI || join(process.env.CARGO_TARGET_DIR || join(REPO_ROOT, 'target'), 'debug', 'trustloop');
const cliSkip = !haveFixtures ? 'NOT RUN: fixtures folder missing' : !existsSync(cli) ? `NOT RUN: CLI not built (${cli})` : false;
if (cliSkip && existsSync(FIXTURES)) console.log(`${cliSkip}: CLI comparison`);
test('same result as `trustloop anip verify --json`', { skip: cliSkip }, () => {
  const bundles = [
    SYNTHETIC,
    'anip/derived/tampered-manifest-readme.anip-package.json',
    'anip/derived/tampered-receipt-signature.anip-package.json',
    'anip/derived/missing-registry-key.anip-package.json',
    'anip/gtm-pipeline-q2-review-0.4.5.anip-package.json',
  ];
  for (const b of bundles) {
    const path = join(FIXTURES, b);
    let out;
    try {
      out = execFileSync(cli, ['anip', 'verify', '--package-bundle', path, '--json'], { encoding: 'utf8' });
    } catch (e) {
      assert.equal(e.status, 2, `${b}: CLI exit ${e.status}: ${e.stderr}`);
      out = e.stdout;
      assert.ok(out, `${b}: CLI exit 2 without a result (stale binary ${cli}?): ${e.stderr}`);
    }
    const wasm = trustloop.verifyBundle(readFileSync(path), { recordPath: path });
    assert.equal(JSON.stringify(wasm), JSON.stringify(JSON.parse(out)), b);
  }
  // Hard errors: the same message as the CLI's stderr.
  const legacy = join(FIXTURES, 'anip/gtm-pipeline-q2-review-0.4.4.anip-package.json');
  let stderr = '';
  try {
    execFileSync(cli, ['anip', 'verify', '--package-bundle', legacy, '--json'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.equal(e.status, 1);
    stderr = e.stderr;
  }
  const e = thrown(() => trustloop.verifyBundle(readFileSync(legacy)));
  assert.equal(`${e.message}\n`, stderr);
});

test('an operation without an export of its own is derived from its table row', () => {
  const row = (js) => trustloop.operations().find((o) => o.js === js);
  const canonicalize = trustloop._derived(row('canonicalize'));
  assert.deepEqual(Buffer.from(canonicalize('{"b":1,"a":2}', 'jcs')), Buffer.from(trustloop.canonicalize('{"b":1,"a":2}', 'jcs')));
  const verify = trustloop._derived(row('verifyBundle'));
  const e = thrown(() => verify('{}', { nope: 1 }));
  assert.ok(e instanceof trustloop.TrustloopError);
  assert.equal(e.code, 'INVALID_OPTION');
  assert.equal(thrown(() => verify('not json')).exitCode, 1);
  const extract = trustloop._derived(row('assetsPa.extract'));
  assert.equal(thrown(() => extract(new Uint8Array(0), 1.5)).code, 'INVALID_ARGUMENT');
});

test('Node ESM gets the same module, every export named; init() is a no-op as the browser build\'s', async () => {
  const { PKG_NODE } = await import('./support/paths.mjs');
  const esm = await import(join(PKG_NODE, 'index.mjs'));
  for (const name of Object.keys(trustloop).filter((k) => k !== 'default')) assert.equal(esm[name], trustloop[name], name);
  assert.equal(esm.default, trustloop.default);
  assert.equal(await esm.default(), undefined);
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'trustloop-wasm');
  assert.deepEqual(manifest.exports['.'].node, { import: './node/index.mjs', require: './node/index.js' });
  assert.equal(manifest.exports['.'].browser, './web/index.js');
});

