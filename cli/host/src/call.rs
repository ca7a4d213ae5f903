//! The native bindings' one entry: the core's dispatcher ([`api::call`]) plus the
//! operations that read or write paths or spawn (a browser has none of them). The
//! Python and Node layers convert arguments by the table's kinds, call [`call`], and
//! convert the result; nothing per operation lives in them.
use std::path::Path;

use trustloop_core::api;
use trustloop_core::api::call::{Args, Out};
use trustloop_core::api::diag::Error;

use crate::anpkg::export::{export, ExportRequest};
use crate::anpkg::validate::{validate_value, Package};

pub use trustloop_core::api::call::{find, Arg};

/// Runs one operation; see [`api::call::call`] for the pure ones.
pub fn call(args: Args<'_>) -> Result<Out, Error> {
    let op = args.op();
    match op.flat_name().as_str() {
        "anpkg_validate" => {
            let package = match (args.bytes("data"), args.text("path")) {
                (Some(d), None) => Package::Bytes(d),
                (None, Some(p)) => Package::Path(p),
                _ => return Err(Error::new("INVALID_ARGUMENT", "anpkg_validate: give exactly one of data or path")),
            };
            Ok(Out::Json(validate_value(package, &args.options())?))
        }
        "anpkg_export" | "anpkg_export_report" => {
            let request = ExportRequest::from_value(&args.options())?;
            let (package, report) = export(args.text("project_dir").unwrap_or(""), args.text("output"), &request)?;
            Ok(if op.name == "export" { Out::Bytes(package) } else { Out::Json(report) })
        }
        "assets_pa_pack" => {
            let out_dir = args.text("out_dir").map(Path::new);
            let packed = crate::assets_project::pack(Path::new(args.text("project_dir").unwrap_or("")), out_dir)?;
            Ok(Out::Json(packed.report()))
        }
        _ if api::batch::is_batch(op) => {
            let batch = api::batch::Batch::new(args)?;
            Ok(api::batch::Batch::finish(crate::batch::each_index(batch.len(), |i| crate::batch::entry(&batch, i, call))))
        }
        _ => api::call::call(args),
    }
}

/// [`call`], with a batch operation's entries handed to `entry` in input order as they
/// are ready ([`crate::batch::stream`]) instead of returned as one array: `Ok(None)`
/// then. Any other operation's result comes back whole. `entry` returning false stops
/// the batch (the host keeps its own reason).
pub fn call_each(args: Args<'_>, entry: impl FnMut(&api::json::Value) -> bool) -> Result<Option<Out>, Error> {
    if !api::batch::is_batch(args.op()) {
        return call(args).map(Some);
    }
    let batch = api::batch::Batch::new(args)?;
    crate::batch::stream(&batch, call, entry);
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustloop_core::api::ops::OPS;

    /// Every operation but the fetching ones runs natively (the fetch is the host
    /// language's; its `_responses` half runs here).
    #[test]
    fn every_native_operation_is_dispatched() {
        for op in OPS.iter().filter(|o| (o.hosts.python || o.hosts.node) && !o.fetches && o.name != "set_limit") {
            let args = op
                .params
                .iter()
                .map(|p| match p.kind {
                    api::ops::Kind::Bytes => Arg::Bytes(b"{}"),
                    api::ops::Kind::Text => Arg::Text("/nonexistent/trustloop-test".into()),
                    api::ops::Kind::Int => Arg::Int(0),
                    api::ops::Kind::Bool => Arg::Bool(false),
                    api::ops::Kind::Files => Arg::Files(Default::default()),
                    api::ops::Kind::BytesList => Arg::List(vec![Arg::Bytes(b"{}")]),
                    _ => Arg::Json(api::json::Value::Object(api::json::Map::new())),
                })
                .collect();
            // anpkg_validate takes data or path, not both: give only the bytes.
            let mut args: Vec<Arg> = args;
            if op.flat_name() == "anpkg_validate" {
                args[1] = Arg::Absent;
            }
            if let Err(e) = call(Args::new(op, args).unwrap()) {
                assert_ne!(e.code(), "UNSUPPORTED_OPERATION", "{}", op.name);
            }
        }
    }
}
