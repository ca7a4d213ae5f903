// Node host runner of the hostile suite: `node node_host.js OP INPUT`.
//
// Runs one operation in-process through the napi-rs addon (bindings-node) and prints
// one JSON line {"code": <finding code or null>} (null: the input was accepted). A
// crash (signal) or an error without a trustloop code is what the suite looks for.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { codeOf, runFromArgv } = require('./js_common')
const { anpkg } = require(path.join(__dirname, '..', '..', '..', 'bindings-node'))

const OPS = {
  'anpkg-validate': (file) => anpkg.validate(fs.readFileSync(file)).code,
  // The host reads the path (issue 9 F8: size checked before reading).
  'anpkg-validate-path': (file) => anpkg.validate(file).code,
  'anpkg-export': (dir) => codeOf(() => anpkg.export(dir))
}

runFromArgv(OPS)
