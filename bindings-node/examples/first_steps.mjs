// First steps with trustloop in Node (`npm install trustloop`): build and sign a local
// ANIP package, verify it, catch a tampered copy, and a malformed bundle verified off
// the event loop (`promises`). CommonJS works the same: `const { verifyBundle } = require('trustloop')`.
//
//   node first_steps.mjs examples/anip/order-desk-service-definition.json
import { readFileSync } from 'node:fs'
import { TrustloopError, buildLocal, promises, verifyBundle, version } from 'trustloop'

const files = buildLocal(readFileSync(process.argv[2]), { packageId: 'order-desk', packageVersion: '1.0.0' })
const bundle = files['order-desk-1.0.0.anip-package.json']
console.log(`trustloop ${version}: verify -> ${verifyBundle(bundle).status}`)

const document = JSON.parse(bundle.toString())
document.manifest.readme = `${document.manifest.readme ?? ''}\n(edited after signing)`
const result = verifyBundle(Buffer.from(JSON.stringify(document)))
console.log(`tampered copy fails: ${result.checks.filter((c) => c.status === 'fail').map((c) => c.name).join(', ')}`)

try {
  await promises.verifyBundle(Buffer.from('{'))
} catch (error) {
  if (!(error instanceof TrustloopError)) throw error
  console.log(`malformed bundle: ${error.code} (${error.findings.length} finding(s))`)
}
