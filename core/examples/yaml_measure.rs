//! One `safe_load` of the generated ~1 MB benchmark document (benches/yaml_doc.rs), for
//! instruction counts under valgrind and peak heap through a counting allocator:
//!
//! ```text
//! cargo build --release -p trustloop-core --example yaml_measure
//! valgrind --tool=callgrind --toggle-collect='*safe_load_with*' target/release/examples/yaml_measure
//! target/release/examples/yaml_measure        # prints bytes and peak heap during the load
//! ```
//! `yaml_measure gen` only builds the document (to subtract its cost when not toggling);
//! `yaml_measure events` runs saphyr-parser alone over it; `yaml_measure FILE` loads FILE.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use trustloop_core::api::anpkg::yaml::safe_load;

#[path = "../benches/yaml_doc.rs"]
mod yaml_doc;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(live, Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let live = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(live, Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Relaxed);
        }
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let arg = std::env::args().nth(1);
    let doc = match arg.as_deref() {
        Some("gen" | "events") | None => yaml_doc::document(1 << 20),
        Some(path) => std::fs::read_to_string(path).expect("read the YAML file"),
    };
    if arg.as_deref() == Some("events") {
        // saphyr-parser alone, for the share of the loader's cost that is event parsing.
        let mut parser = saphyr_parser::Parser::new_from_str(&doc);
        let mut n = 0usize;
        while let Some(e) = parser.next_event() {
            e.expect("parses");
            n += 1;
        }
        println!("bytes {} events {n}", doc.len());
        return;
    }
    if arg.as_deref() == Some("gen") {
        println!("bytes {}", doc.len());
        return;
    }
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let value = safe_load(&doc).expect("the document loads");
    let peak = PEAK.load(Relaxed) - before;
    let kept = LIVE.load(Relaxed) - before;
    drop(value);
    println!(
        "bytes {} peak_heap {} ({:.2}x) value_heap {} ({:.2}x)",
        doc.len(),
        peak,
        peak as f64 / doc.len() as f64,
        kept,
        kept as f64 / doc.len() as f64
    );
}
