//! Python (upstream `anolis-workbench`): what `.anpkg` verdicts, messages and
//! exported bytes depend on.
//!
//! | module | Python |
//! |---|---|
//! | [`yaml`] | PyYAML `safe_load` / `safe_dump` |
//! | [`json`] | `json.loads` |
//! | [`repr`] | `repr()` and `str()` of loaded values |
pub mod json;
pub mod repr;
pub mod yaml;
