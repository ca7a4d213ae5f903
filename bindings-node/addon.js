'use strict'
// Finds the native addon, napi-rs style: a `trustloop.<platform>.node` beside this file
// (a checkout after `npm run build`), else the platform package npm installed as an
// optional dependency (`@trustloop/<platform>`, e.g. @trustloop/linux-x64-gnu).

const { existsSync } = require('node:fs')
const { join } = require('node:path')
const { optionalDependencies } = require('./package.json')

const SCOPE = '@trustloop/'

function isMusl () {
  const report = process.report && process.report.getReport()
  return !(report && report.header && report.header.glibcVersionRuntime)
}

/** napi-rs's platform name of this process: linux-x64-gnu, darwin-arm64, win32-x64-gnu, … */
function platformName (platform = process.platform, arch = process.arch) {
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`
  if (platform === 'win32') return `win32-${arch}-gnu`
  return `${platform}-${arch}`
}

function load (platform = platformName()) {
  const local = join(__dirname, `trustloop.${platform}.node`)
  if (existsSync(local)) return require(local)
  const pkg = SCOPE + platform
  const supported = Object.keys(optionalDependencies || {}).map((name) => name.slice(SCOPE.length))
  if (!supported.includes(platform)) {
    throw new Error(`trustloop has no native build for ${platform} (builds exist for ${supported.join(', ')}); ` +
      'the WebAssembly package trustloop-wasm runs anywhere')
  }
  try {
    return require(pkg)
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(pkg)) {
      const missing = new Error(`trustloop: the platform package ${pkg} is not installed. npm installs it as an optional ` +
        'dependency of trustloop; it is missing after `npm install --omit=optional` (or --no-optional), or with a ' +
        `lockfile made on another platform: run \`npm install ${pkg}@${optionalDependencies[pkg]}\`.`)
      missing.code = 'ERR_TRUSTLOOP_PLATFORM_PACKAGE_MISSING'
      missing.cause = e
      throw missing
    }
    throw e
  }
}

module.exports = { load, platformName }
