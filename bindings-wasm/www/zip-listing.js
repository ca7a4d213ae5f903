// The file list of an .anpkg that trustloop already validated: every entry's path, size
// and SHA-256, with the digest meta/checksums.sha256 declares for it. Display only:
// the verdict is trustloop's; this runs after validation passed, so the archive is
// within trustloop's size and ratio limits. Decompression is the browser's own
// (DecompressionStream); only stored and deflated entries exist in a valid package.

const CHECKSUMS = 'meta/checksums.sha256';
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_LEN = 30;

function findEndRecord(view) {
  // The end record is 22 bytes plus a comment of at most 65535.
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  throw new Error('no zip end record');
}

async function inflate(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every file entry of the zip as {path, bytes}. */
async function readEntries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new Error('bad central directory');
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
    if (path.endsWith('/')) continue;
    const dataStart = local + LOCAL_HEADER_LEN + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    if (method !== 0 && method !== 8) throw new Error(`${path}: compression method ${method}`);
    entries.push({ path, bytes: method === 8 ? await inflate(data) : data });
  }
  return entries;
}

/** [{path, size, sha256, declared}] sorted by path; `declared` is null for the checksum file itself. */
export async function listPackageFiles(bytes) {
  const entries = await readEntries(bytes);
  const declared = new Map();
  const sums = entries.find((e) => e.path === CHECKSUMS);
  for (const line of sums ? new TextDecoder().decode(sums.bytes).split(/\r?\n/) : []) {
    const split = line.indexOf('  ');
    if (split > 0) declared.set(line.slice(split + 2), line.slice(0, split));
  }
  const files = [];
  for (const e of entries) {
    files.push({ path: e.path, size: e.bytes.length, sha256: await sha256Hex(e.bytes), declared: declared.get(e.path) ?? null });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
