'use strict'
// anpkg: validate (archive bytes, zip file, extracted directory, replay) and export,
// against the fixture packages and the trustloop CLI's --json output.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { pathToFileURL } = require('node:url')

const { anpkg, TrustloopError } = require('..')
const { ROOT, FIXTURES, missing, cliJson, cli, scratch, unzip, script } = require('./support/env')

const PACKAGE_DIR = path.join(FIXTURES, 'anpkg', 'packages')
// Every fixture package (a placeholder that skips/fails loudly when the folder is missing).
const PACKAGES = fs.existsSync(PACKAGE_DIR)
  ? fs.readdirSync(PACKAGE_DIR).filter((n) => n.endsWith('.anpkg')).map((n) => n.slice(0, -'.anpkg'.length)).sort()
  : ['(fixtures missing)']
const pkgPath = (name) => path.join(FIXTURES, 'anpkg', 'packages', `${name}.anpkg`)
const needs = { fixtures: 'anpkg', cli: true }

function throwsCode (fn, code) {
  let caught
  try { fn() } catch (e) { caught = e }
  assert.ok(caught instanceof TrustloopError, `expected TrustloopError, got ${caught}`)
  assert.equal(caught.code, code, caught.message)
  return caught
}

// ------------------------------------------------------------------ validate

for (const name of PACKAGES) {
  test(`validate ${name}: archive, bytes and extracted directory agree with the CLI`, (t) => {
    if (missing(needs)) return t.skip('prerequisites missing')
    const archive = pkgPath(name)
    const expected = cliJson(['anpkg', 'validate', archive])
    assert.equal(expected.valid, true)
    assert.deepStrictEqual(anpkg.validate(archive), expected)
    assert.deepStrictEqual(anpkg.validate(pathToFileURL(archive)), expected)
    assert.deepStrictEqual(anpkg.validate(fs.readFileSync(archive), { name: fs.realpathSync(archive) }), expected)
    const dir = unzip(archive, path.join(scratch(t), name))
    const expectedDir = cliJson(['anpkg', 'validate', dir])
    assert.equal(expectedDir.valid, true)
    assert.deepStrictEqual(anpkg.validate(dir), expectedDir)
    assert.equal(expectedDir.message, `Package validation passed: ${dir}`)
  })
}

test('every fixture package is covered', (t) => {
  if (missing({ fixtures: 'anpkg/packages' })) return t.skip('fixtures missing')
  assert.ok(PACKAGES.length >= 3, PACKAGES.join(','))
})

/** sim-quickstart extracted, with a secret-like token added and checksums left stale. */
function mutated (t) {
  const dir = unzip(pkgPath('sim-quickstart'), path.join(scratch(t), 'mutated'))
  const providers = path.join(dir, 'providers')
  const file = path.join(providers, fs.readdirSync(providers).find((n) => n.endsWith('.yaml')))
  fs.appendFileSync(file, 'api_token: x\n')
  return dir
}

test('validate failures agree with the CLI', (t) => {
  if (missing(needs)) return t.skip('prerequisites missing')
  const dir = mutated(t)
  for (const all of [false, true]) {
    const expected = cliJson(['anpkg', 'validate', dir, ...(all ? ['--all'] : [])])
    const got = anpkg.validate(dir, { all })
    assert.deepStrictEqual(got, expected)
    assert.equal(got.valid, false)
    assert.ok(got.code && got.findings.length > 0)
  }
  const d = scratch(t)
  const nope = path.join(d, 'nope.anpkg')
  assert.deepStrictEqual(anpkg.validate(nope), cliJson(['anpkg', 'validate', nope]))
  const garbage = path.join(d, 'garbage.anpkg')
  fs.writeFileSync(garbage, 'not a zip')
  assert.deepStrictEqual(anpkg.validate(garbage), cliJson(['anpkg', 'validate', garbage]))
  assert.equal(anpkg.validate(Buffer.from('not a zip')).message, 'Validation failed: File is not a zip file')
  assert.equal(anpkg.validate(Buffer.from('not a zip'), { name: 'x.txt' }).message, 'Validation failed: Unsupported package format: x.txt')
})

test('validate limits and argument checks', (t) => {
  if (missing({ fixtures: 'anpkg' })) return t.skip('fixtures missing')
  const data = fs.readFileSync(pkgPath('sim-quickstart'))
  const r = anpkg.validate(data, { maxEntries: 2 })
  assert.equal(r.valid, false)
  assert.equal(r.code, 'ANPKG_ZIP_TOO_MANY_ENTRIES')
  assert.throws(() => anpkg.validate(data, { maxEntries: -1 }), TypeError)
  assert.throws(() => anpkg.validate(data, { timeoutSeconds: 0 }), TypeError)
  assert.throws(() => anpkg.validate(data, { all: 'yes' }), TypeError)
  assert.throws(() => anpkg.validate(data, { timeout: 5 }), TypeError)
  assert.throws(() => anpkg.validate('/tmp', { name: 'x.anpkg' }), TypeError)
  assert.throws(() => anpkg.validate(42), TypeError)
})

// ------------------------------------------------------------------ replay

const CHECKING_RUNTIME = `\
# Fails unless called as the reference calls it: from the package root, with
# --check-config <config>, without the workbench's secrets in the environment.
[ "$1" = "--check-config" ] || { echo "bad args: $*" >&2; exit 3; }
[ -f "$2" ] || { echo "config $2 not found from $(pwd)" >&2; exit 4; }
[ -z "\${ANOLIS_WORKBENCH_RUNTIME_TOKEN+x}" ] || { echo "token leaked" >&2; exit 5; }
[ -z "\${CREDENTIALS_DIRECTORY+x}" ] || { echo "credentials leaked" >&2; exit 6; }
[ "$TRUSTLOOP_TEST_KEPT" = "kept" ] || { echo "environment dropped" >&2; exit 7; }
[ -z "\${TRUSTLOOP_TEST_DROPPED+x}" ] || { echo "environment not from the allowlist" >&2; exit 8; }
echo "config ok"
exit 0
`

test('replay passes, from the package root, with a scrubbed environment', (t) => {
  if (missing(needs)) return t.skip('prerequisites missing')
  const saved = { ...process.env }
  t.after(() => {
    for (const k of ['ANOLIS_WORKBENCH_RUNTIME_TOKEN', 'CREDENTIALS_DIRECTORY', 'TRUSTLOOP_TEST_KEPT', 'TRUSTLOOP_TEST_DROPPED']) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  })
  process.env.ANOLIS_WORKBENCH_RUNTIME_TOKEN = 'secret-token'
  process.env.CREDENTIALS_DIRECTORY = '/run/credentials/x'
  process.env.TRUSTLOOP_TEST_KEPT = 'kept'
  process.env.TRUSTLOOP_TEST_DROPPED = 'dropped'
  const d = scratch(t)
  const runtime = script(path.join(d, 'runtime-ok'), CHECKING_RUNTIME)
  const archive = pkgPath('sim-quickstart')
  for (const target of [archive, fs.readFileSync(archive), unzip(archive, path.join(d, 'pkg'))]) {
    const r = anpkg.validate(target, { runtimeBin: runtime, replayEnv: ['TRUSTLOOP_TEST_KEPT'] })
    assert.equal(r.valid, true, r.message)
    assert.deepStrictEqual(r.replay, { status: 'passed', config: 'runtime/anolis-runtime.yaml' })
  }
  // Only the allowlist (and the names given) reach the runtime.
  assert.equal(anpkg.validate(archive, { runtimeBin: runtime }).code, 'ANPKG_REPLAY_FAILED')
  assert.throws(() => anpkg.validate(archive, { runtimeBin: runtime, replayEnv: 'TRUSTLOOP_TEST_KEPT' }), TypeError)
  assert.deepStrictEqual(
    anpkg.validate(archive, { runtimeBin: runtime, replayEnv: ['TRUSTLOOP_TEST_KEPT'] }),
    cliJson(['anpkg', 'validate', archive, '--runtime-bin', runtime, '--replay-env', 'TRUSTLOOP_TEST_KEPT'])
  )
})

test('replay failure reports the runtime output', (t) => {
  if (missing(needs)) return t.skip('prerequisites missing')
  const d = scratch(t)
  const archive = pkgPath('sim-quickstart')
  const runtime = script(path.join(d, 'runtime-fail'), 'echo "on stdout"\necho "  bad provider config  " >&2\nexit 1\n')
  const r = anpkg.validate(archive, { runtimeBin: runtime })
  assert.equal(r.valid, false)
  assert.equal(r.replay.status, 'failed')
  assert.equal(r.code, 'ANPKG_REPLAY_FAILED')
  assert.equal(r.message, 'Validation failed: Runtime replay check failed for runtime/anolis-runtime.yaml: bad provider config')
  assert.deepStrictEqual(r, cliJson(['anpkg', 'validate', archive, '--runtime-bin', runtime]))
  const quiet = script(path.join(d, 'runtime-quiet'), 'exit 9\n')
  assert.ok(anpkg.validate(archive, { runtimeBin: quiet }).message.endsWith(': exit 9'))
})

test('replay timeout kills the runtime', (t) => {
  if (missing(needs)) return t.skip('prerequisites missing')
  const archive = pkgPath('sim-quickstart')
  const runtime = script(path.join(scratch(t), 'runtime-hangs'), 'exec sleep 30\n')
  const r = anpkg.validate(archive, { runtimeBin: runtime, timeoutSeconds: 1 })
  assert.equal(r.valid, false)
  assert.equal(r.replay.status, 'failed')
  assert.equal(r.code, 'ANPKG_REPLAY_TIMEOUT')
  assert.equal(r.message, 'Validation failed: Runtime replay check timed out for runtime/anolis-runtime.yaml after 1 s')
  assert.deepStrictEqual(r, cliJson(['anpkg', 'validate', archive, '--runtime-bin', runtime, '--timeout', '1']))
})

test('replay: missing binary, and skipped after a static failure', (t) => {
  if (missing({ fixtures: 'anpkg' })) return t.skip('fixtures missing')
  const d = scratch(t)
  const archive = pkgPath('sim-quickstart')
  const r = anpkg.validate(archive, { runtimeBin: path.join(d, 'no-such-runtime') })
  assert.equal(r.code, 'ANPKG_RUNTIME_BIN_NOT_FOUND')
  assert.equal(r.replay.status, 'failed')
  const marker = path.join(d, 'started')
  const runtime = script(path.join(d, 'runtime-marks'), `touch "${marker}"\nexit 0\n`)
  assert.equal(anpkg.validate(mutated(t), { runtimeBin: runtime }).replay.status, 'skipped')
  assert.ok(!fs.existsSync(marker))
  assert.deepStrictEqual(anpkg.validate(archive).replay, { status: 'not_requested', config: 'runtime/anolis-runtime.yaml' })
})

// ------------------------------------------------------------------ export

/** The fixture inputs placed at `<data root>/systems/<name>`. */
function project (t, name) {
  const d = path.join(scratch(t), 'data', 'systems', name)
  fs.cpSync(path.join(FIXTURES, 'anpkg', 'inputs', name), d, { recursive: true })
  return d
}

function appendixA (t) {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'bindings-python', 'tests', 'data', 'anpkg-appendix-a.json'), 'utf8'))
  const d = path.join(scratch(t), 'data', 'systems', doc.project)
  for (const [rel, text] of Object.entries(doc.files)) {
    fs.mkdirSync(path.dirname(path.join(d, rel)), { recursive: true })
    fs.writeFileSync(path.join(d, rel), text, 'utf8')
  }
  return d
}

test('export sim-quickstart is byte-identical to the fixture package', (t) => {
  if (missing({ fixtures: 'anpkg' })) return t.skip('fixtures missing')
  const out = anpkg.export(project(t, 'sim-quickstart'))
  assert.ok(Buffer.isBuffer(out))
  assert.ok(out.equals(fs.readFileSync(pkgPath('sim-quickstart'))))
})

test('export imported-profile (with the two stub variants) is byte-identical', (t) => {
  if (missing({ fixtures: 'anpkg' })) return t.skip('fixtures missing')
  const d = project(t, 'imported-profile')
  assert.deepStrictEqual(anpkg.exportReport(d).omitted_variants, ['automation'])
  for (const v of ['telemetry', 'full']) fs.writeFileSync(path.join(d, 'config', `anolis-runtime.bioreactor.${v}.yaml`), '{}')
  assert.ok(anpkg.export(d).equals(fs.readFileSync(pkgPath('imported-profile'))))
})

test('export of the spec Appendix A project is byte-identical to export-behavior', (t) => {
  if (missing({ fixtures: 'anpkg' })) return t.skip('fixtures missing')
  const d = appendixA(t)
  assert.ok(anpkg.export(d).equals(fs.readFileSync(pkgPath('export-behavior'))))
  const report = anpkg.exportReport(d)
  assert.equal(report.token_removed, true)
  assert.equal(report.exported_at, '2026-04-16T19:01:02Z')
})

for (const name of ['sim-quickstart', 'imported-profile']) {
  test(`export ${name} writes atomically, like the CLI`, (t) => {
    if (missing(needs)) return t.skip('prerequisites missing')
    const d = project(t, name)
    const base = scratch(t)
    const ours = path.join(base, 'out', 'a', `${name}.anpkg`)
    const theirs = path.join(base, 'cli', `${name}.anpkg`)
    const pkg = anpkg.export(d, { output: ours })
    assert.ok(fs.readFileSync(ours).equals(pkg))
    assert.ok(!fs.existsSync(ours + '.tmp'))
    const report = anpkg.exportReport(d, { output: ours })
    const expected = cliJson(['anpkg', 'export', d, theirs])
    assert.ok(fs.readFileSync(theirs).equals(pkg))
    assert.equal(report.path, ours)
    assert.equal(expected.path, theirs)
    delete report.path
    delete expected.path
    assert.deepStrictEqual(report, expected)
    assert.equal(anpkg.validate(pkg).valid, true)
  })
}

test('export errors carry the upstream messages, as the CLI prints them', (t) => {
  if (missing({ cli: true })) return t.skip('CLI missing')
  const base = scratch(t)
  const empty = path.join(base, 'data', 'systems', 'empty')
  fs.mkdirSync(empty, { recursive: true })
  let caught
  try { anpkg.export(empty) } catch (e) { caught = e }
  assert.ok(caught instanceof TrustloopError)
  assert.ok(caught.code.startsWith('ANPKG_EXPORT_'), caught.code)
  const out = cli(['anpkg', 'export', empty, path.join(base, 'x.anpkg')])
  assert.equal(out.status, 1)
  assert.equal(out.stderr.toString().trim(), `ERROR: ${caught.message}`)
})

test('export refuses files outside the project and oversized files', (t) => {
  if (missing({ fixtures: 'anpkg' })) return t.skip('fixtures missing')
  const d = project(t, 'sim-quickstart')
  const outside = path.join(scratch(t), 'secret.yaml')
  fs.writeFileSync(outside, 'provider:\n  name: sim0\n')
  const provider = path.join(d, 'config', 'provider-sim.sim0.yaml')
  fs.rmSync(provider)
  fs.symlinkSync(outside, provider)
  throwsCode(() => anpkg.export(d), 'ANPKG_EXPORT_OUTSIDE_PROJECT')
  throwsCode(() => anpkg.export(project(t, 'sim-quickstart'), { maxFileSize: 100 }), 'ANPKG_EXPORT_FILE_TOO_LARGE')
  assert.throws(() => anpkg.export(Buffer.from('/tmp')), TypeError)
  assert.throws(() => anpkg.export('/tmp', { maxTotalSize: '1' }), TypeError)
  assert.throws(() => anpkg.export('/tmp', { nope: 1 }), TypeError)
})
