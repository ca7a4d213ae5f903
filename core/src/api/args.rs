//! The arguments and results of one call of the operation table: what hosts convert
//! their native values into ([`Arg`], checked against the operation's parameters by
//! [`Args::new`]) and back from ([`Out`]). [`super::call`] and [`super::batch`] both
//! use them.
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::ops::{self, Kind, Op};
use crate::diag::Error;
use crate::json::{Map, Value};

/// One argument as a host passes it: bytes as bytes, structures as the core's JSON
/// value, `{path: bytes}` maps as files. `Absent` is an omitted optional argument.
#[derive(Debug)]
pub enum Arg<'a> {
    Absent,
    Bytes(&'a [u8]),
    /// Bytes the host had to assemble itself (read from a file, copied).
    Buf(Vec<u8>),
    Text(String),
    Int(i64),
    Bool(bool),
    Json(Value),
    Files(BTreeMap<String, Vec<u8>>),
    /// The inputs of a batch operation, each `Bytes` or `Buf`.
    List(Vec<Arg<'a>>),
}

/// What an operation returns; hosts build native values from it (a `Record` is a
/// tuple in Python and an object with these keys in JS).
#[derive(Debug)]
pub enum Out {
    Unit,
    Json(Value),
    Bytes(Vec<u8>),
    Text(String),
    Int(i64),
    /// `[(name, bytes)]` in the core's order.
    Files(Vec<(String, Vec<u8>)>),
    Record(Vec<(&'static str, Out)>),
}

/// The arguments of one call, checked against the operation's parameters.
pub struct Args<'a> {
    op: &'static Op,
    args: Vec<Arg<'a>>,
}

pub(super) fn invalid(message: String) -> Error {
    Error::new("INVALID_ARGUMENT", message)
}

impl<'a> Args<'a> {
    /// `args` in parameter order; missing trailing ones are absent. `INVALID_ARGUMENT`
    /// for too many, a missing required one or a kind the parameter does not take.
    pub fn new(op: &'static Op, mut args: Vec<Arg<'a>>) -> Result<Args<'a>, Error> {
        if args.len() > op.params.len() {
            return Err(invalid(format!("{}: takes {} arguments, got {}", op.name, op.params.len(), args.len())));
        }
        args.resize_with(op.params.len(), || Arg::Absent);
        for (p, a) in op.params.iter().zip(&args) {
            let fits = match (p.kind, a) {
                (_, Arg::Absent) => !p.required,
                (Kind::Bytes, Arg::Bytes(_) | Arg::Buf(_))
                | (Kind::Text, Arg::Text(_))
                | (Kind::Int, Arg::Int(_))
                | (Kind::Bool, Arg::Bool(_))
                | (Kind::Json | Kind::Options, Arg::Json(_))
                | (Kind::Files, Arg::Files(_)) => true,
                (Kind::BytesList, Arg::List(items)) => items.iter().all(|i| matches!(i, Arg::Bytes(_) | Arg::Buf(_))),
                _ => false,
            };
            if p.kind == Kind::Options && matches!(a, Arg::Json(v) if !matches!(v, Value::Object(_) | Value::Null)) {
                return Err(Error::new("OPTIONS_NOT_OBJECT", "options must be a JSON object"));
            }
            if !fits {
                let what = if matches!(a, Arg::Absent) { "is required" } else { "has the wrong type" };
                return Err(invalid(format!("{}: argument {} {what} (expected {})", op.name, p.name, p.kind.name())));
            }
        }
        Ok(Args { op, args })
    }

    /// The operation these arguments are for.
    pub fn op(&self) -> &'static Op {
        self.op
    }

    fn slot(&self, name: &str) -> &Arg<'a> {
        let i = self.op.params.iter().position(|p| p.name == name);
        // A name missing from the table is a bug in this file, caught by the tests.
        i.map_or(&Arg::Absent, |i| &self.args[i])
    }

    pub fn bytes(&self, name: &str) -> Option<&[u8]> {
        match self.slot(name) {
            Arg::Bytes(b) => Some(b),
            Arg::Buf(b) => Some(b),
            _ => None,
        }
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        match self.slot(name) {
            Arg::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.slot(name) {
            Arg::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> bool {
        matches!(self.slot(name), Arg::Bool(true))
    }

    pub fn json(&self, name: &str) -> Option<&Value> {
        match self.slot(name) {
            Arg::Json(v) => Some(v),
            _ => None,
        }
    }

    /// The options object (`{}` when absent).
    pub fn options(&self) -> Value {
        match self.json("options") {
            Some(v @ Value::Object(_)) => v.clone(),
            _ => Value::Object(Map::new()),
        }
    }

    /// Takes an argument out, leaving it absent.
    pub fn take(&mut self, name: &str) -> Arg<'a> {
        let i = self.op.params.iter().position(|p| p.name == name);
        i.map_or(Arg::Absent, |i| core::mem::replace(&mut self.args[i], Arg::Absent))
    }

    /// Takes a files argument out (empty when absent).
    pub fn take_files(&mut self, name: &str) -> BTreeMap<String, Vec<u8>> {
        match self.take(name) {
            Arg::Files(f) => f,
            _ => BTreeMap::new(),
        }
    }

    // Required arguments were checked by `new`; these give them without an Option.
    pub(super) fn req_bytes(&self, name: &str) -> &[u8] {
        self.bytes(name).unwrap_or_default()
    }

    pub(super) fn req_text(&self, name: &str) -> &str {
        self.text(name).unwrap_or_default()
    }
}

/// The table entry called `name` (the flat name: `verify_bundle`, `anpkg_validate`,
/// `assets_pa_write`).
pub fn find(name: &str) -> Result<&'static Op, Error> {
    ops::OPS
        .iter()
        .find(|o| o.flat_name() == name)
        .ok_or_else(|| Error::new("UNKNOWN_OPERATION", format!("unknown operation {name:?}")))
}

impl Out {
    /// The value as the CLI's `--json` would print it where one exists (tests, vectors).
    pub fn into_json(self) -> Option<Value> {
        match self {
            Out::Json(v) => Some(v),
            Out::Text(t) => Some(Value::String(t)),
            Out::Int(n) => Some(Value::from(n)),
            Out::Unit => Some(Value::Null),
            _ => None,
        }
    }
}
