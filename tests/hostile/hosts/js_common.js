// Shared by the Node and WASM host runners of the hostile suite.
'use strict'

// The finding code a trustloop error carries, null when `fn` returns; anything
// else (no stable code) is rethrown, which the suite counts as a failure.
function codeOf (fn) {
  try {
    fn()
    return null
  } catch (e) {
    if (typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code)) return e.code
    throw e
  }
}

// `node <host>.js OP INPUT`: runs OPS[OP](INPUT), prints one JSON line {"code": …}.
function runFromArgv (ops) {
  const [op, arg] = process.argv.slice(2)
  process.stdout.write(JSON.stringify({ code: ops[op](arg) }) + '\n')
}

module.exports = { codeOf, runFromArgv }
