// The nodejs-target package built by bindings-wasm/build.sh, through its entry
// (index.js: the wasm-bindgen exports plus the host-side helpers).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { PKG_NODE } from './paths.mjs';

const entry = join(PKG_NODE, 'index.js');
if (!existsSync(entry)) {
  throw new Error(`${entry} is missing: run bindings-wasm/build.sh first`);
}

export const trustloop = createRequire(import.meta.url)(entry);
