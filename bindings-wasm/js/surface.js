// The package's public shape, the same as the Node addon's (`require('trustloop')`),
// derived from the core's operation table (core/src/api/ops.rs): JSON, keys, limits and
// ANIP at the top level, `anpkg.*` and `assetsPa.*` namespaces (the wasm-bindgen exports
// `anpkgValidate`, `assetsPaRead`, … regrouped), a `TrustloopError` class every thrown
// error is an instance of (with the CLI's `exitCode`), and a function derived from the
// table for every operation without an export of its own. `version` is set by the entry once the module
// is instantiated.
//
// Source of pkg-web/surface.js (as is) and pkg-node/surface.js (build.sh turns the one
// `export` into `module.exports`). Keep exactly one export.

// `rows`: the operation table of this build (`core.operations()`; the web entry passes
// the copy build.sh wrote, since the module is not instantiated when the surface is
// built). A namespace exists only when this build has operations in it: the
// verify-only entry (`trustloop-wasm/verify`) has no `anpkg` or `assetsPa`.
export function createSurface(core, helpers, rows) {
  /** Every error trustloop throws: `code`, `message`, `findings`. */
  class TrustloopError extends Error {
    constructor(code, message, findings = []) {
      super(message);
      this.name = 'TrustloopError';
      this.code = code;
      this.findings = findings;
    }
  }

  // The core and the helpers throw plain `Error`s named TrustloopError (wasm-bindgen
  // cannot construct a JS class); they become instances here, stack kept.
  // `exitCode`: what the CLI exits with for the same failure of the same operation.
  const adopt = (e, path) => {
    if (e instanceof Error && e.name === 'TrustloopError' && !(e instanceof TrustloopError)) {
      Object.setPrototypeOf(e, TrustloopError.prototype);
    }
    if (e instanceof TrustloopError && e.exitCode === undefined) {
      const code = core.errorExitCode(path, String(e.code));
      if (code !== undefined) e.exitCode = code;
    }
    return e;
  };
  const wrap = (fn, path) =>
    function trustloopCall(...args) {
      let out;
      try {
        out = fn.apply(this, args);
      } catch (e) {
        throw adopt(e, path);
      }
      return out instanceof Promise ? out.catch((e) => Promise.reject(adopt(e, path))) : out;
    };

  const NAMESPACES = ['anpkg', 'assetsPa'];
  const NOT_OPERATIONS = new Set(['default', 'initSync', 'version', 'errorExitCode', 'call']);
  const api = { TrustloopError };
  const namespace = (ns) => (api[ns] ??= {});
  for (const [name, value] of Object.entries({ ...core, ...helpers })) {
    if (typeof value !== 'function' || NOT_OPERATIONS.has(name) || name.startsWith('__')) continue;
    const ns = NAMESPACES.find((p) => name.startsWith(p) && /[A-Z]/.test(name.charAt(p.length)));
    if (ns) {
      const short = name.charAt(ns.length).toLowerCase() + name.slice(ns.length + 1);
      namespace(ns)[short] = wrap(value, `${ns}.${short}`);
    } else {
      api[name] = wrap(value, name);
    }
  }
  // Operations of the table without a wasm-bindgen export of their own: derived from
  // the row through the generic `call` (required parameters positional; then one options
  // object holding the optional parameters by camelCase name, or, for operations
  // without options, the optional parameters positional).
  const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const derived = (row) => {
    const plain = row.params.filter((p) => p.kind !== 'options');
    const required = plain.filter((p) => p.required).length;
    const takesOptions = plain.length !== row.params.length;
    return (...args) => {
      if (!takesOptions) return core.call(row.flat, plain.map((_, i) => args[i]));
      const opts = { ...(args[required] ?? {}) };
      const values = plain.map((p, i) => {
        if (p.required) return args[i];
        const v = opts[camel(p.name)] ?? opts[p.name];
        delete opts[camel(p.name)];
        delete opts[p.name];
        return v;
      });
      return core.call(row.flat, [...values, opts]);
    };
  };
  for (const row of rows) {
    if (!row.hosts.wasm || row.fetches) continue;
    const [ns, name] = row.js.includes('.') ? row.js.split('.') : [null, row.js];
    const target = ns ? namespace(ns) : api;
    if (typeof target[name] !== 'function') target[name] = wrap(derived(row), row.js);
  }
  api._derived = (row) => wrap(derived(row), row.js);

  return api;
}
