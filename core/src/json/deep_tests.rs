//! Go's 10,000 levels of nesting, through every walk over a value, on a thread
//! with a small stack (a WASM host has 1 MB in all; native recursion would need
//! several MB at this depth).
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::*;

/// `[{"k":[{"k":…}]}]` with `depth` open brackets around `0`.
pub(crate) fn nested(depth: usize) -> String {
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(if level % 2 == 0 { "[" } else { "{\"k\":" });
    }
    text.push('0');
    for level in (0..depth).rev() {
        text.push(if level % 2 == 0 { ']' } else { '}' });
    }
    text
}

/// Runs `f` on a thread with a 256 KiB stack.
pub(crate) fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(f).expect("spawn").join().expect("no overflow, no panic");
}

#[test]
fn ten_thousand_levels_parse_print_compare_clone_and_drop() {
    on_small_stack(|| {
        let text = nested(10_000);
        let v = parse(text.as_bytes()).expect("Go accepts 10,000 levels");
        assert_eq!(to_canonical(&v, Mode::Digest), text.as_bytes());
        assert_eq!(to_canonical(&v, Mode::Jcs), text.as_bytes());
        assert_eq!(to_compact(&v), text);
        // Go's MarshalIndent: two spaces per level (about 100 MB at this depth).
        let pretty = to_pretty(&v);
        assert!(pretty.starts_with("[\n  {\n    \"k\": [\n      {\n"));
        assert!(pretty.ends_with("      }\n    ]\n  }\n]\n"));
        let copy = v.clone();
        assert!(copy == v);
        let mut other = copy.clone();
        edit_all(&mut other, |x| {
            if let Value::Number(n) = x {
                *n = 1.0;
            }
        });
        assert!(other != v);
        let mut visited = 0;
        let _ = walk(&v, Order::Sorted, |_, _| -> Visit<()> {
            visited += 1;
            Visit::Descend
        });
        assert_eq!(visited, 10_001);
        assert!(format!("{v:?}").len() == text.len());
        drop((v, copy, other));
    });
}

#[test]
fn one_level_more_is_gos_error_at_that_bracket() {
    on_small_stack(|| {
        let e = parse(nested(10_001).as_bytes()).unwrap_err();
        assert_eq!(e.to_string(), "invalid character '[' exceeded max depth");
        assert_eq!(e.code(), "JSON_TOO_DEEP");
        let e = parse(nested(10_002).as_bytes()).unwrap_err();
        assert_eq!(e.to_string(), "invalid character '[' exceeded max depth");
        let mut objects = String::from("{\"k\":");
        objects.push_str(&nested(10_000));
        objects.push('}');
        let e = parse(objects.as_bytes()).unwrap_err();
        assert_eq!(e.to_string(), "invalid character '{' exceeded max depth");
    });
}

#[test]
fn a_wide_array_drops_without_a_deep_stack() {
    on_small_stack(|| {
        let items: Vec<Value> = (0..100_000).map(|i| Value::Array(alloc::vec![Value::from(i as u64)])).collect();
        drop(Value::Array(items));
    });
}
