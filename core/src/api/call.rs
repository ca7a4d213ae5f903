//! One door for every binding: an operation of the table ([`super::ops`]) called by
//! name with host-neutral arguments. The Python, Node and WASM layers convert their
//! native values into [`Arg`]s by each parameter's [`Kind`] (read from the table),
//! call [`call`] (natively through the host crate, which adds the operations that
//! touch the file system), and convert the [`Out`] back. They hold no per-operation
//! code, so an operation is added here and in the table, not in five hosts.
use alloc::format;

use super::args::invalid;
pub use super::args::{find, Arg, Args, Out};
use super::ops::{self, Op};
use crate::diag::Error;
use crate::json::Value;

pub mod verify_only;

/// Whether this build of the core has `op` (features `keygen`, `zip` and `std` add
/// operations; the no_std build has the rest).
pub fn available(op: &Op) -> bool {
    let gated = (op.name == "keygen" && !cfg!(feature = "keygen"))
        || (op.family == ops::Family::Anpkg && !cfg!(feature = "zip"))
        || (op.flat_name() == "assets_pa_pack_files" && !cfg!(feature = "std"));
    !gated
}

/// Runs a pure operation. The operations that read or write paths are the host
/// crate's (`trustloop_host::call`), which hands everything else to this function;
/// the ANIP verify subset is [`verify_only`]'s.
// `mut`: only the operations that take file maps (features zip, std) move them out.
#[allow(unused_mut)]
pub fn call(mut args: Args<'_>) -> Result<Out, Error> {
    use super::anip::tree;
    use super::assets_pa as pa;
    let op = args.op();
    if verify_only::has(op) {
        return verify_only::call(args);
    }
    let out = match op.flat_name().as_str() {
        #[cfg(feature = "keygen")]
        "keygen" => Out::Json(super::keygen(args.text("key_id").unwrap_or(""))?),
        "write_lock_registry_responses" => {
            let policy = super::RegistryPolicy::from_value(&args.options())?;
            Out::Bytes(super::anip::write_lock_registry(&verify_only::registry_responses(&args), &policy)?.into_bytes())
        }
        "write_lock" => Out::Bytes(super::anip::write_lock(args.req_bytes("bundle"))?.into_bytes()),
        "build_local" => {
            let options = super::BuildLocalOptions::from_value(&args.options())?;
            let files = super::anip::build_local(args.req_bytes("definition"), &options)?;
            Out::Files(files.into_iter().map(|f| (f.name, f.bytes)).collect())
        }
        "tree_digest" => {
            let entries = tree::entries_from_value(args.json("entries").unwrap_or(&Value::Null))?;
            Out::Json(tree::tree_digest(&entries, &tree::TreeDigestOptions::from_value(&args.options())?)?)
        }
        "tree_combine" => Out::Text(tree::tree_combine(args.req_bytes("data"), args.text("pointer").unwrap_or(""))?),
        "bundle_report" => {
            let entries = tree::entries_from_value(args.json("entries").unwrap_or(&Value::Null))?;
            let options = tree::BundleReportOptions::from_value(&args.options())?;
            Out::Json(tree::bundle_report(args.req_bytes("bundle"), &entries, &options)?)
        }
        "bundle_materials" => Out::Json(tree::bundle_materials(args.req_bytes("bundle"))?),
        "ref_check" => Out::Json(super::anip::ref_check(args.req_text("reference"))?),
        "attach_implementation" => {
            let entries = args.json("entries").map(tree::entries_from_value).transpose()?;
            let options = super::AttachOptions::from_value(&args.options())?;
            Out::Json(super::anip::attach_implementation(args.req_bytes("bundle"), entries.as_deref(), &options)?)
        }
        "lint" => Out::Json(super::anip::lint(args.req_bytes("bundle"))?),
        #[cfg(feature = "zip")]
        "anpkg_validate" => {
            let Some(data) = args.bytes("data") else {
                return Err(invalid("anpkg_validate: give the archive bytes (a path needs a native host)".into()));
            };
            let options_value = args.options();
            let options = super::AnpkgValidateOptions::from_value(&options_value)?;
            // A host without processes cannot replay: say so instead of skipping silently.
            let replay = if options_value.get("runtime_bin").is_some_and(|v| !matches!(v, Value::Null)) {
                super::AnpkgReplayStatus::Unavailable
            } else {
                super::AnpkgReplayStatus::NotRequested
            };
            Out::Json(super::anpkg_validate_archive(data, &options).to_value(replay))
        }
        #[cfg(feature = "zip")]
        "anpkg_export_files" => {
            let files = args.take_files("files");
            let mut options = super::AnpkgExportOptions::from_value(&args.options())?;
            options.data_root_files = args.take_files("data_root_files");
            let exported = super::anpkg_export_files(files, &options)?;
            let report = super::anpkg_export_report(&exported, &options.export.project_name);
            Out::Record(alloc::vec![("package", Out::Bytes(exported.package)), ("report", Out::Json(report))])
        }
        "assets_pa_write" => {
            Out::Bytes(pa::write_value(args.json("entries").unwrap_or(&Value::Null), args.json("preload").unwrap_or(&Value::Null))?)
        }
        "assets_pa_read" => Out::Json(pa::read(args.req_bytes("data"))?),
        "assets_pa_verify" => Out::Json(pa::verify(args.req_bytes("data"))),
        "assets_pa_extract" => Out::Bytes(pa::extract(args.req_bytes("data"), args.int("asset_id").unwrap_or(-1))?),
        "assets_pa_companions" => Out::Files(pa::companions(args.req_bytes("data"))?),
        "assets_pa_verify_companions" => {
            Out::Json(pa::verify_companions(args.req_bytes("data"), args.req_bytes("asset_table"), args.req_bytes("preload")))
        }
        "assets_pa_glyph_bank" => {
            let bank = pa::glyph_bank_value(args.json("spec").unwrap_or(&Value::Null))?;
            Out::Record(alloc::vec![("summary", Out::Json(bank.summary_value())), ("payload", Out::Bytes(bank.payload))])
        }
        #[cfg(feature = "std")]
        "assets_pa_pack_files" => {
            let files = args.take_files("files");
            let options = args.options();
            let options = match options.as_object() {
                Some(m) if m.is_empty() => pa::PackOptions::default(),
                _ => pa::PackOptions::from_value(&options)?,
            };
            let packed = pa::pack(&files, &options)?;
            Out::Record(alloc::vec![("report", Out::Json(packed.report)), ("files", Out::Files(packed.files))])
        }
        // Sequential here (no threads in a no_std core or a browser); natively the host
        // crate runs the same batch on every core.
        _ if super::batch::is_batch(op) => {
            let batch = super::batch::Batch::new(args)?;
            super::batch::Batch::finish((0..batch.len()).map(|i| batch.entry(i, call)).collect())
        }
        name => return Err(Error::new("UNSUPPORTED_OPERATION", format!("{name}: not available in this host"))),
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops::Kind;
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use crate::json::Map;
    use alloc::vec::Vec;

    fn sample(kind: Kind) -> Arg<'static> {
        match kind {
            Kind::Bytes => Arg::Bytes(b"{}"),
            Kind::Text => Arg::Text(String::from("x")),
            Kind::Int => Arg::Int(0),
            Kind::Bool => Arg::Bool(false),
            Kind::Json | Kind::Options => Arg::Json(Value::Object(Map::new())),
            Kind::Files => Arg::Files(BTreeMap::new()),
            Kind::BytesList => Arg::List(Vec::new()),
        }
    }

    /// Every operation a browser has (and the helper) is the core's: none falls through
    /// to `UNSUPPORTED_OPERATION`, whatever its arguments make of it.
    #[test]
    fn the_core_runs_every_operation_without_file_system_or_fetching() {
        for op in ops::OPS.iter().filter(|o| (o.hosts.wasm || o.hosts == ops::HELPER) && !o.fetches) {
            if op.name == "set_limit" {
                continue; // would change the process's budgets under the other tests
            }
            // Operations whose feature is off here (the no_std build) are unsupported.
            if !available(op) {
                continue;
            }
            let args = Args::new(op, op.params.iter().map(|p| sample(p.kind)).collect()).unwrap();
            match call(args) {
                Ok(out) => assert!(shaped(&out, op.returns), "{}: {out:?} is not {}", op.name, op.returns.describe()),
                Err(e) => assert_ne!(e.code(), "UNSUPPORTED_OPERATION", "{}", op.name),
            }
        }
    }

    /// Whether `out` has the shape the table declares.
    fn shaped(out: &Out, returns: ops::Returns) -> bool {
        use ops::Returns as R;
        match (out, returns) {
            (Out::Unit, R::Nothing) | (Out::Json(_), R::Json) | (Out::Bytes(_), R::Bytes) | (Out::Text(_), R::Text) => true,
            (Out::Int(_), R::Int) | (Out::Files(_), R::Files) => true,
            (Out::Record(got), R::Record(want)) => {
                got.len() == want.len() && got.iter().zip(want.iter()).all(|((gn, g), (wn, w))| gn == wn && shaped(g, *w))
            }
            _ => false,
        }
    }

    /// The operations that succeed on minimal arguments give what the table says.
    #[test]
    fn results_have_the_declared_shape() {
        let ok = |name: &str, args: Vec<Arg<'static>>| {
            let op = find(name).unwrap();
            let out = call(Args::new(op, args).unwrap()).unwrap();
            assert!(shaped(&out, op.returns), "{name}: {out:?} is not {}", op.returns.describe());
        };
        ok("limits", Vec::new());
        ok("canonicalize", alloc::vec![Arg::Bytes(b"{}")]);
        ok("digest", alloc::vec![Arg::Bytes(b"{}")]);
        ok("exit_code", alloc::vec![Arg::Json(Map::record().with("status", "ok").into())]);
        ok("assets_pa_write", alloc::vec![Arg::Json(Value::Array(Vec::new()))]);
        ok("assets_pa_verify", alloc::vec![Arg::Bytes(b"")]);
    }

    #[test]
    fn arguments_are_checked_against_the_table() {
        let verify = find("verify_bundle").unwrap();
        let code = |args: Vec<Arg<'static>>| Args::new(verify, args).err().map(|e| String::from(e.code()));
        assert_eq!(code(Vec::new()).as_deref(), Some("INVALID_ARGUMENT")); // data is required
        assert_eq!(code(alloc::vec![Arg::Text(String::from("{}"))]).as_deref(), Some("INVALID_ARGUMENT"));
        assert_eq!(code(alloc::vec![Arg::Bytes(b"{}"), Arg::Absent, Arg::Absent, Arg::Absent]).as_deref(), Some("INVALID_ARGUMENT"));
        assert_eq!(code(alloc::vec![Arg::Bytes(b"{}")]), None);
        assert_eq!(find("no_such_operation").err().map(|e| String::from(e.code())).as_deref(), Some("UNKNOWN_OPERATION"));
        let fetch = find("verify_registry").unwrap();
        let e = call(Args::new(fetch, alloc::vec![Arg::Text(String::from("http://r"))]).unwrap()).unwrap_err();
        assert_eq!(e.code(), "UNSUPPORTED_OPERATION");
    }

    #[test]
    fn exit_codes_follow_the_status() {
        let exit = find("exit_code").unwrap();
        let run = |v: Value| match call(Args::new(exit, alloc::vec![Arg::Json(v)]).unwrap()) {
            Ok(Out::Int(n)) => n,
            other => panic!("{other:?}"),
        };
        assert_eq!(run(Map::record().with("status", "failed").into()), 2);
        assert_eq!(run(Map::record().with("status", "ok_legacy").into()), 0);
    }
}
