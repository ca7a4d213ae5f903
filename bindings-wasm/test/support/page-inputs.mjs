// Inputs for the page test, made in a scratch folder from the repository's examples
// with the WASM API itself (nothing is copied into the repository): every family, good
// and tampered or corrupted.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import zlib from 'node:zlib';

import { trustloop } from './load.mjs';
import { REPO_ROOT } from './paths.mjs';

/** A folder as {relative path: bytes}, walked with an explicit stack. */
function readFolder(root) {
  const out = {};
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, item.name);
      if (item.isDirectory()) stack.push(p);
      else out[relative(root, p).split('\\').join('/')] = readFileSync(p);
    }
  }
  return out;
}

/**
 * A copy of a stored (uncompressed) zip with the first byte of `path`'s content
 * changed and both of its CRC-32 fields updated: still a well-formed zip, so only
 * the package's own checksum list can tell.
 */
function tamperStoredEntry(zip, path) {
  const out = Buffer.from(zip);
  let local = -1;
  for (let at = 0; at + 30 <= out.length; at++) {
    if (out.readUInt32LE(at) !== 0x04034b50) continue;
    const nameLen = out.readUInt16LE(at + 26);
    if (out.toString('utf8', at + 30, at + 30 + nameLen) === path) {
      local = at;
      break;
    }
  }
  if (local < 0) throw new Error(`${path} not in the zip`);
  if (out.readUInt16LE(local + 8) !== 0) throw new Error(`${path} is not stored`);
  const size = out.readUInt32LE(local + 18);
  const start = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
  out[start] = out[start] === 0x23 ? 0x24 : 0x23;
  const crc = zlib.crc32(out.subarray(start, start + size));
  out.writeUInt32LE(crc, local + 14);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (out.readUInt32LE(at) === 0x02014b50 && out.readUInt32LE(at + 42) === local) out.writeUInt32LE(crc, at + 16);
  }
  return out;
}

/** Writes every input below `dir`; resolves to their paths by role. */
export function makeInputs(dir) {
  const anipDir = join(REPO_ROOT, 'tests/examples/anip');
  mkdirSync(dir, { recursive: true });
  const write = (name, bytes) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const anpkg = trustloop.anpkg.exportFiles(readFolder(join(REPO_ROOT, 'examples/anpkg/greenhouse-bench')), { projectName: 'greenhouse-bench' }).package;
  const pa = trustloop.assetsPa.packFiles(readFolder(join(REPO_ROOT, 'examples/assets-pa'))).files['build/assets.pa'];
  const store = { keys: [{ key_id: 'anip-registry-dev-ed25519-v1', algorithm: 'ed25519', public_key: DEV_KEY }] };
  return {
    anipGood: write('order-desk-1.0.0.anip-package.json', readFileSync(join(anipDir, 'order-desk-1.0.0.anip-package.json'))),
    anipLock: write('order-desk-1.0.0.anip.lock.json', readFileSync(join(anipDir, 'order-desk-1.0.0.anip.lock.json'))),
    anipTampered: write('signature-bit-flip.anip-package.json', readFileSync(join(anipDir, 'tampered/signature-bit-flip.anip-package.json'))),
    anipLocal: write('local-receipt.anip-package.json', readFileSync(join(anipDir, 'strict-trust/local-receipt-probe.json'))),
    anpkgGood: write('greenhouse-bench.anpkg', anpkg),
    anpkgTampered: write('greenhouse-bench-tampered.anpkg', tamperStoredEntry(anpkg, 'providers/bench0.yaml')),
    anpkgTruncated: write('greenhouse-bench-truncated.anpkg', anpkg.subarray(0, anpkg.length - 30)),
    paGood: write('assets.pa', pa),
    paTruncated: write('truncated-assets.pa', pa.subarray(0, pa.length - 1)),
    unknown: write('notes.bin', Buffer.from('not a package\n')),
    trustStore: write('trust-store.json', JSON.stringify(store)),
    anpkgBytes: anpkg,
    paBytes: pa,
  };
}

/** The public half of the development key the example bundles carry and are signed with. */
export const DEV_KEY_ID = 'anip-registry-dev-ed25519-v1';
export const DEV_KEY = 'NZ8bIweTW/SJ14NTpSOCV/ITzTL7TIJP/Sl0CPAQV14=';
