//! Many inputs in one call: `verify_many`, `anpkg validate_many`, `tree_digest_many`.
//! Each input runs through the single operation (`verify_bundle`, `anpkg_validate`,
//! `tree_digest`) with the same options, so a batch gives exactly what the per-input
//! calls give. The result is an array in input order of `{"result": …}` or
//! `{"error": {code, message, findings}}`: one bad input is its own entry, never the
//! whole batch's failure. The batch itself is bounded (`batch_items`, `batch_bytes`;
//! `BATCH_TOO_LARGE`).
//!
//! The core runs the inputs one after another (no threads in no_std or a browser); the
//! host crate runs the same [`Batch::entry`] on every core.
use alloc::format;
use alloc::vec::Vec;

use super::args::{find, Arg, Args, Out};
use super::ops::Op;
use crate::budgets::Budget;
use crate::diag::{findings_to_value, Error};
use crate::json::{Map, Value};

/// The single operation a batch operation runs per input.
fn single(op: &Op) -> Option<&'static str> {
    match op.flat_name().as_str() {
        "verify_many" => Some("verify_bundle"),
        "anpkg_validate_many" => Some("anpkg_validate"),
        "tree_digest_many" => Some("tree_digest"),
        _ => None,
    }
}

/// Whether `op` is a batch operation.
pub fn is_batch(op: &Op) -> bool {
    single(op).is_some()
}

/// The inputs of one batch call, checked against the budgets, and what each runs.
pub struct Batch<'a> {
    single: &'static Op,
    items: Vec<Arg<'a>>,
    options: Value,
}

fn too_large(message: alloc::string::String) -> Error {
    Error::new("BATCH_TOO_LARGE", message)
}

impl<'a> Batch<'a> {
    /// The batch of a batch operation's arguments (its list, then its options).
    pub fn new(mut args: Args<'a>) -> Result<Batch<'a>, Error> {
        let op = args.op();
        let single = find(single(op).ok_or_else(|| Error::new("UNKNOWN_OPERATION", format!("{} is not a batch operation", op.name)))?)?;
        let options = args.options();
        let not_a_list = || Error::new("INVALID_ARGUMENT", format!("{}: {} must be a list", op.name, op.params[0].name));
        let items = match args.take(op.params[0].name) {
            Arg::List(items) => items,
            Arg::Json(v) => v.into_array().map_err(|_| not_a_list())?.into_iter().map(Arg::Json).collect(),
            _ => return Err(not_a_list()),
        };
        let most = Budget::BatchItems.get();
        if items.len() > most {
            return Err(too_large(format!("{}: {} inputs, more than batch_items ({most})", op.name, items.len())));
        }
        let bytes: u64 = items.iter().map(|a| match a {
            Arg::Bytes(b) => b.len() as u64,
            Arg::Buf(b) => b.len() as u64,
            _ => 0,
        }).sum();
        if bytes > Budget::BatchBytes.bytes() {
            return Err(too_large(format!("{}: {bytes} bytes of input, more than batch_bytes ({})", op.name, Budget::BatchBytes.get())));
        }
        Ok(Batch { single, items, options })
    }

    /// How many inputs.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entry of input `i`, run through `dispatch` (the core's or the host's `call`).
    pub fn entry(&self, i: usize, dispatch: impl Fn(Args<'_>) -> Result<Out, Error>) -> Value {
        let item = match &self.items[i] {
            Arg::Bytes(b) => Arg::Bytes(b),
            Arg::Buf(b) => Arg::Bytes(b),
            Arg::Json(v) => Arg::Json(v.clone()),
            _ => Arg::Absent,
        };
        let mut args = Vec::with_capacity(self.single.params.len());
        args.push(item);
        args.resize_with(self.single.params.len() - 1, || Arg::Absent);
        args.push(Arg::Json(self.options.clone()));
        match Args::new(self.single, args).and_then(dispatch) {
            Ok(out) => Map::record().with("result", out.into_json().unwrap_or(Value::Null)).into(),
            Err(e) => error_entry(&e),
        }
    }

    /// The batch's result from its entries in input order.
    pub fn finish(entries: Vec<Value>) -> Out {
        Out::Json(Value::Array(entries))
    }
}

/// `{"error": {code, message, findings}}`: one input's failure, as its entry.
pub fn error_entry(e: &Error) -> Value {
    let error = Map::record()
        .with("code", e.code())
        .with("message", e.message())
        .with("findings", findings_to_value(core::slice::from_ref(e.finding())));
    Map::record().with("error", Value::from(error)).into()
}
