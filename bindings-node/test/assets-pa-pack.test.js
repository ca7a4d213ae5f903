'use strict'
// assetsPa.pack: an asset project directory packed like `trustloop assets-pa pack`
// (staging then promotion, symlinks refused).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { assetsPa, TrustloopError } = require('..')
const { ROOT, missing, cliJson, scratch } = require('./support/env')

const EXAMPLE = path.join(ROOT, 'examples', 'assets-pa')

function copy (t, name) {
  const d = path.join(scratch(t), name)
  fs.cpSync(EXAMPLE, d, { recursive: true, filter: (src) => path.basename(src) !== 'build' })
  return d
}

/** The report with artifact paths relative to the output directory. */
function portable (report, outDir) {
  const r = structuredClone(report)
  const prefix = outDir + '/'
  for (const a of r.artifacts) {
    assert.ok(a.path.startsWith(prefix), a.path)
    a.path = a.path.slice(prefix.length)
  }
  r.artifact_sha256 = Object.fromEntries(Object.entries(r.artifact_sha256).map(([k, v]) => [k.slice(prefix.length), v]))
  return r
}

function readDir (d) {
  return Object.fromEntries(fs.readdirSync(d).sort().map((n) => [n, fs.readFileSync(path.join(d, n))]))
}

function walk (root, rel = '') {
  const out = {}
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) Object.assign(out, walk(root, r))
    else if (e.isFile()) out[r] = fs.readFileSync(path.join(root, r))
  }
  return out
}

test('pack matches the CLI byte for byte', (t) => {
  if (missing({ cli: true })) return t.skip('CLI missing')
  const ours = copy(t, 'ours')
  const theirs = copy(t, 'theirs')
  const inputs = walk(ours)
  const report = assetsPa.pack(ours)
  assert.equal(report.ok, true, JSON.stringify(report.diagnostics))
  const expected = cliJson(['assets-pa', 'pack', theirs])
  assert.equal(expected.ok, true)
  assert.deepStrictEqual(portable(report, path.join(ours, 'build')), portable(expected, path.join(theirs, 'build')))
  const a = readDir(path.join(ours, 'build'))
  const b = readDir(path.join(theirs, 'build'))
  assert.deepStrictEqual(Object.keys(a), Object.keys(b))
  for (const n of Object.keys(a)) assert.ok(a[n].equals(b[n]), n)
  assert.deepStrictEqual(fs.readdirSync(ours).filter((n) => n.includes('.staging')), [])
  assert.equal(assetsPa.verify(a['assets.pa']).ok, true)
  const mem = assetsPa.packFiles(inputs)
  assert.ok(mem.files['build/assets.pa'].equals(a['assets.pa']))
})

test('outDir', (t) => {
  const project = copy(t, 'p')
  const out = path.join(scratch(t), 'elsewhere', 'out')
  const report = assetsPa.pack(project, { outDir: out })
  assert.equal(report.ok, true)
  assert.ok(fs.existsSync(path.join(out, 'assets.pa')))
  assert.equal(report.artifacts[0].path, path.join(out, 'assets.pa'))
  assert.ok(!fs.existsSync(path.join(project, 'build')))
})

test('a failing project leaves the existing output untouched', (t) => {
  if (missing({ cli: true })) return t.skip('CLI missing')
  const project = copy(t, 'p')
  assert.equal(assetsPa.pack(project).ok, true)
  const build = path.join(project, 'build')
  const before = readDir(build)
  fs.writeFileSync(path.join(build, 'keep.txt'), 'mine')
  const index = path.join(project, 'assets', '.prometeu', 'index.json')
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('"schema_version": 1', '"schema_version": 99'))
  const report = assetsPa.pack(project)
  assert.equal(report.ok, false)
  assert.ok(report.diagnostics.length > 0)
  assert.deepStrictEqual(report.artifacts, [])
  assert.deepStrictEqual(report, cliJson(['assets-pa', 'pack', project]))
  assert.deepStrictEqual(readDir(build), { ...before, 'keep.txt': Buffer.from('mine') })
  assert.deepStrictEqual(fs.readdirSync(project).filter((n) => n.includes('.staging')), [])
})

test('symlinked inputs are refused', (t) => {
  const project = copy(t, 'p')
  const secret = path.join(scratch(t), 'secret.json')
  fs.writeFileSync(secret, '{}')
  const palettes = path.join(project, 'assets', 'ui', 'font', 'palettes.json')
  fs.rmSync(palettes)
  fs.symlinkSync(secret, palettes)
  const report = assetsPa.pack(project)
  assert.equal(report.ok, false)
  assert.ok(report.codes.includes('PA_PROJECT_IO'), report.codes.join(','))
  assert.ok(!fs.existsSync(path.join(project, 'build')))
})

test('not a directory', (t) => {
  const d = scratch(t)
  let caught
  try { assetsPa.pack(path.join(d, 'missing')) } catch (e) { caught = e }
  assert.ok(caught instanceof TrustloopError)
  assert.equal(caught.code, 'PA_PROJECT_IO')
  const f = path.join(d, 'file')
  fs.writeFileSync(f, 'x')
  caught = undefined
  try { assetsPa.pack(f) } catch (e) { caught = e }
  assert.equal(caught.message, `${f} is not a directory`)
  assert.throws(() => assetsPa.pack(Buffer.from('/tmp')), TypeError)
  assert.throws(() => assetsPa.pack(d, { out: 'x' }), TypeError)
})
