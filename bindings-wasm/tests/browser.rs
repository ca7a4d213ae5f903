//! The shared wasm tests in a headless browser (Chromium through chromedriver).
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
