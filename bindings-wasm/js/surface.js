// The package's public shape, the same as the Node addon's (`require('trustloop')`),
// derived from the core's operation table (core/src/api/ops.rs): JSON, keys, limits and
// ANIP at the top level, `anpkg.*` and `assetsPa.*` namespaces (the wasm-bindgen exports
// `anpkgValidate`, `assetsPaRead`, … regrouped), a `TrustloopError` class every thrown
// error is an instance of, and `exitCode`. `version` is set by the entry once the module
// is instantiated.
//
// Source of pkg-web/surface.js (as is) and pkg-node/surface.js (build.sh turns the one
// `export` into `module.exports`). Keep exactly one export.

export function createSurface(core, helpers) {
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
  const NOT_OPERATIONS = new Set(['default', 'initSync', 'version', 'errorExitCode']);
  const api = { TrustloopError, anpkg: {}, assetsPa: {} };
  for (const [name, value] of Object.entries({ ...core, ...helpers })) {
    if (typeof value !== 'function' || NOT_OPERATIONS.has(name) || name.startsWith('__')) continue;
    const ns = NAMESPACES.find((p) => name.startsWith(p) && /[A-Z]/.test(name.charAt(p.length)));
    if (ns) {
      const short = name.charAt(ns.length).toLowerCase() + name.slice(ns.length + 1);
      api[ns][short] = wrap(value, `${ns}.${short}`);
    } else {
      api[name] = wrap(value, name);
    }
  }
  /** Upstream's exit code for a verify result: 2 when it failed, else 0. */
  api.exitCode = (result) => {
    if (!result || typeof result !== 'object' || Array.isArray(result)) {
      throw new TrustloopError('INVALID_ARGUMENT', 'exit_code: the result must be a verify result object');
    }
    return result.status === 'failed' ? 2 : 0;
  };
  return api;
}
