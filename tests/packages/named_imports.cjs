// CommonJS with named imports, from the installed package (the suite runs it against
// `trustloop` and, with the name swapped, `trustloop-wasm` and `trustloop-wasm/verify`):
// prints a digest and the verdict of the bundle file given.
'use strict'
const { readFileSync } = require('node:fs')
const { TrustloopError, digest, exitCode, verifyBundle } = require('trustloop')

const result = verifyBundle(readFileSync(process.argv[2]))
console.log(`cjs: ${digest(Buffer.from('{}'))} ${result.status} exit ${exitCode(result)}`)
try {
  verifyBundle(Buffer.from('{'))
} catch (error) {
  console.log(`cjs: TrustloopError ${error instanceof TrustloopError} ${error.code}`)
}
