// WASM host runner of the hostile suite: `node wasm_host.js OP INPUT`.
//
// Runs one operation through the WebAssembly package for Node (bindings-wasm/pkg,
// trustloop-wasm, built by bindings-wasm/build.sh; `require` resolves its node/ build) and prints one JSON line {"code": <finding code or
// null>} (null: the input was accepted). The core runs on wasm's own 1 MB stack here,
// so a deep recursion shows up as a RangeError, which is a failure.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { codeOf, runFromArgv } = require('./js_common')
const wasm = require(path.join(__dirname, '..', '..', '..', 'bindings-wasm', 'pkg'))

// A project folder as anpkg.exportFiles takes it: project-relative path → bytes.
function projectFiles (dir) {
  const files = {}
  for (const name of fs.readdirSync(dir)) files[name] = fs.readFileSync(path.join(dir, name))
  return files
}

const OPS = {
  'anpkg-validate': (file) => wasm.anpkg.validate(fs.readFileSync(file)).code,
  'anpkg-export': (dir) => codeOf(() => wasm.anpkg.exportFiles(projectFiles(dir)))
}

runFromArgv(OPS)
