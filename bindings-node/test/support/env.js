'use strict'
// Shared by the Node tests: repo paths, fixtures, the trustloop CLI the differential
// tests compare against, scratch directories and a tiny zip extractor.
const assert = require('node:assert/strict')
const { execFileSync, spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const zlib = require('node:zlib')

const ROOT = path.resolve(__dirname, '..', '..', '..')
const FIXTURES = process.env.TRUSTLOOP_FIXTURES || path.join(ROOT, '..', 'shared', 'fixtures')
const IS_CI = /^(true|1)$/i.test(process.env.CI || '')

/** `$TRUSTLOOP_BIN` (the suite builds it), else `<repo>/target/{debug,release}/trustloop`. */
function cliBinary () {
  if (process.env.TRUSTLOOP_BIN) return process.env.TRUSTLOOP_BIN
  const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target')
  for (const flavour of ['debug', 'release']) {
    const p = path.join(target, flavour, 'trustloop')
    if (fs.existsSync(p)) return p
  }
  return null
}

/**
 * Why a test cannot run (fixtures or CLI missing), or null. Under CI=true a missing
 * prerequisite is a failure, never a skip.
 */
function missing ({ fixtures, cli }) {
  const why = []
  if (fixtures && !fs.existsSync(path.join(FIXTURES, fixtures))) why.push(`fixtures folder missing: ${path.join(FIXTURES, fixtures)}`)
  if (cli && !(cliBinary() && fs.existsSync(cliBinary()))) why.push('trustloop CLI binary missing (set TRUSTLOOP_BIN)')
  if (why.length === 0) return null
  const msg = why.join('; ')
  if (IS_CI) throw new Error(`CI=true: ${msg}`)
  console.error(`NOT RUN: ${msg}`)
  return msg
}

/** Runs the CLI with `--json` and parses stdout. */
function cliJson (args) {
  const out = spawnSync(cliBinary(), [...args, '--json'], { encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] })
  assert.ok(out.stdout, out.stderr)
  return JSON.parse(out.stdout)
}

function cli (args) {
  return spawnSync(cliBinary(), args, { timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] })
}

/**
 * The CLI, asynchronously: for tests whose HTTP server runs in this process (a
 * synchronous spawn would block the event loop the server needs). Resolves to
 * `{status, stdout: Buffer, stderr: Buffer}`.
 */
function cliAsync (args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cliBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out = []
    const err = []
    child.stdout.on('data', (c) => out.push(c))
    child.stderr.on('data', (c) => err.push(c))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err) })
    })
  })
}

/** A fresh scratch directory, removed when the process exits. */
function scratch (t) {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'trustloop-node-')))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

/** Extracts a (stored or deflated) zip archive into `dir`: enough for the fixture packages. */
function unzip (archive, dir) {
  const buf = fs.readFileSync(archive)
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  assert.ok(eocd >= 0, 'no end of central directory')
  const count = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50)
    const method = buf.readUInt16LE(at + 10)
    const size = buf.readUInt32LE(at + 20)
    const nameLen = buf.readUInt16LE(at + 28)
    const extraLen = buf.readUInt16LE(at + 30)
    const commentLen = buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen)
    at += 46 + nameLen + extraLen + commentLen
    assert.ok(!name.split('/').includes('..') && !name.startsWith('/'), name)
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(dataAt, dataAt + size)
    const target = path.join(dir, name)
    if (name.endsWith('/')) { fs.mkdirSync(target, { recursive: true }); continue }
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, method === 8 ? zlib.inflateRawSync(data) : data)
  }
  return dir
}

/** An executable shell script. */
function script (file, body) {
  fs.writeFileSync(file, '#!/bin/sh\n' + body)
  fs.chmodSync(file, 0o755)
  return file
}

module.exports = { ROOT, FIXTURES, IS_CI, cliBinary, missing, cliJson, cli, cliAsync, scratch, unzip, script, execFileSync }
