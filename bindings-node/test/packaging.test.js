'use strict'
// The npm layout (napi-rs): `trustloop` loads a local trustloop.<platform>.node, else
// the platform package `@trustloop/<platform>`; its errors name what is missing; the
// platform packages carry os/cpu/libc and refuse to publish without their binary.
// (The packed tarballs themselves are installed and used by scripts/suites/55-packages.sh.)
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { scratch } = require('./support/env')
const { platformName } = require('../addon.js')
const { platforms } = require('../npm-dirs.js')
const main = require('../package.json')

const PKG = path.join(__dirname, '..')
const HOST = platformName()
const npmDirs = (...args) => spawnSync(process.execPath, [path.join(PKG, 'npm-dirs.js'), ...args], { encoding: 'utf8' })

/** A copy of the package as npm would install it (its `files`), without any .node. */
function installedCopy (root) {
  const dir = path.join(root, 'node_modules', 'trustloop')
  fs.mkdirSync(dir, { recursive: true })
  for (const f of [...main.files, 'package.json']) fs.copyFileSync(path.join(PKG, f), path.join(dir, f))
  return dir
}

/** `require('trustloop')` in a child process (with `preamble` run first): {status, stdout, stderr}. */
function requireIn (dir, preamble = '') {
  const src = `${preamble}; const t = require(${JSON.stringify(dir)}); console.log(t.digest(Buffer.from('{}')))`
  return spawnSync(process.execPath, ['-e', src], { encoding: 'utf8' })
}

test('every napi target is an optional dependency at this version, named @trustloop/<platform>', () => {
  assert.ok(platforms().some((p) => p.platformArchABI === HOST), `this host (${HOST}) is a target`)
  assert.deepEqual(main.optionalDependencies, Object.fromEntries(platforms().map((p) => [`@trustloop/${p.platformArchABI}`, main.version])))
})

test('without its platform package the error names it', (t) => {
  const dir = installedCopy(scratch(t))
  const out = requireIn(dir)
  assert.notEqual(out.status, 0)
  assert.match(out.stderr, new RegExp(`the platform package @trustloop/${HOST} is not installed`))
  assert.match(out.stderr, /ERR_TRUSTLOOP_PLATFORM_PACKAGE_MISSING/)
})

test('an unsupported platform is told which builds exist and about trustloop-wasm', (t) => {
  const dir = installedCopy(scratch(t))
  const out = requireIn(dir, "Object.defineProperty(process, 'platform', { value: 'freebsd' })")
  assert.notEqual(out.status, 0)
  assert.match(out.stderr, new RegExp(`no native build for freebsd-${process.arch} \\(builds exist for linux-x64-gnu, `))
  assert.match(out.stderr, /trustloop-wasm runs anywhere/)
})

test('the platform package is loaded when installed beside trustloop; a local build wins', (t) => {
  const root = scratch(t)
  const dir = installedCopy(root)
  const built = npmDirs('--out', path.join(root, 'node_modules', '@trustloop'), PKG)
  assert.equal(built.status, 0, built.stderr)
  assert.match(built.stdout, new RegExp(`@trustloop/${HOST}: with trustloop.${HOST}.node`))
  const renamed = path.join(root, 'node_modules', '@trustloop', HOST)
  const out = requireIn(dir)
  assert.equal(out.status, 0, out.stderr)
  assert.match(out.stdout, /^sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a/)
  // A local trustloop.<platform>.node (a checkout) wins over the package: a broken
  // package is never touched then.
  fs.writeFileSync(path.join(renamed, `trustloop.${HOST}.node`), 'not an addon')
  assert.notEqual(requireIn(dir).status, 0)
  fs.copyFileSync(path.join(PKG, `trustloop.${HOST}.node`), path.join(dir, `trustloop.${HOST}.node`))
  assert.equal(requireIn(dir).status, 0)
})

test('platform packages: os, cpu and libc; publishing refuses one without its binary', (t) => {
  const out = path.join(scratch(t), 'npm')
  assert.equal(npmDirs('--out', out, PKG).status, 0)
  for (const p of platforms()) {
    const m = JSON.parse(fs.readFileSync(path.join(out, p.platformArchABI, 'package.json'), 'utf8'))
    assert.equal(m.name, `@trustloop/${p.platformArchABI}`)
    assert.equal(m.version, main.version)
    assert.deepEqual([m.os, m.cpu, m.main], [[p.platform], [p.arch], `trustloop.${p.platformArchABI}.node`])
    assert.deepEqual(m.libc, { gnu: ['glibc'], musl: ['musl'] }[p.platform === 'linux' ? p.abi : undefined])
  }
  // npm publish --dry-run runs prepublishOnly (and nothing reaches a registry).
  const publish = (dir) => spawnSync('npm', ['publish', '--dry-run', '--registry', 'http://127.0.0.1:9/'], { cwd: dir, encoding: 'utf8' })
  const other = platforms().find((p) => p.platformArchABI !== HOST).platformArchABI
  const refused = publish(path.join(out, other))
  assert.notEqual(refused.status, 0)
  assert.match(refused.stderr, new RegExp(`refusing to publish @trustloop/${other}: trustloop.${other}.node is missing`))
  const host = publish(path.join(out, HOST))
  assert.equal(host.status, 0, host.stderr)
  assert.match(host.stderr, new RegExp(`trustloop.${HOST}.node`))
})

test('publishing trustloop refuses while a platform package lacks its binary', (t) => {
  const out = path.join(scratch(t), 'npm')
  npmDirs('--out', out, PKG)
  const refused = npmDirs('--check', '--out', out)
  assert.equal(refused.status, 1)
  const missing = platforms().filter((p) => p.platformArchABI !== HOST)
  for (const p of missing) assert.match(refused.stderr, new RegExp(`refusing to publish trustloop: @trustloop/${p.platformArchABI} has no trustloop.${p.platformArchABI}.node`))
  assert.doesNotMatch(refused.stderr, new RegExp(`@trustloop/${HOST} has no`))
  for (const p of missing) fs.copyFileSync(path.join(PKG, `trustloop.${HOST}.node`), path.join(out, p.platformArchABI, `trustloop.${p.platformArchABI}.node`))
  assert.equal(npmDirs('--check', '--out', out).status, 0)
})
