#!/usr/bin/env node
// ANIP verify in-process from Node: two builds of the native addon side by side.
//
// Usage: node node-verify-inprocess.mjs BEFORE.node AFTER.node BUNDLE [ROUNDS] [CALLS]
//
// Each build's addon goes into its own copy of the `trustloop` package as
// `trustloop.<platform>.node` (the file a checkout loads first). Each round starts one
// child per build, alternating which goes first; a child warms up, then times CALLS
// `verifyBundle` calls of BUNDLE (CPU of the child, `process.cpuUsage`, the load
// excluded). Prints each build's median CPU per call and the median of the per-round
// ratios AFTER/BEFORE. Both builds must return the same result.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { cpSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { median } from './median.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..', '..', 'bindings-node')

const CHILD = `
const { createHash } = require('node:crypto')
const { readFileSync } = require('node:fs')
const trustloop = require(process.argv[1])
const data = readFileSync(process.argv[2])
const calls = Number(process.argv[3])
const first = trustloop.verifyBundle(data)
const start = process.cpuUsage()
for (let i = 0; i < calls; i++) trustloop.verifyBundle(data)
const used = process.cpuUsage(start)
const cpu = (used.user + used.system) / 1e6 / calls
console.log(cpu, createHash('sha256').update(JSON.stringify(first)).digest('hex'))
`

const [before, after, bundle] = process.argv.slice(2, 5)
const rounds = Number(process.argv[5] || 11)
const calls = Number(process.argv[6] || 50)
if (!before || !after || !bundle) {
  console.error('usage: node-verify-inprocess.mjs BEFORE.node AFTER.node BUNDLE [ROUNDS] [CALLS]')
  process.exit(2)
}
// The name addon.js looks for beside itself (linux-x64-gnu, darwin-arm64, …).
const platform = createRequire(import.meta.url)(join(pkg, 'addon.js')).platformName()
const tmp = mkdtempSync(join(tmpdir(), 'trustloop-node-bench-'))
try {
  const roots = {}
  for (const [name, addon] of [['before', before], ['after', after]]) {
    const root = join(tmp, name)
    cpSync(pkg, root, { recursive: true, filter: (src) => !/node_modules|\.node$/.test(src) })
    copyFileSync(addon, join(root, `trustloop.${platform}.node`))
    roots[name] = root
  }
  const times = { before: [], after: [] }
  const results = new Set()
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) {
      const [cpu, digest] = execFileSync(process.execPath, ['-e', CHILD, roots[name], bundle, String(calls)], { encoding: 'utf8' }).trim().split(' ')
      times[name].push(Number(cpu))
      results.add(digest)
    }
  }
  if (results.size !== 1) throw new Error('the two builds return different results')
  const ratios = times.after.map((a, i) => a / times.before[i])
  console.log(`${basename(bundle)} (${statSync(bundle).size} bytes), ${rounds} rounds x ${calls} calls`)
  for (const name of ['before', 'after']) console.log(`  ${name}: median CPU per call ${(median(times[name]) * 1e3).toFixed(3)} ms`)
  console.log(`  after/before: ${median(ratios).toFixed(3)}`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
