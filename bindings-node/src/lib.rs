//! The napi-rs skin over `trustloop_core::api` (npm package `trustloop`).
//!
//! Conversion and error mapping only. Every operation of the core's table goes through
//! one function, `call(op, args)`: arguments converted by the table's parameter kinds
//! (`from_js.rs`), the operation run by `trustloop_host::call` (the core's dispatcher
//! plus the operations on paths, shared with the Python layer), the result built as JS
//! values (`to_js.rs`). A core `Error` or a caught panic is thrown as a JS `Error`
//! whose message is `TRUSTLOOP_ERROR:` + `{code, message, findings}` JSON; `index.js`
//! turns that into a `TrustloopError`. Nothing unwinds into Node. HTTP fetching of
//! registry sources is `index.js`'s (global `fetch`).
// `deny`, not `forbid`: every `#[napi]` item expands (through napi's `ctor`
// registration) to code carrying `#[allow(unsafe_code)]`, which `forbid` rejects
// (E0453). `deny` still refuses any `unsafe` written by hand in this crate.
#![deny(unsafe_code)]
use std::panic::{catch_unwind, AssertUnwindSafe};

/// mimalloc for the addon's own allocations (V8 keeps its own): measured 0.90× CPU
/// per in-process verify (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use napi::bindgen_prelude::{AsyncTask, Buffer, JsValue, Object, ToNapiValue, Undefined, Unknown};
use napi::ScopedTask;
use napi::{Env, Error as JsError, Status};
use napi_derive::napi;
use trustloop_core::api;
use trustloop_core::api::call::{Args, Out};
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{self, Map, Value};
use trustloop_host::call as host;

mod from_js;
mod to_js;

/// Marks an error thrown by this addon; `index.js` matches it.
const ERROR_PREFIX: &str = "TRUSTLOOP_ERROR:";

fn js_error(payload: &Value) -> JsError {
    JsError::new(Status::GenericFailure, format!("{ERROR_PREFIX}{}", json::to_compact(payload)))
}

/// Runs a core call, mapping its `Error` and any panic to a thrown JS error.
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> napi::Result<T> {
    guarded_op(None, f)
}

/// [`guarded`] for an operation of the table: its errors carry the CLI's `exit_code`.
fn guarded_op<T>(op: Option<&api::ops::Op>, f: impl FnOnce() -> Result<T, Error>) -> napi::Result<T> {
    trustloop_host::panics::install();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            let mut payload = e.to_value();
            if let (Some(code), Value::Object(m)) = (op.and_then(|o| o.error_exit_code(e.code())), &mut payload) {
                m.insert("exit_code", Value::from(code as u64));
            }
            Err(js_error(&payload))
        }
        Err(payload) => {
            let msg = trustloop_host::panics::describe(payload.as_ref());
            let v: Value = Map::record()
                .with("code", "INTERNAL_PANIC")
                .with("message", format!("internal error (panic): {msg}"))
                .with("findings", Value::Array(Vec::new()))
                .into();
            Err(js_error(&v))
        }
    }
}

/// The crate version.
#[napi]
pub fn version() -> String {
    api::VERSION.to_string()
}

/// Runs the table operation `op` (its flat name) on `args`, in the table's parameter
/// order; `undefined`/`null` omit an argument.
#[napi]
pub fn call<'e>(env: &'e Env, op: String, args: Vec<Unknown<'e>>) -> napi::Result<Unknown<'e>> {
    let (op, mut held) = hold_args(&op, args)?;
    // A batch's entries become JS values as they are ready, on this thread, while the
    // pool verifies later ones (`trustloop_host::batch::stream`).
    let mut entries = env.create_array(0)?;
    let mut taken = 0;
    let mut keys = to_js::Keys::default();
    let mut refused = None;
    let take = |entry: &Value| match to_js::value_with(env, entry, &mut keys).and_then(|e| entries.set(taken, e)) {
        Ok(()) => {
            taken += 1;
            true
        }
        Err(e) => {
            refused = Some(e);
            false
        }
    };
    let out = guarded_op(Some(op), || host::call_each(Args::new(op, held.iter_mut().map(from_js::Held::arg).collect())?, take))?;
    if let Some(e) = refused {
        return Err(e);
    }
    match out {
        Some(out) => out_to_js(env, out),
        None => Ok(entries.to_unknown()),
    }
}

/// [`call`] on the libuv thread pool: a Promise, so a long verify, validate, pack or
/// export leaves the event loop free. Arguments are converted (bytes copied) first,
/// on the calling thread.
#[napi(ts_return_type = "Promise<unknown>")]
pub fn call_async(op: String, args: Vec<Unknown<'_>>) -> napi::Result<AsyncTask<CallTask>> {
    let (op, held) = hold_args(&op, args)?;
    Ok(AsyncTask::new(CallTask { op, args: Some(held.into_iter().map(from_js::Held::into_owned).collect()) }))
}

/// One operation run by [`call_async`].
pub struct CallTask {
    op: &'static api::ops::Op,
    args: Option<Vec<trustloop_core::api::call::Arg<'static>>>,
}

impl<'task> ScopedTask<'task> for CallTask {
    type Output = Out;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Out> {
        let args = self.args.take().unwrap_or_default();
        guarded_op(Some(self.op), || host::call(Args::new(self.op, args)?))
    }

    fn resolve(&mut self, env: &'task Env, output: Out) -> napi::Result<Unknown<'task>> {
        out_to_js(env, output)
    }
}

/// The table entry `op` and its arguments converted by the parameters' kinds (too many
/// arguments is an error here: zipping them with the parameters would drop the rest).
fn hold_args(op: &str, args: Vec<Unknown<'_>>) -> napi::Result<(&'static api::ops::Op, Vec<from_js::Held>)> {
    let op = guarded(|| host::find(op))?;
    if args.len() > op.params.len() {
        return Err(js_error(&Error::new("INVALID_ARGUMENT", format!("{}: takes {} arguments, got {}", op.name, op.params.len(), args.len())).to_value()));
    }
    let held = op.params.iter().zip(args).map(|(param, arg)| guarded(|| from_js::hold(param, arg))).collect::<napi::Result<Vec<_>>>()?;
    Ok((op, held))
}

/// An operation's result: `undefined`, a plain JS value, a `Buffer`, a string, a
/// number, `[{name, bytes}]`, or an object of those (a record).
fn out_to_js(env: &Env, out: Out) -> napi::Result<Unknown<'_>> {
    Ok(match out {
        Out::Unit => Undefined::default().into_unknown(env)?,
        Out::Json(v) => to_js::value(env, &v)?,
        Out::Bytes(b) => Buffer::from(b).into_unknown(env)?,
        Out::Text(t) => t.into_unknown(env)?,
        Out::Int(n) => (n as f64).into_unknown(env)?,
        Out::Files(files) => {
            let mut array = env.create_array(files.len() as u32)?;
            for (i, (name, bytes)) in files.into_iter().enumerate() {
                let mut file = Object::new(env)?;
                file.set("name", name)?;
                file.set("bytes", Buffer::from(bytes))?;
                array.set(i as u32, file)?;
            }
            array.to_unknown()
        }
        Out::Record(fields) => {
            let mut object = Object::new(env)?;
            for (name, v) in fields {
                object.set(name, out_to_js(env, v)?)?;
            }
            object.to_unknown()
        }
    })
}

/// The operation table this package is derived from.
#[napi]
pub fn operations(env: &Env) -> napi::Result<Unknown<'_>> {
    to_js::value(env, &api::ops::to_value())
}

/// Every finding and error code, once: `[{code, section, severity, meaning}]`.
#[napi]
pub fn codes(env: &Env) -> napi::Result<Unknown<'_>> {
    to_js::value(env, &api::codes::to_value())
}

/// Test hook: proves a panic in the addon surfaces as `INTERNAL_PANIC`.
#[napi(js_name = "_panicForTest")]
pub fn panic_for_test() -> napi::Result<()> {
    guarded(|| -> Result<(), Error> { panic!("deliberate test panic") })
}

/// The limits `index.js` applies to registry fetches (one definition, shared with Python).
#[napi(object)]
pub struct RegistryLimits {
    pub max_body_bytes: u32,
    pub timeout_seconds: u32,
}

/// Registry fetch limits: largest body, default timeout.
#[napi]
pub fn registry_limits() -> RegistryLimits {
    RegistryLimits {
        max_body_bytes: u32::try_from(trustloop_host::registry::MAX_BODY_BYTES).unwrap_or(u32::MAX),
        timeout_seconds: u32::try_from(trustloop_host::registry::TIMEOUT_SECONDS).unwrap_or(u32::MAX),
    }
}
