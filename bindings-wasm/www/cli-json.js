// What the CLI prints with --json, byte for byte, and the command line that prints it,
// so a downloaded result can be compared with `trustloop … --json`.

// The CLI prints Go's json.MarshalIndent(v, "", "  "): <, >, & and U+2028/9 escaped,
// \b and \f spelled \u0008 and \u000c. JSON.stringify differs only in those escapes,
// which occur only inside strings; `\\` pairs are consumed first so an escaped
// backslash is never mistaken for the start of an escape.
const GO_ESCAPES = {
  '\\\\': '\\\\',
  '\\b': '\\u0008',
  '\\f': '\\u000c',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** The CLI's pretty JSON of `value`, ending with one newline. */
export function goPretty(value) {
  return JSON.stringify(value, null, 2).replace(/\\\\|\\b|\\f|[<>&\u2028\u2029]/g, (m) => GO_ESCAPES[m]) + '\n';
}

/** A shell word as a person would paste it. */
export function shellWord(s) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * The documents the CLI prints for one checked file: `anip verify` prints the JSON and
 * its newline; `anpkg validate` and the `assets-pa` commands print it with println!,
 * so one more newline follows.
 */
export function cliDocument(command, value) {
  const text = goPretty(value);
  return command.startsWith('trustloop anip ') ? text : `${text}\n`;
}
