// The verify-only entry `trustloop-wasm/verify` (build.sh: the crate without its `full`
// feature, pkg/verify/) against the full entry `trustloop-wasm`, both resolved through
// the package's `exports` as an application resolves them: the same bundles give
// byte-identical results and errors, and the families it leaves out are absent — not in
// its module, its table, its entries or its types — rather than stubs that throw.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { FIXTURES, PKG, REPO_ROOT, fixturesPresent, reportMissingFixtures } from './support/paths.mjs';

// An application folder with the package installed (a symlink), so `exports` decides.
const app = mkdtempSync(join(tmpdir(), 'trustloop-wasm-verify-'));
after(() => rmSync(app, { recursive: true, force: true }));
mkdirSync(join(app, 'node_modules'));
symlinkSync(PKG, join(app, 'node_modules', 'trustloop-wasm'), 'dir');
const requireFromApp = createRequire(join(app, 'app.js'));
const full = requireFromApp('trustloop-wasm');
const verify = requireFromApp('trustloop-wasm/verify');

const haveFixtures = fixturesPresent();
const needsFixtures = haveFixtures ? {} : { skip: 'NOT RUN: fixtures folder missing' };
if (!haveFixtures && reportMissingFixtures(1, 'fixture-based verify-entry tests')) {
  test('fixtures folder present', () => assert.fail('CI=true and the fixtures folder is missing'));
}

/** What a call gives, as bytes: its result, or the error a caller sees. */
function outcome(fn, ...args) {
  try {
    const result = fn(...args);
    return result instanceof Uint8Array ? `bytes:${Buffer.from(result).toString('hex')}` : `result:${JSON.stringify(result)}`;
  } catch (e) {
    const { name, code, message, findings, exitCode } = e;
    return `error:${e.constructor.name}:${JSON.stringify({ name, code, message, findings, exitCode })}`;
  }
}

/** Both entries give the same bytes for `name(...args)`; returns the full entry's. */
function same(name, ...args) {
  const want = outcome(full[name], ...args);
  assert.equal(outcome(verify[name], ...args), want, name);
  return want;
}

// Inputs made from the repository's example with the full entry: a valid bundle signed
// by the development key, one signed by a fresh key, and tampered copies of both.
const definition = readFileSync(join(REPO_ROOT, 'examples', 'anip', 'order-desk-service-definition.json'));
const bundleOf = (files) => Buffer.from(Object.entries(files).find(([n]) => n.endsWith('.anip-package.json'))[1]);
const valid = bundleOf(full.buildLocal(definition, { packageId: 'order-desk', packageVersion: '1.0.0' }));
const key = full.keygen('verify-entry-test');
const signed = bundleOf(
  full.buildLocal(definition, { packageId: 'order-desk', packageVersion: '1.0.1', signingKey: key.private_key_seed, signingKeyId: key.key_id }),
);
const tamper = (bundle) => {
  const doc = JSON.parse(bundle);
  doc.manifest.package_version = '9.9.9';
  return Buffer.from(JSON.stringify(doc));
};
const lock = full.writeLock(valid);
const trusted = { trustedKeys: { [key.key_id]: key.public_key } };

test('both entries resolve through `exports`, each to its own module', () => {
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.exports), ['.', './verify', './package.json']);
  assert.deepEqual(manifest.exports['./verify'], {
    types: './verify/index.d.ts',
    browser: './verify/web/index.js',
    node: { import: './verify/node/index.mjs', require: './verify/node/index.js' },
    import: './verify/web/index.js',
    require: './verify/node/index.js',
    default: './verify/web/index.js',
  });
  assert.equal(requireFromApp.resolve('trustloop-wasm/verify'), join(PKG, 'verify', 'node', 'index.js'));
  assert.notEqual(verify.verifyBundle, full.verifyBundle);
  assert.equal(verify.version, full.version);
});

test('the ES module views of both entries are their CommonJS modules', async () => {
  writeFileSync(join(app, 'probe.mjs'), "export * as full from 'trustloop-wasm';\nexport * as verify from 'trustloop-wasm/verify';\n");
  const probe = await import(join(app, 'probe.mjs'));
  for (const name of Object.keys(verify).filter((k) => k !== 'default')) assert.equal(probe.verify[name], verify[name], name);
  assert.equal(probe.full.verifyBundle, full.verifyBundle);
});

test('the same bundles verify to byte-identical results: valid, tampered, not JSON', () => {
  const options = [undefined, { extendedReport: true }, { recordPath: 'order-desk.anip-package.json' }, { lock }, { legacy: true }];
  for (const bundle of [valid, tamper(valid), signed, tamper(signed), Buffer.from('not json'), Buffer.from('{}'), '[']) {
    for (const opts of options) same('verifyBundle', bundle, opts);
    same('verifyBundle', bundle, trusted);
  }
  assert.match(same('verifyBundle', valid), /"status":"ok"/);
  assert.match(same('verifyBundle', tamper(valid)), /"status":"failed"/);
  assert.match(same('verifyBundle', signed, trusted), /"receipt_trust":/);
  assert.match(same('verifyBundle', Buffer.from('not json')), /^error:TrustloopError:.*"code":"JSON_SYNTAX".*"exitCode":1/);
  assert.match(same('verifyBundle', valid, { expectedContractSignatur: 'x' }), /"code":"INVALID_OPTION"/);
  same('verifyDefinition', definition);
  same('verifyDefinition', Buffer.from('not json'));
  same('verifyMany', [valid, tamper(valid), Buffer.from('not json'), signed], { extendedReport: true });
});

test('upstream fixtures verify to byte-identical results', needsFixtures, () => {
  const fixture = (p) => readFileSync(join(FIXTURES, 'anip', 'derived', p));
  const lockFile = fixture('current-runtime-compat-0.1.0.anip.lock.json');
  for (const name of [
    'current-runtime-compat-0.1.0.anip-package.json',
    'tampered-manifest-readme.anip-package.json',
    'tampered-receipt-signature.anip-package.json',
    'tampered-service-definition.anip-package.json',
    'missing-registry-key.anip-package.json',
  ]) {
    same('verifyBundle', fixture(name));
    same('verifyBundle', fixture(name), { lock: lockFile, extendedReport: true });
  }
});

test('the web builds of both entries give the same bytes, derived operations included', async () => {
  for (const sub of ['web', join('verify', 'web')]) {
    const web = await import(join(PKG, sub, 'index.js'));
    web.initSync({ module: readFileSync(join(PKG, sub, 'trustloop_bg.wasm')) });
    assert.equal(web.version, full.version);
    for (const bundle of [valid, tamper(valid), Buffer.from('not json')]) {
      assert.equal(outcome(web.verifyBundle, bundle, { extendedReport: true }), outcome(full.verifyBundle, bundle, { extendedReport: true }), sub);
    }
    // verifyMany and exitCode have no export of their own: derived from the build's table.
    assert.equal(outcome(web.verifyMany, [valid, Buffer.from('[')]), outcome(full.verifyMany, [valid, Buffer.from('[')]), sub);
    assert.equal(web.exitCode(full.verifyBundle(tamper(valid))), 2);
  }
});

test('the rest of the subset gives the same bytes too', () => {
  const result = full.verifyBundle(tamper(valid));
  same('exitCode', result);
  same('exitCode', null);
  same('trustStore', JSON.stringify({ keys: [{ key_id: key.key_id, algorithm: 'ed25519', public_key: key.public_key }] }));
  same('trustStore', 'not json');
  for (const mode of [undefined, 'digest', 'signature', 'jcs', 'nope']) same('canonicalize', '{"b":[1.0,2e0],"a":"\\u00e9"}', mode);
  same('digest', valid);
  same('registryApiBase', 'https://registry.example');
  same('registryUrls', 'https://registry.example', 'order-desk@1.0.0', true);
  same('registryUrls', 'https://registry.example', 'no-version');
  same('limits');
  same('verifyRegistryResponses', { packageUrl: 'https://r.example/registry-api/v1/packages/a/1', download: '{}', receipt: '{}', keys: '{}' });
  assert.equal(
    JSON.stringify(verify.operations()),
    JSON.stringify(full.operations().filter((o) => verify.operations().some((v) => v.flat === o.flat))),
  );
});

// What the verify-only entry leaves out: every family but ANIP verify, lock writing,
// build-local, keys and the code table.
const LEFT_OUT = [
  'anpkg', 'assetsPa', 'buildLocal', 'keygen', 'writeLock', 'writeLockRegistry', 'writeLockRegistryResponses',
  'treeDigest', 'treeDigestMany', 'treeCombine', 'bundleReport', 'bundleMaterials', 'refCheck',
  'attachImplementation', 'lint', 'entriesFromFiles', 'codes',
];
const WASM_LEFT_OUT = ['anpkgValidate', 'assetsPaRead', 'buildLocal', 'keygen', 'writeLock', 'treeDigest', 'lint', 'codes'];

test('the families the verify-only entry lacks are absent, not stubs', () => {
  for (const name of LEFT_OUT) {
    assert.ok(name in full, `the full entry has ${name}`);
    assert.ok(!(name in verify), `trustloop-wasm/verify has ${name}`);
  }
  // Its table is the core's ANIP verify subset, every row an export of its own name.
  const rows = verify.operations();
  assert.deepEqual(
    rows.map((r) => r.flat),
    ['limits', 'set_limit', 'reset_limits', 'canonicalize', 'digest', 'verify_bundle', 'verify_definition', 'verify_registry', 'verify_registry_responses', 'trust_store', 'registry_target', 'exit_code', 'verify_many'],
  );
  for (const row of rows.filter((r) => r.hosts.wasm)) assert.equal(typeof verify[row.js], 'function', row.js);
  // Its module exports none of their functions, and its wasm has none of their code.
  const core = createRequire(import.meta.url)(join(PKG, 'verify', 'node', 'trustloop.js'));
  const fullCore = createRequire(import.meta.url)(join(PKG, 'node', 'trustloop.js'));
  for (const name of WASM_LEFT_OUT) {
    assert.equal(typeof fullCore[name], 'function', name);
    assert.equal(core[name], undefined, name);
  }
  const exportsOf = (p) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(p))).map((e) => e.name);
  const wasmExports = exportsOf(join(PKG, 'verify', 'web', 'trustloop_bg.wasm'));
  assert.ok(wasmExports.includes('verifyBundle'));
  for (const name of WASM_LEFT_OUT) assert.ok(!wasmExports.includes(name), name);
  // An operation it lacks, asked for by name, is refused by the module itself.
  assert.throws(() => core.call('anpkg_validate', []), (e) => e.code === 'UNSUPPORTED_OPERATION');
  assert.throws(() => core.call('lint', [valid]), (e) => e.code === 'UNSUPPORTED_OPERATION');
});

test('the verify-only web entry and types list the subset only', () => {
  const webNames = (p) => readFileSync(p, 'utf8').split('export const {')[1].match(/^  (\w+),$/gm).map((l) => l.trim().slice(0, -1));
  const web = webNames(join(PKG, 'verify', 'web', 'index.js'));
  assert.deepEqual([...web].sort(), Object.keys(verify).filter((k) => !['default', 'initSync', 'version', '_derived'].includes(k)).sort());
  const dts = readFileSync(join(PKG, 'verify', 'index.d.ts'), 'utf8');
  for (const name of web) assert.match(dts, new RegExp(`^export declare (const|function|class) ${name}\\b`, 'm'), name);
  for (const name of LEFT_OUT) assert.doesNotMatch(dts, new RegExp(`^export declare (const|function) ${name}\\b`, 'm'), name);
  assert.match(dts, /from '\.\/web\/trustloop\.js'/);
  assert.doesNotMatch(readFileSync(join(PKG, 'verify', 'web', 'trustloop.d.ts'), 'utf8'), /BuildLocalOptions|AnpkgValidateOptions|CodeInfo/);
});

test('the verify-only module is within its gzip budget (200 KB) and smaller than the full one', () => {
  const gz = (p) => gzipSync(readFileSync(p), { level: 9 }).length;
  const small = gz(join(PKG, 'verify', 'web', 'trustloop_bg.wasm'));
  assert.ok(small <= 200_000, `verify-only module: ${small} bytes gzip`);
  assert.ok(small < gz(join(PKG, 'web', 'trustloop_bg.wasm')) / 2);
  const sizes = readFileSync(join(REPO_ROOT, 'bindings-wasm', 'pkg-sizes.txt'), 'utf8');
  assert.match(sizes, /^full \(trustloop-wasm\): .*gzip \(zlib -9\) \d+ bytes/m);
  const printed = sizes.match(/^verify-only \(trustloop-wasm\/verify\): .*gzip \(zlib -9\) (\d+) bytes \(budget 200000: within\)/m);
  assert.ok(printed, sizes);
  // The build checks the budget by the same measure as this test.
  assert.equal(Number(printed[1]), small);
});
