// The user's trusted keys: `KEY_ID=BASE64` lines typed, pasted or loaded from a trust
// store (the core's `trustStore` reads those, in the worker). Kept in localStorage only
// when the user asks for it.

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
