//! The ANIP verify subset of the operation table: what a host that only verifies ANIP
//! packages needs — verify (bundle, definition, registry responses, many bundles),
//! trust stores, exit codes, registry URLs, canonical JSON and digests, resource
//! budgets. [`call`] runs these and nothing else, so a host that dispatches through it
//! (the WASM verify-only build, `trustloop-wasm/verify`) links none of the other
//! operations' code; the full dispatcher ([`super::call`]) hands them here too.
use alloc::string::String;

use super::{invalid, Args, Out};
use crate::api::ops::Op;
use crate::diag::Error;
use crate::json::{Map, Value};

/// The subset's operations, by flat name (the `op` of the conformance vectors).
pub const OPERATIONS: &[&str] = &[
    "limits",
    "set_limit",
    "reset_limits",
    "canonicalize",
    "digest",
    "verify_bundle",
    "verify_definition",
    // Fetched by the host (`registry_target`'s URLs), then `verify_registry_responses`.
    "verify_registry",
    "verify_registry_responses",
    "verify_many",
    "registry_target",
    "trust_store",
    "exit_code",
];

/// Whether `op` is in the subset.
pub fn has(op: &Op) -> bool {
    OPERATIONS.contains(&op.flat_name().as_str())
}

/// Runs an operation of the subset; any other (and `verify_registry`, which the host
/// fetches) is `UNSUPPORTED_OPERATION`.
pub fn call(args: Args<'_>) -> Result<Out, Error> {
    use crate::api::{anip, batch, budgets, json};
    let op = args.op();
    let out = match op.flat_name().as_str() {
        "limits" => {
            let mut m = Map::new();
            for (name, value) in crate::budgets::current() {
                m.insert(name, Value::from(value));
            }
            Out::Json(Value::Object(m))
        }
        "set_limit" => {
            let value = args.int("value").unwrap_or(-1);
            let value = usize::try_from(value).map_err(|_| invalid(String::from("set_limit: value must be a non-negative integer")))?;
            budgets::set(args.req_text("name"), value)?;
            Out::Unit
        }
        "reset_limits" => {
            crate::budgets::reset();
            Out::Unit
        }
        "canonicalize" => Out::Bytes(json::canonical(args.req_bytes("data"), args.text("mode").unwrap_or("digest"))?),
        "digest" => Out::Text(json::digest(args.req_bytes("data"))?),
        "verify_bundle" | "verify_definition" => {
            let options = anip::VerifyOptions::from_value(&args.options())?;
            let (data, lock) = (args.req_bytes("data"), args.bytes("lock"));
            let verdict = if op.name == "verify_bundle" {
                anip::verify_bundle(data, lock, &options)?
            } else {
                anip::verify_definition(data, lock, &options)?
            };
            Out::Json(verdict.result)
        }
        "verify_registry_responses" => {
            let (verify, policy) = anip::split_registry_options(&args.options())?;
            let lock = args.bytes("lock");
            if let Some(bytes) = lock {
                anip::check_lock(bytes)?;
            }
            let responses = registry_responses(&args);
            Out::Json(anip::verify_registry(&responses, lock, &verify, &policy)?.result)
        }
        // Sequential here, as in the full dispatcher; each input runs through `call`.
        "verify_many" => {
            let batch = batch::Batch::new(args)?;
            batch::Batch::finish((0..batch.len()).map(|i| batch.entry(i, call)).collect())
        }
        "registry_target" => {
            let target = anip::registry_urls::target(
                args.text("registry_url").unwrap_or(""),
                args.text("package").unwrap_or(""),
                args.bytes("lock"),
                args.bool("allow_yanked"),
            )?;
            Out::Json(target)
        }
        "trust_store" => {
            let mut keys = Map::new();
            for (key_id, public_key) in anip::trust_store(args.req_bytes("data"))? {
                keys.insert(key_id, Value::String(public_key));
            }
            Out::Json(Value::Object(keys))
        }
        "exit_code" => Out::Int(anip::exit_code(args.json("result").unwrap_or(&Value::Null))?),
        // The message is the full dispatcher's, so both builds refuse alike.
        name => return Err(Error::new("UNSUPPORTED_OPERATION", alloc::format!("{name}: not available in this host"))),
    };
    Ok(out)
}

/// The three fetched registry documents of a `…_responses` operation's arguments.
pub(super) fn registry_responses<'a>(args: &'a Args<'a>) -> crate::api::RegistryResponses<'a> {
    crate::api::RegistryResponses {
        package_url: args.req_text("package_url"),
        download: args.req_bytes("download"),
        receipt: args.req_bytes("receipt"),
        keys: args.req_bytes("keys"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::call::{find, Arg};
    use crate::api::ops::OPS;

    /// Every operation of the subset is in the table and runs here; every other one is
    /// refused, so a host dispatching through the subset has exactly these.
    #[test]
    fn the_subset_runs_its_operations_and_refuses_the_rest() {
        for name in OPERATIONS {
            let op = find(name).unwrap();
            assert!(has(op), "{name}");
            if *name == "set_limit" || op.fetches {
                continue; // would change the process's budgets under the other tests; the host fetches
            }
            let args = op.params.iter().map(|p| if p.required { Arg::Json(Value::Object(Map::new())) } else { Arg::Absent }).collect();
            if let Ok(args) = Args::new(op, args) {
                assert!(!matches!(call(args), Err(e) if e.code() == "UNSUPPORTED_OPERATION"), "{name}");
            }
        }
        for op in OPS.iter().filter(|o| !has(o) && o.params.iter().all(|p| !p.required)) {
            let e = call(Args::new(op, alloc::vec::Vec::new()).unwrap()).unwrap_err();
            assert_eq!(e.code(), "UNSUPPORTED_OPERATION", "{}", op.name);
        }
        assert_eq!(OPS.iter().filter(|o| has(o)).count(), OPERATIONS.len());
    }
}
