//! Every walk over a loaded `.anpkg` document fits WASM's 1 MiB stack at the loaders'
//! depth limits (docs/limits.md): YAML nested 200 levels through aliases, Python-JSON
//! nested 500 levels. One level more is a limit error, not a deeper walk (issue 9 F1).
use alloc::format;
use alloc::string::String;

use super::validate::{schema, tokens};
use crate::emulate::python::json as pyjson;
use crate::emulate::python::repr as pyrepr;
use crate::emulate::python::yaml::{emit, safe_load, LoadErrorKind, Value};

const WASM_STACK: usize = 1 << 20;

fn on_wasm_sized_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(WASM_STACK).spawn(f).unwrap().join().unwrap();
}

/// A mapping whose k-th anchor nests the previous one in `levels[k]` lists: the loaded
/// value is 1 + sum(levels) collections deep.
fn alias_tower(levels: &[usize]) -> String {
    let mut doc = String::new();
    for (k, n) in levels.iter().enumerate() {
        let inner = if k == 0 { String::from("token") } else { format!("*n{}", k - 1) };
        doc += &format!("n{k}: &n{k} {}{inner}{}\n", "[".repeat(*n), "]".repeat(*n));
    }
    doc
}

fn walk_everything(v: &Value) {
    let copy = v.clone();
    assert!(copy.py_eq(v));
    assert!(!pyrepr::repr(v).is_empty());
    let _ = tokens::find_tokens(v, usize::MAX);
    let recursive = pyjson::loads(r##"{"items": {"$ref": "#/definitions/a"}, "uniqueItems": true,
        "definitions": {"a": {"items": {"$ref": "#/definitions/a"}, "type": "array"}}}"##)
    .unwrap();
    let _ = schema::validate(&recursive, v);
    let _ = emit::safe_dump(v);
    drop(copy);
}

#[test]
fn yaml_at_the_depth_limit_walks_on_a_wasm_sized_stack() {
    on_wasm_sized_stack(|| {
        let v = safe_load(&alias_tower(&[99, 100])).unwrap();
        walk_everything(&v);
        let e = safe_load(&alias_tower(&[100, 100])).unwrap_err();
        assert_eq!(e.kind, LoadErrorKind::Limit);
    });
}

#[test]
fn python_json_at_the_depth_limit_walks_on_a_wasm_sized_stack() {
    on_wasm_sized_stack(|| {
        let v = pyjson::loads(&("[".repeat(500) + &"]".repeat(500))).unwrap();
        walk_everything(&v);
        let e = pyjson::loads(&("[".repeat(501) + &"]".repeat(501))).unwrap_err();
        assert!(e.starts_with("maximum nesting depth exceeded"), "{e}");
    });
}
