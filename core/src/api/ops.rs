//! Every operation a host exposes, named once. Hosts derive their spelling from this
//! table (Python: snake_case in the family's module; Node and WASM: camelCase, top
//! level for JSON, keys, limits and ANIP, in an `anpkg` / `assetsPa` namespace for those
//! families), and each host's test compares its public surface with it, as does the
//! README's host table (`tests/tests/ops_table.rs`).

/// The family an operation belongs to; it decides the module (Python) or namespace (JS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Process-wide: key generation, resource budgets.
    Top,
    Json,
    Anip,
    Anpkg,
    AssetsPa,
}

impl Family {
    /// snake_case: the `family` of `operations()` and the Python module under
    /// `trustloop` (empty: process-wide, the package itself).
    pub fn name(self) -> &'static str {
        match self {
            Family::Top => "",
            Family::Json => "json",
            Family::Anip => "anip",
            Family::Anpkg => "anpkg",
            Family::AssetsPa => "assets_pa",
        }
    }

    /// Namespace in Node and WASM (empty: top level).
    pub fn js_namespace(self) -> &'static str {
        match self {
            Family::Anpkg => "anpkg",
            Family::AssetsPa => "assetsPa",
            _ => "",
        }
    }
}

/// Where an operation exists beyond the CLI. `NATIVE`: it reads or writes paths, spawns
/// or uses the file system, which a browser cannot; `ALL`: every binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hosts {
    pub python: bool,
    pub node: bool,
    pub wasm: bool,
}

pub const ALL: Hosts = Hosts { python: true, node: true, wasm: true };
pub const NATIVE: Hosts = Hosts { python: true, node: true, wasm: false };

/// What a parameter takes; hosts convert their native values by it (Python `bytes`,
/// JS `Uint8Array`; `str`/`string`; `int`/`number`; `bool`/`boolean`; `Json`: any
/// JSON-shaped native value; `Files`: a `{path: bytes}` mapping; `Options`: the
/// keyword arguments (Python) or options object (JS), snake_case keys in the core);
/// `BytesList`: a list of bytes (Python `list`/`tuple` of `bytes`, a JS array of
/// `Uint8Array`), the inputs of a batch operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bytes,
    Text,
    Int,
    Bool,
    Json,
    Files,
    Options,
    BytesList,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::Text => "text",
            Kind::Int => "int",
            Kind::Bool => "bool",
            Kind::Json => "json",
            Kind::Files => "files",
            Kind::Options => "options",
            Kind::BytesList => "bytes_list",
        }
    }
}

/// What an operation gives back ([`super::call::Out`] in the same shape): hosts build
/// `None`/`undefined`, a JSON-shaped value, bytes, a string, a number, `[(name, bytes)]`,
/// or a record of those (a tuple in Python, an object in JS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    Nothing,
    Json,
    Bytes,
    Text,
    Int,
    Files,
    Record(&'static [(&'static str, Returns)]),
}

impl Returns {
    /// `json`, `bytes`, …; a record as `record(package: bytes, report: json)`.
    pub fn describe(self) -> alloc::string::String {
        match self {
            Returns::Nothing => "nothing".into(),
            Returns::Json => "json".into(),
            Returns::Bytes => "bytes".into(),
            Returns::Text => "text".into(),
            Returns::Int => "int".into(),
            Returns::Files => "files".into(),
            Returns::Record(fields) => {
                let inner: alloc::vec::Vec<alloc::string::String> =
                    fields.iter().map(|(name, r)| alloc::format!("{name}: {}", r.describe())).collect();
                alloc::format!("record({})", inner.join(", "))
            }
        }
    }
}

/// One parameter of an operation, in call order.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Param {
    Param { name, kind, required: true }
}

const fn opt(name: &'static str, kind: Kind) -> Param {
    Param { name, kind, required: false }
}

const OPTIONS: Param = opt("options", Kind::Options);

/// One operation.
#[derive(Clone, Copy, Debug)]
pub struct Op {
    pub family: Family,
    /// snake_case; Node and WASM use [`Op::js_name`].
    pub name: &'static str,
    /// What it does, one line.
    pub summary: &'static str,
    /// The CLI command that does the same (empty: none).
    pub cli: &'static str,
    pub hosts: Hosts,
    /// Its parameters, in call order ([`super::call`] checks arguments against them).
    pub params: &'static [Param],
    /// The host fetches over HTTP (with `registry_target`'s URLs) and then calls the
    /// `_responses` operation; no single core call does it.
    pub fetches: bool,
    /// The CLI's exit code when the operation fails (upstream's: 1 for a hard error;
    /// `lint` exits 2); see [`Op::error_exit_code`].
    pub error_exit: u8,
    /// What it gives back.
    pub returns: Returns,
}

impl Op {
    /// The exit code the CLI gives when this operation fails with `code`; `None` when
    /// the operation has no CLI command. Every host puts it on its `TrustloopError`.
    pub fn error_exit_code(&self, code: &str) -> Option<u8> {
        if self.cli.is_empty() || self.cli.starts_with('-') {
            return None;
        }
        Some(if USAGE_CODES.contains(&code) { 2 } else { self.error_exit })
    }

    /// `verify_bundle` → `verifyBundle`.
    pub fn js_name(&self) -> alloc::string::String {
        camel_case(self.name)
    }

    /// The name with its family for the families JS namespaces (`assets_pa_write`,
    /// `anpkg_validate`, `verify_bundle`): the `op` of the conformance vectors.
    pub fn flat_name(&self) -> alloc::string::String {
        match self.family {
            Family::Anpkg | Family::AssetsPa => alloc::format!("{}_{}", self.family.name(), self.name),
            _ => alloc::string::String::from(self.name),
        }
    }

    /// `trustloop.anip.verify_bundle`.
    pub fn python_path(&self) -> alloc::string::String {
        match self.family.name() {
            "" => alloc::format!("trustloop.{}", self.name),
            m => alloc::format!("trustloop.{m}.{}", self.name),
        }
    }

    /// `verifyBundle`, `anpkg.validate`.
    pub fn js_path(&self) -> alloc::string::String {
        match self.family.js_namespace() {
            "" => self.js_name(),
            ns => alloc::format!("{ns}.{}", self.js_name()),
        }
    }
}

/// `expected_contract_signature` → `expectedContractSignature`: how JS spells the
/// core's snake_case names (operations and option keys).
pub fn camel_case(snake: &str) -> alloc::string::String {
    let mut out = alloc::string::String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

const fn op(
    family: Family,
    name: &'static str,
    summary: &'static str,
    cli: &'static str,
    hosts: Hosts,
    params: &'static [Param],
    returns: Returns,
) -> Op {
    Op { family, name, summary, cli, hosts, params, fetches: false, error_exit: 1, returns }
}

const fn exits(error_exit: u8, op: Op) -> Op {
    Op { error_exit, ..op }
}

/// Failures the CLI reports as usage errors (exit 2), like Go's flag errors upstream.
const USAGE_CODES: &[&str] = &["ANIP_BUILD_ARGS", "ANIP_BUILD_SCHEMA_VERSION"];

const fn fetching(op: Op) -> Op {
    Op { fetches: true, ..op }
}

/// Not a host's public function: the part of a fetching operation each host's own
/// HTTP client needs (the URLs to GET).
pub const HELPER: Hosts = Hosts { python: false, node: false, wasm: false };

use crate::json::{Map, Value};
use Family::{Anip, Anpkg, AssetsPa, Json, Top};
use Kind::{Bytes, BytesList, Files, Int, Text};

const PACKAGE_AND_REPORT: Returns = Returns::Record(&[("package", Returns::Bytes), ("report", Returns::Json)]);
const SUMMARY_AND_PAYLOAD: Returns = Returns::Record(&[("summary", Returns::Json), ("payload", Returns::Bytes)]);
const REPORT_AND_FILES: Returns = Returns::Record(&[("report", Returns::Json), ("files", Returns::Files)]);

const REGISTRY_RESPONSES: &[Param] = &[
    req("package_url", Text),
    req("download", Bytes),
    req("receipt", Bytes),
    req("keys", Bytes),
    opt("lock", Bytes),
    OPTIONS,
];
const REGISTRY_RESPONSES_NO_LOCK: &[Param] =
    &[req("package_url", Text), req("download", Bytes), req("receipt", Bytes), req("keys", Bytes), OPTIONS];

/// Every operation, grouped by family.
pub const OPS: &[Op] = &[
    op(Top, "keygen", "a fresh Ed25519 key pair", "keygen", ALL, &[opt("key_id", Text)], Returns::Json),
    op(Top, "limits", "the resource budgets in force (docs/limits.md)", "", ALL, &[], Returns::Json),
    op(Top, "set_limit", "set one resource budget for the process", "--limit NAME=N", ALL, &[req("name", Text), req("value", Int)], Returns::Nothing),
    op(Top, "reset_limits", "every resource budget back to its default", "", ALL, &[], Returns::Nothing),
    op(Json, "canonicalize", "canonical JSON bytes (digest, signature or jcs mode)", "json canonicalize", ALL, &[req("data", Bytes), opt("mode", Text)], Returns::Bytes),
    op(Json, "digest", "sha256 of the digest-mode canonical bytes", "json digest", ALL, &[req("data", Bytes)], Returns::Text),
    op(Anip, "verify_bundle", "verify a package bundle (optionally against a lock file)", "anip verify --package-bundle", ALL, &[req("data", Bytes), opt("lock", Bytes), OPTIONS], Returns::Json),
    op(Anip, "verify_definition", "verify a plain service definition", "anip verify --definition", ALL, &[req("data", Bytes), opt("lock", Bytes), OPTIONS], Returns::Json),
    fetching(op(Anip, "verify_registry", "fetch and verify a registry package", "anip verify --registry-url", ALL, &[opt("registry_url", Text), opt("package", Text), opt("lock", Bytes), OPTIONS], Returns::Json)),
    op(Anip, "verify_registry_responses", "verify already fetched registry documents", "", ALL, REGISTRY_RESPONSES, Returns::Json),
    op(Anip, "trust_store", "the pinned keys of a trust-store document (for trusted_keys)", "anip verify --trust-store", ALL, &[req("data", Bytes)], Returns::Json),
    op(Anip, "registry_target", "the URLs a host GETs for a registry package (lock gaps filled)", "", HELPER, &[opt("registry_url", Text), opt("package", Text), opt("lock", Bytes), opt("allow_yanked", Kind::Bool)], Returns::Json),
    op(Anip, "exit_code", "upstream's exit code for a verify result", "", ALL, &[req("result", Kind::Json)], Returns::Int),
    op(Anip, "write_lock", "the consumer lock file of a bundle", "anip lock write --package-bundle", ALL, &[req("bundle", Bytes)], Returns::Bytes),
    fetching(op(Anip, "write_lock_registry", "fetch a registry package and write its lock file", "anip lock write --registry-url", ALL, &[opt("registry_url", Text), opt("package", Text), OPTIONS], Returns::Bytes)),
    op(Anip, "write_lock_registry_responses", "the lock file of already fetched registry documents", "", ALL, REGISTRY_RESPONSES_NO_LOCK, Returns::Bytes),
    op(Anip, "build_local", "build and sign a local package from a definition", "anip build-local", ALL, &[req("definition", Bytes), OPTIONS], Returns::Files),
    op(Anip, "tree_digest", "digest of a custom code bundle tree", "anip bundle digest", ALL, &[req("entries", Kind::Json), OPTIONS], Returns::Json),
    op(Anip, "tree_combine", "combine per-target tree digests", "", ALL, &[req("data", Bytes), opt("pointer", Text)], Returns::Text),
    op(Anip, "bundle_report", "a custom code bundle checked against a package", "anip bundle report", ALL, &[req("bundle", Bytes), req("entries", Kind::Json), OPTIONS], Returns::Json),
    op(Anip, "bundle_materials", "the implementation materials a package declares", "", ALL, &[req("bundle", Bytes)], Returns::Json),
    op(Anip, "ref_check", "parse and check a remote bundle ref", "anip ref check", ALL, &[req("reference", Text)], Returns::Json),
    op(Anip, "attach_implementation", "the attach-implementation request for a package", "anip attach-implementation", ALL, &[req("bundle", Bytes), opt("entries", Kind::Json), OPTIONS], Returns::Json),
    op(Anip, "verify_many", "verify many package bundles, each on its own (input order; all cores natively)", "", ALL, &[req("bundles", BytesList), OPTIONS], Returns::Json),
    op(Anip, "tree_digest_many", "digests of many custom code bundle trees (input order; all cores natively)", "", ALL, &[req("trees", Kind::Json), OPTIONS], Returns::Json),
    exits(2, op(Anip, "lint", "publication lint of a package bundle", "anip lint", ALL, &[req("bundle", Bytes)], Returns::Json)),
    op(Anpkg, "validate", "validate a .anpkg (archive bytes; natively also a path, with replay)", "anpkg validate", ALL, &[opt("data", Bytes), opt("path", Text), OPTIONS], Returns::Json),
    op(Anpkg, "validate_many", "validate many .anpkg archives, each on its own (input order; all cores natively)", "", ALL, &[req("packages", BytesList), OPTIONS], Returns::Json),
    op(Anpkg, "export", "export a project folder to .anpkg bytes", "anpkg export", NATIVE, &[req("project_dir", Text), opt("output", Text), OPTIONS], Returns::Bytes),
    op(Anpkg, "export_report", "export a project folder, returning the report", "anpkg export --json", NATIVE, &[req("project_dir", Text), opt("output", Text), OPTIONS], Returns::Json),
    op(Anpkg, "export_files", "export an in-memory project: package bytes and report", "", ALL, &[req("files", Files), opt("data_root_files", Files), OPTIONS], PACKAGE_AND_REPORT),
    op(AssetsPa, "write", "write an assets.pa archive from entries and preload", "", ALL, &[req("entries", Kind::Json), opt("preload", Kind::Json)], Returns::Bytes),
    op(AssetsPa, "read", "read an assets.pa archive", "assets-pa inspect", ALL, &[req("data", Bytes)], Returns::Json),
    op(AssetsPa, "verify", "validate an assets.pa archive", "assets-pa verify", ALL, &[req("data", Bytes)], Returns::Json),
    op(AssetsPa, "extract", "one asset's payload", "assets-pa extract", ALL, &[req("data", Bytes), req("asset_id", Int)], Returns::Bytes),
    op(AssetsPa, "companions", "the companion files of an archive", "", ALL, &[req("data", Bytes)], Returns::Files),
    op(AssetsPa, "verify_companions", "check companion files against an archive", "", ALL, &[req("data", Bytes), req("asset_table", Bytes), req("preload", Bytes)], Returns::Json),
    op(AssetsPa, "glyph_bank", "build a GLYPH bank from tiles and palettes", "", ALL, &[req("spec", Kind::Json)], SUMMARY_AND_PAYLOAD),
    op(AssetsPa, "pack", "pack an asset project folder", "assets-pa pack", NATIVE, &[req("project_dir", Text), opt("out_dir", Text)], Returns::Json),
    op(AssetsPa, "pack_files", "pack an in-memory asset project", "", ALL, &[req("files", Files), OPTIONS], REPORT_AND_FILES),
];

/// The table as every host returns it from `operations()`: `[{family, name, flat,
/// python, js, cli, summary, hosts: {python, node, wasm}, params: [{name, kind,
/// required}], returns, fetches}]` in table order.
pub fn to_value() -> Value {
    to_value_where(|_| true)
}

/// The rows of [`to_value`] for the operations `keep` selects (a host built with a
/// subset, such as the WASM verify-only build, lists only what it has).
pub fn to_value_where(keep: impl Fn(&Op) -> bool) -> Value {
    Value::Array(
        OPS.iter()
            .filter(|o| keep(o))
            .map(|o| {
                let hosts = Map::record().with("python", o.hosts.python).with("node", o.hosts.node).with("wasm", o.hosts.wasm);
                Map::record()
                    .with("family", o.family.name())
                    .with("name", o.name)
                    .with("flat", o.flat_name().as_str())
                    .with("python", o.python_path().as_str())
                    .with("js", o.js_path().as_str())
                    .with("cli", o.cli)
                    .with("summary", o.summary)
                    .with("hosts", Value::from(hosts))
                    .with(
                        "params",
                        Value::Array(
                            o.params
                                .iter()
                                .map(|p| Map::record().with("name", p.name).with("kind", p.kind.name()).with("required", p.required).into())
                                .collect(),
                        ),
                    )
                    .with("returns", o.returns.describe().as_str())
                    .with("fetches", o.fetches)
                    .into()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_derive_js_names() {
        for (i, a) in OPS.iter().enumerate() {
            assert!(a.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", a.name);
            assert!(OPS[..i].iter().all(|b| (b.family, b.name) != (a.family, a.name)), "{}", a.name);
        }
        let v = OPS.iter().find(|o| o.name == "write_lock_registry_responses").unwrap();
        assert_eq!(v.js_path(), "writeLockRegistryResponses");
        assert_eq!(v.python_path(), "trustloop.anip.write_lock_registry_responses");
        let p = OPS.iter().find(|o| o.name == "pack_files").unwrap();
        assert_eq!((p.js_path().as_str(), p.python_path().as_str()), ("assetsPa.packFiles", "trustloop.assets_pa.pack_files"));
    }
}
