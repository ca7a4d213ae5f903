#!/usr/bin/env node
// The WASM host against the native one, in Node (issue 13 item 4: verify within 1.3× of
// native, .anpkg validate within 1.5×): the same call on the same bytes, through the
// WebAssembly package (bindings-wasm/pkg, its Node build) and through the native addon
// (bindings-node, the checkout's build).
//
// Usage: node wasm-vs-native.mjs [--rounds N] [--calls N] NAME=OPERATION:FILE...
//   OPERATION is `verify` (verifyBundle) or `validate` (anpkg.validate).
//
// Each round starts one child per host, alternating which goes first; a child warms up
// (one second of calls), then times CALLS calls (its CPU, `process.cpuUsage`; the load excluded).
// Prints each host's median CPU per call and the median of the per-round ratios
// WASM/native. Both hosts must return the same result.
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { median } from './median.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const HOSTS = {
  native: join(root, 'bindings-node'),
  wasm: join(root, 'bindings-wasm', 'pkg', 'node', 'index.js'),
}

const CHILD = `
const { createHash } = require('node:crypto')
const { readFileSync } = require('node:fs')
const trustloop = require(process.argv[1])
const call = { verify: (b) => trustloop.verifyBundle(b), validate: (b) => trustloop.anpkg.validate(b) }[process.argv[2]]
const data = readFileSync(process.argv[3])
const calls = Number(process.argv[4])
const first = call(data)
// Warm-up: V8 compiles WebAssembly with a baseline compiler first and optimizes it on
// background threads, whose CPU process.cpuUsage counts; one second of calls lets that
// finish (the native host gets the same).
for (const end = Date.now() + 1000; Date.now() < end;) call(data)
const start = process.cpuUsage()
for (let i = 0; i < calls; i++) call(data)
const used = process.cpuUsage(start)
console.log((used.user + used.system) / 1e6 / calls, createHash('sha256').update(JSON.stringify(first)).digest('hex'))
`

const args = process.argv.slice(2)
let rounds = 11
let calls = 20
const cases = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i])
  else if (args[i] === '--calls') calls = Number(args[++i])
  else {
    const m = /^([^=]+)=(verify|validate):(.+)$/.exec(args[i])
    if (!m) {
      console.error('usage: wasm-vs-native.mjs [--rounds N] [--calls N] NAME=verify|validate:FILE...')
      process.exit(2)
    }
    cases.push({ name: m[1], op: m[2], file: m[3] })
  }
}
if (!cases.length) {
  console.error('usage: wasm-vs-native.mjs [--rounds N] [--calls N] NAME=verify|validate:FILE...')
  process.exit(2)
}

const run = (host, c) => {
  const out = execFileSync(process.execPath, ['-e', CHILD, HOSTS[host], c.op, c.file, String(calls)], { encoding: 'utf8' })
  const [cpu, digest] = out.trim().split(' ')
  return { cpu: Number(cpu), digest }
}

console.log(`${rounds} rounds, ${calls} calls per child; CPU per call, median; ratio = median of per-round WASM/native`)
console.log('| input | operation | native | WASM | WASM / native |')
console.log('|---|---|---|---|---|')
for (const c of cases) {
  const times = { native: [], wasm: [] }
  const ratios = []
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ['wasm', 'native'] : ['native', 'wasm']
    const got = {}
    for (const host of order) got[host] = run(host, c)
    if (got.native.digest !== got.wasm.digest) throw new Error(`${c.name}: the two hosts returned different results`)
    times.native.push(got.native.cpu)
    times.wasm.push(got.wasm.cpu)
    ratios.push(got.wasm.cpu / got.native.cpu)
  }
  const ms = (s) => `${(median(s) * 1e3).toFixed(3)} ms`
  console.log(`| ${c.name} | ${c.op} | ${ms(times.native)} | ${ms(times.wasm)} | ${median(ratios).toFixed(2)}× |`)
}
