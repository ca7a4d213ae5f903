//! YAML with PyYAML's semantics (spec ANPKG-YAML): the loader (`safe_load`, YAML 1.1
//! resolver and safe constructor over `saphyr-parser` events, or `simple_events.rs`'s
//! for the usual shape of config files), the value type shared
//! with the emitter, and Python `repr`/`str` of values for upstream-identical messages.
//!
//! `emit.rs` (the PyYAML `safe_dump` emitter) belongs to the exporter.
mod dialect;
pub mod emit;
pub mod int;
mod linebreaks;
pub mod load;
mod load_error;
mod pyscalar;
#[cfg(test)]
mod pyyaml_cases;
mod pyyaml_parser;
mod pyyaml_rules;
pub mod resolve;
mod simple_events;
pub mod value;

pub use load::{libyaml_safe_load_with, safe_load, safe_load_with, Limits};
pub use load_error::LoadErrorKind;
pub use value::{Int, Map, Value};
