//! Last line of defence. On `wasm32-unknown-unknown` a panic aborts (a trap that
//! JS sees as `WebAssembly.RuntimeError: unreachable`), and `catch_unwind` cannot
//! help. The crate is written not to panic; should a bug panic anyway, this hook
//! puts the Rust message on `console.error` so the report is actionable.
use std::sync::Once;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Chained, so a hook the embedder (or a test harness) installed still runs.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            console_error(&format!("trustloop internal error (please report; reload before reuse): {info}"));
            previous(info);
        }));
    });
}
