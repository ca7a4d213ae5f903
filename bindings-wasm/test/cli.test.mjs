// The WASM results of every family against the CLI's `--json` output on the same
// input, byte for byte once printed the same way: implementation material (refs,
// bundle digests and reports, materials, attach, lint), assets.pa (inspect, verify)
// and .anpkg (validate and export, on the upstream fixtures).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, test } from 'node:test';

import { trustloop } from './support/load.mjs';
import { FIXTURES, REPO_ROOT, fixturesPresent, reportMissingFixtures } from './support/paths.mjs';

const cli = process.env.TRUSTLOOP_CLI || join(process.env.CARGO_TARGET_DIR || join(REPO_ROOT, 'target'), 'debug', 'trustloop');
const haveCli = existsSync(cli);
if (!haveCli) console.log(`NOT RUN: CLI not built (${cli}): CLI agreement tests`);
const needsCli = haveCli ? {} : { skip: `NOT RUN: CLI not built (${cli})` };
const haveFixtures = fixturesPresent();
const needsBoth = !haveCli ? needsCli : haveFixtures ? {} : { skip: 'NOT RUN: fixtures folder missing' };
if (!haveFixtures && reportMissingFixtures(2, 'fixture-based .anpkg tests')) {
  test('fixtures folder present', () => assert.fail('CI=true and the fixtures folder is missing'));
}

/** Fresh temporary directories, removed when the file's tests end. */
const scratch = [];
const tempDir = (prefix) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
};
after(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

const repoFile = (p) => readFileSync(join(REPO_ROOT, p));
const same = (wasm, cliStdout, what) => assert.equal(JSON.stringify(wasm), JSON.stringify(JSON.parse(cliStdout)), what);

/** Runs the CLI; returns {code, stdout, stderr} whatever the exit code. */
function runCli(args) {
  try {
    return { code: 0, stdout: execFileSync(cli, args, { encoding: 'utf8', stdio: 'pipe' }), stderr: '' };
  } catch (e) {
    if (typeof e.status !== 'number') throw e;
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a TrustloopError');
}

/** Writes `entries` ([{path, text}]) below a fresh `<tmp>/<name>`; returns its path. */
function materialize(name, entries) {
  const root = join(tempDir('trustloop-wasm-cli-'), name);
  mkdirSync(root, { recursive: true });
  for (const e of entries) {
    mkdirSync(dirname(join(root, e.path)), { recursive: true });
    writeFileSync(join(root, e.path), e.text);
  }
  return root;
}

/** A directory as bundle entries, the way a host walks it. */
function readTree(root, dir = root, out = []) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, item.name);
    if (item.isDirectory()) readTree(root, p, out);
    else out.push({ path: relative(root, p).split('\\').join('/'), bytes: readFileSync(p) });
  }
  return out;
}

/** A hard error under `--json`: the CLI prints the thrown error's fields and its exit code on stdout. */
function sameError(e, out) {
  const printed = JSON.parse(out.stdout);
  assert.equal(e.code, printed.code);
  assert.equal(e.message, printed.message);
  assert.deepEqual(e.findings, printed.findings);
  assert.equal(e.exitCode, printed.exit_code);
  assert.equal(out.code, printed.exit_code);
}

const TREE_CASES = JSON.parse(repoFile('tests/vectors/anip-tree/tree.json')).cases;
const GLUE = TREE_CASES.find((c) => c.name === 'report-no-generated-project').options.entries;
/** The same tree without template placeholders in paths (the raw digest refuses those). */
const PLAIN = GLUE.filter((e) => !e.path.includes('{{'));
const GIT_REF = 'git+https://github.com/acme/demo-glue.git@0123456789abcdef0123456789abcdef01234567#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

test('anip ref check --json', needsCli, () => {
  const ok = 'registry://acme/work-item-glue@1.2.3#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
  same(trustloop.refCheck(ok), runCli(['anip', 'ref', 'check', ok, '--json']).stdout, ok);
  const bad = 'git+https://github.com/acme/glue.git@main';
  const out = runCli(['anip', 'ref', 'check', bad, '--json']);
  assert.notEqual(out.code, 0);
  sameError(thrown(() => trustloop.refCheck(bad)), out);
});

test('anip verify --json: upstream document by default, extended report and pinning on request', needsCli, () => {
  const path = join(REPO_ROOT, 'tests/examples/anip/order-desk-1.0.0.anip-package.json');
  const bytes = readFileSync(path);
  const key = 'NZ8bIweTW/SJ14NTpSOCV/ITzTL7TIJP/Sl0CPAQV14=';
  for (const [opts, flags] of [
    [{}, []],
    [{ extendedReport: true }, ['--extended-report']],
    [{ trustedKeys: { 'anip-registry-dev-ed25519-v1': key } }, ['--trusted-key', `anip-registry-dev-ed25519-v1=${key}`]],
  ]) {
    const out = runCli(['anip', 'verify', '--package-bundle', path, '--json', ...flags]);
    assert.equal(out.code, 0, out.stderr);
    same(trustloop.verifyBundle(bytes, { ...opts, recordPath: path }), out.stdout, JSON.stringify(flags));
  }
});

test('anip bundle digest --json, raw and applied', needsCli, () => {
  const plain = materialize('glue', [...PLAIN, { path: 'node_modules/x/index.js', text: 'ignored\n' }, { path: 'notes.txt', text: 'not selected\n' }]);
  same(trustloop.treeDigest(readTree(plain), { root: plain }), runCli(['anip', 'bundle', 'digest', plain, '--json']).stdout, 'raw');
  const root = materialize('glue', GLUE);
  const entries = readTree(root);
  // A template placeholder in a path: the raw digest refuses it, with the same message.
  const refused = runCli(['anip', 'bundle', 'digest', root, '--json']);
  assert.equal(refused.code, 1);
  sameError(thrown(() => trustloop.treeDigest(entries, { root })), refused);
  const applied = runCli(['anip', 'bundle', 'digest', root, '--json', '--applied', '--target', 'python', '--system-name', 'Demo Service', '--var', 'PYTHON_MODULE_NAME=demo_service']);
  assert.equal(applied.code, 0, applied.stderr);
  const wasm = trustloop.treeDigest(entries, { root, applied: true, target: 'python', systemName: 'Demo Service', vars: { PYTHON_MODULE_NAME: 'demo_service' } });
  same(wasm, applied.stdout, 'applied');
});

test('anip bundle report --json and anip bundle materials', needsCli, () => {
  const root = materialize('glue', GLUE);
  for (const bundle of ['tests/examples/anip-tree/demo-bundle.json', 'tests/examples/anip-tree/demo-bundle-unpinned-tree.json']) {
    const out = runCli(['anip', 'bundle', 'report', '--package-bundle', join(REPO_ROOT, bundle), '--custom-code-bundle', root, '--target', 'python', '--json']);
    assert.equal(out.code, 0, `${bundle}: ${out.stderr}`);
    same(trustloop.bundleReport(repoFile(bundle), readTree(root), { target: 'python', bundlePath: root }), out.stdout, bundle);
    const materials = runCli(['anip', 'bundle', 'materials', '--package-bundle', join(REPO_ROOT, bundle)]);
    same(trustloop.bundleMaterials(repoFile(bundle)), materials.stdout, `${bundle} materials`);
  }
  // A pinned digest the tree does not match: the same hard error.
  const pinned = 'tests/examples/anip-tree/demo-bundle-wrong-pin.json';
  const out = runCli(['anip', 'bundle', 'report', '--package-bundle', join(REPO_ROOT, pinned), '--custom-code-bundle', root, '--target', 'python', '--json']);
  assert.equal(out.code, 1);
  sameError(thrown(() => trustloop.bundleReport(repoFile(pinned), readTree(root), { target: 'python', bundlePath: root })), out);
});

test('anip attach-implementation (the publish request) and anip lint --json', needsCli, () => {
  const bundle = 'tests/examples/anip-material/full-bundle.json';
  const root = materialize('glue', PLAIN);
  const out = runCli(['anip', 'attach-implementation', '--package-bundle', join(REPO_ROOT, bundle), '--package-version', '1.1.0',
    '--custom-code-bundle-ref', GIT_REF, '--implementation-material-title', 'Demo glue', '--custom-code-bundle', root]);
  assert.equal(out.code, 0, out.stderr);
  const wasm = trustloop.attachImplementation(repoFile(bundle), {
    packageVersion: '1.1.0', customCodeBundleRef: GIT_REF, title: 'Demo glue', bundleRoot: root, entries: readTree(root),
  });
  same(wasm, out.stdout, 'attach');
  for (const b of [bundle, 'tests/examples/anip-tree/demo-bundle.json']) {
    const lint = JSON.parse(runCli(['anip', 'lint', '--package-bundle', join(REPO_ROOT, b), '--json']).stdout);
    // The CLI adds the file it read to each finding's location; bytes in memory have no file name.
    for (const f of lint.findings) {
      assert.equal(f.location.file, join(REPO_ROOT, b));
      delete f.location.file;
    }
    same(trustloop.lint(repoFile(b)), JSON.stringify(lint), `lint ${b}`);
  }
});

test('assets-pa inspect --json and verify --json', needsCli, () => {
  const spec = JSON.parse(repoFile('tests/vectors/assets-pa/glyph-bank.json')).cases.find((c) => c.expect.result_subset);
  const entry = { asset_id: 7, asset_name: 'ui', bank_type: 'GLYPH', glyph: JSON.parse(spec.input.text) };
  const archive = trustloop.assetsPa.write([entry], [7]);
  const dir = tempDir('trustloop-wasm-pa-');
  const good = join(dir, 'assets.pa');
  writeFileSync(good, archive);
  same(trustloop.assetsPa.read(archive), runCli(['assets-pa', 'inspect', good, '--json']).stdout, 'inspect');
  same(trustloop.assetsPa.verify(archive), runCli(['assets-pa', 'verify', good, '--json']).stdout, 'verify');
  const truncated = join(dir, 'truncated.pa');
  writeFileSync(truncated, archive.subarray(0, archive.length - 1));
  const out = runCli(['assets-pa', 'verify', truncated, '--json']);
  assert.equal(out.code, 2, 'an invalid archive is a failed check (docs/exit-codes.md)');
  const wasm = trustloop.assetsPa.verify(readFileSync(truncated));
  assert.equal(wasm.ok, false);
  // The CLI names the file in its findings; the in-memory reader has no file name.
  assert.deepEqual(wasm.codes, JSON.parse(out.stdout).codes);
  for (const name of ['asset_table.json', 'preload.json']) assert.ok(trustloop.assetsPa.companions(archive)[name] instanceof Uint8Array);
});

test('anpkg validate --json on the upstream packages', needsBoth, () => {
  for (const name of ['export-behavior', 'imported-profile', 'sim-quickstart']) {
    const path = join(FIXTURES, 'anpkg/packages', `${name}.anpkg`);
    const out = runCli(['anpkg', 'validate', path, '--json']);
    assert.equal(out.code, 0, out.stderr);
    // The CLI reports the resolved path (as anolis-validate does); give the in-memory call the same name.
    const wasm = trustloop.anpkg.validate(readFileSync(path), { path: realpathSync(path) });
    assert.equal(wasm.valid, true);
    same(wasm, out.stdout, name);
  }
});

test('anpkg export: byte-identical to the upstream package, same report as --json', needsBoth, () => {
  const project = join(FIXTURES, 'anpkg/inputs/sim-quickstart');
  const files = Object.fromEntries(readTree(project).map((e) => [e.path, e.bytes]));
  const expected = readFileSync(join(FIXTURES, 'anpkg/packages/sim-quickstart.anpkg'));
  const pkg = trustloop.anpkg.exportFiles(files, { projectName: 'sim-quickstart', projectDir: project }).package;
  assert.ok(Buffer.from(pkg).equals(expected), 'same bytes as anolis-package');
  const out = join(tempDir('trustloop-wasm-anpkg-'), 'sim-quickstart.anpkg');
  const run = runCli(['anpkg', 'export', project, out, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const { path, ...cliReport } = JSON.parse(run.stdout);
  assert.equal(path, out);
  const { package: bytes, report } = trustloop.anpkg.exportFiles(files, { projectName: 'sim-quickstart', projectDir: project });
  assert.ok(Buffer.from(bytes).equals(expected));
  assert.equal(JSON.stringify(report), JSON.stringify(cliReport));
  const validated = trustloop.anpkg.validate(bytes, { path: out, runtimeBin: '/usr/bin/anolis-runtime' });
  assert.equal(validated.valid, true);
  assert.equal(validated.replay.status, 'unavailable');
});
