//! Many inputs on every core (rayon's pool: one thread per core, `RAYON_NUM_THREADS`
//! overrides), results in input order. The batch operations of the table
//! (`verify_many`, `anpkg validate_many`, `tree_digest_many`) run their
//! [`Batch`] entries through [`each_index`], or through [`stream`] when the caller
//! turns each entry into a host value as it comes; the CLI's multi-input commands call
//! [`each`] with their per-input function and print the results in order, so the
//! output bytes are those of a sequential run.
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::sync::{mpsc, Mutex};

use rayon::prelude::*;
use trustloop_core::api::batch::{error_entry, Batch};
use trustloop_core::api::call::{Args, Out};
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::Value;

use crate::sync::lock;

/// `f` of every item, run on every core, in the items' order.
pub fn each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().map(f).collect()
}

/// `f(0..n)`, run on every core, in index order.
pub fn each_index<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync + Send) -> Vec<R> {
    (0..n).into_par_iter().map(f).collect()
}

/// The entries of `batch` handed to `sink` in input order, on the calling thread, while
/// later inputs still run: a host that builds its own value of each entry (Python
/// objects under the GIL, JS values on the JS thread) overlaps that serial work with
/// the verifying instead of doing it all after. The calling thread is one of the
/// workers: when the next entry in order is not ready it runs the next input itself, so
/// the batch keeps one thread per core (one core: no other thread at all). Inputs are
/// taken in order from one counter, so entries arrive nearly in order and few wait.
/// `sink` returning false (the host could not take the entry) stops the batch: inputs
/// not yet started are not run.
///
/// A worker's entries go back to it to be freed, after the sink: memory freed by the
/// thread that allocated it stays in that thread's heap and cache. Freed by the calling
/// thread, every block was a cache miss when the worker reused it (profiled: the
/// allocator took five times as long on two cores as on one). Entries handed back after
/// a worker's last input are freed at the end, with the rest.
pub fn stream(batch: &Batch<'_>, dispatch: fn(Args<'_>) -> Result<Out, Error>, mut sink: impl FnMut(&Value) -> bool) {
    let n = batch.len();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let take = || (!stop.load(Relaxed)).then(|| next.fetch_add(1, Relaxed)).filter(|&i| i < n);
    let workers = rayon::current_num_threads().min(n).saturating_sub(1);
    let spent: Vec<Mutex<Vec<Value>>> = (0..workers).map(|_| Mutex::default()).collect();
    // (input, entry, the worker that made it; None: the calling thread)
    let (tx, rx) = mpsc::channel::<(usize, Value, Option<usize>)>();
    rayon::in_place_scope(|scope| {
        for (worker, spent) in spent.iter().enumerate() {
            let (tx, take) = (tx.clone(), &take);
            scope.spawn(move |_| {
                while let Some(i) = take() {
                    let value = entry(batch, i, dispatch);
                    // Taken under the lock, freed after it: the calling thread never waits.
                    let freed = std::mem::take(&mut *lock(spent));
                    drop(freed);
                    let _ = tx.send((i, value, Some(worker)));
                }
            });
        }
        drop(tx);
        let mut ready = BTreeMap::new();
        for wanted in 0..n {
            let (value, maker) = loop {
                if let Some(made) = ready.remove(&wanted) {
                    break made;
                }
                ready.extend(rx.try_iter().map(|(i, value, maker)| (i, (value, maker))));
                if ready.contains_key(&wanted) {
                    continue;
                }
                match take() {
                    Some(i) => {
                        ready.insert(i, (entry(batch, i, dispatch), None));
                    }
                    // Every input is taken: the one wanted is running on a worker.
                    None => match rx.recv() {
                        Ok((i, value, maker)) => {
                            ready.insert(i, (value, maker));
                        }
                        Err(_) => return, // no worker left: cannot happen, entries catch panics
                    },
                }
            };
            let more = sink(&value);
            if let Some(worker) = maker {
                lock(&spent[worker]).push(value);
            }
            if !more {
                stop.store(true, Relaxed); // workers finish the input they hold and take no more
                return;
            }
        }
    });
}

/// Entry `i` of `batch`; a panic (always a bug) is that input's `INTERNAL_PANIC`
/// entry, not the batch's end.
pub fn entry(batch: &Batch<'_>, i: usize, dispatch: fn(Args<'_>) -> Result<Out, Error>) -> Value {
    catch_unwind(AssertUnwindSafe(|| batch.entry(i, dispatch))).unwrap_or_else(|payload| {
        let message = format!("internal error (panic): {}", crate::panics::describe(payload.as_ref()));
        error_entry(&Error::new("INTERNAL_PANIC", message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{call, find, Arg};
    use trustloop_core::api::json::{Map, Value};

    /// The budget test changes a process-wide budget: the batch tests take turns.
    static BUDGETS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn run(op: &str, args: Vec<Arg<'_>>) -> Result<Out, Error> {
        call(Args::new(find(op).unwrap(), args)?)
    }

    fn json(out: Out) -> Value {
        out.into_json().unwrap()
    }

    /// The per-input call's result as a batch entry.
    fn alone(op: &str, input: Arg<'_>, options: &Value) -> Value {
        let single = find(op).unwrap();
        let mut args = vec![input];
        args.resize_with(single.params.len() - 1, || Arg::Absent);
        args.push(Arg::Json(options.clone()));
        match run(op, args) {
            Ok(out) => Map::record().with("result", json(out)).into(),
            Err(e) => error_entry(&e),
        }
    }

    /// Signed bundles of the example definition (a version each), one tampered, and
    /// inputs that are no bundle at all.
    fn bundles() -> Vec<Vec<u8>> {
        let definition = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/anip/order-desk-service-definition.json")).unwrap();
        let mut out = Vec::new();
        for n in 0..6 {
            let options = Map::record().with("package_id", "order-desk").with("package_version", format!("1.0.{n}").as_str());
            let Out::Files(files) = run("build_local", vec![Arg::Bytes(&definition), Arg::Json(options.into())]).unwrap() else { panic!() };
            let (_, bundle) = files.into_iter().find(|(name, _)| name.ends_with(".anip-package.json")).unwrap();
            out.push(bundle);
        }
        // The manifest's readme edited after signing (as the demo does).
        let mut tampered = String::from_utf8(out[2].clone()).unwrap();
        let key = tampered.find("\"readme\"").unwrap();
        let value = key + 8 + tampered[key + 8..].find('"').unwrap() + 1;
        tampered.insert_str(value, "edited ");
        out.insert(3, tampered.into_bytes());
        out.insert(1, b"not json".to_vec());
        out.push(b"{}".to_vec());
        out
    }

    #[test]
    fn a_batch_gives_the_per_input_results_in_order() {
        let _turn = lock(&BUDGETS);
        let bundles = bundles();
        let options: Value = Map::record().with("extended_report", true).into();
        let batch = json(run("verify_many", vec![Arg::List(bundles.iter().map(|b| Arg::Bytes(b)).collect()), Arg::Json(options.clone())]).unwrap());
        let want: Vec<Value> = bundles.iter().map(|b| alone("verify_bundle", Arg::Bytes(b), &options)).collect();
        assert_eq!(batch, Value::Array(want.clone()));
        // Good, failed and refused inputs are each their own entry.
        let status = |v: &Value| v.get("result").and_then(|r| r.get("status")).and_then(Value::as_str).map(String::from);
        assert_eq!(status(&want[0]).as_deref(), Some("ok"));
        assert_eq!(status(&want[4]).as_deref(), Some("failed"));
        assert!(want[1].get("error").and_then(|e| e.get("code")).is_some(), "{:?}", want[1]);
        assert!(want.last().unwrap().get("error").is_some());

        let trees: Vec<Value> = (0..5)
            .map(|n| {
                let entry = Map::record().with("path", format!("src/f{n}.txt").as_str()).with("text", "x".repeat(n).as_str());
                Value::Array(vec![entry.into()])
            })
            .chain([Value::String("not a tree".into())])
            .collect();
        let none = Value::Object(Map::new());
        let batch = json(run("tree_digest_many", vec![Arg::Json(Value::Array(trees.clone())), Arg::Json(none.clone())]).unwrap());
        let want: Vec<Value> = trees.into_iter().map(|t| alone("tree_digest", Arg::Json(t), &none)).collect();
        assert!(want.last().unwrap().get("error").is_some());
        assert_eq!(batch, Value::Array(want));

        let packages = [b"PK\x03\x04 not a zip".to_vec(), Vec::new()];
        let batch = json(run("anpkg_validate_many", vec![Arg::List(packages.iter().map(|b| Arg::Bytes(b)).collect())]).unwrap());
        let want: Vec<Value> = packages.iter().map(|p| alone("anpkg_validate", Arg::Bytes(p), &none)).collect();
        assert_eq!(batch, Value::Array(want));
    }

    /// The batch is bounded by the `batch_items` budget (the whole call is refused
    /// before any input runs).
    #[test]
    fn a_batch_over_its_budget_is_refused() {
        let _turn = lock(&BUDGETS);
        trustloop_core::api::budgets::set("batch_items", 2).unwrap();
        let items = [b"{}".as_slice(); 3];
        let refused = run("verify_many", vec![Arg::List(items.iter().map(|b| Arg::Bytes(b)).collect())]);
        trustloop_core::api::budgets::reset();
        assert_eq!(refused.err().map(|e| e.code()), Some("BATCH_TOO_LARGE"));
    }

    /// Streamed entries are the batch's array, in order; a sink that refuses an entry
    /// gets no more; an operation that is no batch comes back whole.
    #[test]
    fn streamed_entries_are_the_batch_in_input_order() {
        let _turn = lock(&BUDGETS);
        let bundles: Vec<Vec<u8>> = bundles().into_iter().cycle().take(40).collect();
        let args = || Args::new(find("verify_many").unwrap(), vec![Arg::List(bundles.iter().map(|b| Arg::Bytes(b)).collect())]).unwrap();
        let whole = json(call(args()).unwrap());
        let mut streamed = Vec::new();
        let out = crate::call::call_each(args(), |entry| {
            streamed.push(entry.clone());
            true
        });
        assert!(matches!(out, Ok(None)));
        assert_eq!(Value::Array(streamed), whole);

        let mut taken = 0;
        let out = crate::call::call_each(args(), |_| {
            taken += 1;
            taken < 3
        });
        assert!(matches!(out, Ok(None)));
        assert_eq!(taken, 3);

        let single = Args::new(find("verify_bundle").unwrap(), vec![Arg::Bytes(&bundles[0])]).unwrap();
        let out = crate::call::call_each(single, |_| panic!("not a batch")).unwrap().unwrap();
        assert_eq!(json(out).get("status").and_then(Value::as_str), Some("ok"));
    }

    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(each(&items, |n| n * 2), items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }
}
