'use strict'
// The per-platform npm packages, napi-rs layout: npm/<platform>/ holds
// `@trustloop/<platform>` (package.json with os/cpu/libc, and its
// `trustloop.<platform>.node`) for every target of package.json's `napi.targets`.
//
//   node npm-dirs.js [--out DIR] [ADDON_DIR]  writes DIR/<platform>/ (default npm/), copying
//                                             each trustloop.<platform>.node found in ADDON_DIR
//   node npm-dirs.js --check [--out DIR]      prepublishOnly of `trustloop`: optionalDependencies
//                                             name exactly the targets at this version, and every
//                                             platform package holds its binary
const { copyFileSync, existsSync, mkdirSync, writeFileSync } = require('node:fs')
const { join, resolve } = require('node:path')
const { parseTriple } = require('@napi-rs/cli')
const main = require('./package.json')

const SCOPE = '@trustloop/'
const LIBC = { gnu: ['glibc'], musl: ['musl'] }

function platforms () {
  return main.napi.targets.map(parseTriple).map((t) => ({ ...t, name: SCOPE + t.platformArchABI, binary: `trustloop.${t.platformArchABI}.node` }))
}

// Refuses `npm publish` of a platform package without its binary (inline: it runs in
// npm/<platform>/, which holds nothing else).
const refuseWithoutBinary = (p) =>
  `node -e "require('fs').existsSync('${p.binary}') || (console.error('refusing to publish ${p.name}: ${p.binary} is missing'), process.exit(1))"`

function manifest (p) {
  return {
    name: p.name,
    version: main.version,
    description: `The ${p.triple} native addon of trustloop (installed by npm with the trustloop package)`,
    license: main.license,
    main: p.binary,
    files: [p.binary],
    os: [p.platform],
    cpu: [p.arch],
    ...(p.platform === 'linux' ? { libc: LIBC[p.abi] } : {}),
    engines: main.engines,
    publishConfig: { access: 'public' },
    scripts: { prepublishOnly: refuseWithoutBinary(p) }
  }
}

function write (out, addonDir) {
  for (const p of platforms()) {
    const dir = join(out, p.platformArchABI)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest(p), null, 2) + '\n')
    const binary = join(addonDir, p.binary)
    if (existsSync(binary)) copyFileSync(binary, join(dir, p.binary))
    console.log(`${p.name}: ${existsSync(join(dir, p.binary)) ? 'with' : 'WITHOUT'} ${p.binary}`)
  }
}

function check (out) {
  const problems = []
  const want = Object.fromEntries(platforms().map((p) => [p.name, main.version]))
  if (JSON.stringify(main.optionalDependencies) !== JSON.stringify(want)) {
    problems.push(`optionalDependencies must be ${JSON.stringify(want)}`)
  }
  for (const p of platforms()) {
    if (!existsSync(join(out, p.platformArchABI, p.binary))) problems.push(`${p.name} has no ${p.binary} (${join(out, p.platformArchABI)})`)
  }
  for (const problem of problems) console.error(`refusing to publish trustloop: ${problem}`)
  return problems.length === 0
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--out')
  const out = resolve(at >= 0 ? args.splice(at, 2)[1] : join(__dirname, 'npm'))
  if (args[0] === '--check') process.exitCode = check(out) ? 0 : 1
  else write(out, resolve(args[0] || __dirname))
}

module.exports = { platforms, manifest }
