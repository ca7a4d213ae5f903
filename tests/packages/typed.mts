// Strict TypeScript (module nodenext) against the installed package's index.d.ts (the
// suite compiles and runs it for `trustloop` and, with the name swapped, `trustloop-wasm`
// and `trustloop-wasm/verify`).
import { readFileSync } from 'node:fs';
import { TrustloopError, exitCode, verifyBundle, type VerifyResult } from 'trustloop';

const result: VerifyResult = verifyBundle(readFileSync(process.argv[2]!));
const failed: string[] = result.checks.filter((check) => check.status === 'fail').map((check) => check.name);
// @ts-expect-error: the status is one of the documented values, typed
const unknownStatus: 'verified' = result.status;
void unknownStatus;
const code: 0 | 2 = exitCode(result);
console.log(`ts: ${result.status} exit ${code} failed [${failed.join(', ')}]`);
try {
  verifyBundle(new TextEncoder().encode('{'));
} catch (error: unknown) {
  if (!(error instanceof TrustloopError)) throw error;
  const findings: number = error.findings.length;
  console.log(`ts: TrustloopError ${error.code} ${findings}`);
}
