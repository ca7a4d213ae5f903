// Which family a file belongs to, from its first bytes (never its name): a JSON object
// is an ANIP package bundle, a zip is an .anpkg, the "PMTA" prelude is an assets.pa.

const ZIP_MAGICS = [
  [0x50, 0x4b, 0x03, 0x04], // a local file header
  [0x50, 0x4b, 0x05, 0x06], // the end record of an empty zip
];
const ASSETS_PA_MAGIC = [0x50, 0x4d, 0x54, 0x41]; // "PMTA"
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

const startsWith = (bytes, magic) => magic.every((b, i) => bytes[i] === b);

/** 'anip' | 'anpkg' | 'assets-pa' | null. */
export function detectKind(bytes) {
  if (ZIP_MAGICS.some((m) => startsWith(bytes, m))) return 'anpkg';
  if (startsWith(bytes, ASSETS_PA_MAGIC)) return 'assets-pa';
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < bytes.length && JSON_WHITESPACE.has(bytes[i])) i++;
  return bytes[i] === 0x7b ? 'anip' : null;
}
