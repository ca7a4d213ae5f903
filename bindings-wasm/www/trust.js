// The user's trusted keys: `KEY_ID=BASE64` lines typed or pasted, and trust-store files
// read the way `trustloop anip verify --trust-store` reads them. Kept in localStorage
// only when the user asks for it.

const STORAGE_KEY = 'trustloop.trustedKeys';

/** `KEY_ID=BASE64` lines (blank lines and `#` comments ignored) → [[id, key]]; throws on a bad line. */
export function parseKeyLines(text) {
  const keys = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`line ${i + 1}: expected KEY_ID=BASE64, got ${JSON.stringify(line)}`);
    keys.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  });
  return keys;
}

/**
 * A trust-store document (an object with a `keys`, `items` or `registry_keys` array of
 * `{key_id, public_key, algorithm}`) → [[id, key]] of its ed25519 keys, as the CLI reads it.
 */
export function parseTrustStore(text, name) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`decode trust store ${name}: ${e.message}`);
  }
  const list = ['keys', 'items', 'registry_keys'].map((k) => doc?.[k]).find(Array.isArray);
  if (!list) throw new Error(`decode trust store ${name}: expected an object with a "keys", "items" or "registry_keys" array`);
  const keys = list
    .filter((k) => ['', undefined, 'ed25519'].includes(k?.algorithm))
    .map((k) => [String(k.key_id ?? ''), String(k.public_key ?? '')]);
  // An empty store would silently pin nothing.
  if (keys.length === 0) throw new Error(`trust store ${name} has no ed25519 keys`);
  return keys;
}

/** [[id, key]] as `KEY_ID=BASE64` lines. */
export const keyLines = (keys) => keys.map(([id, key]) => `${id}=${key}`).join('\n');

export function loadStoredKeys(storage = globalThis.localStorage) {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function storeKeys(text, storage = globalThis.localStorage) {
  try {
    if (text === null) storage?.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, text);
  } catch {
    // storage disabled: the keys stay for this tab only
  }
}
