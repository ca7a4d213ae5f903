// The package built by bindings-wasm/build.sh as `require('trustloop-wasm')` resolves it
// (its `exports`: node/index.js, the nodejs-target build plus the host-side helpers).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { PKG, PKG_NODE } from './paths.mjs';

const entry = join(PKG_NODE, 'index.js');
if (!existsSync(entry)) {
  throw new Error(`${entry} is missing: run bindings-wasm/build.sh first`);
}

export const trustloop = createRequire(import.meta.url)(PKG);
