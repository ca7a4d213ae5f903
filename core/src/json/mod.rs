//! JSON as ANIP hashes and prints it.
//!
//! * [`parse`]: Go `encoding/json` decoding into a generic [`Value`] (every number an
//!   `f64`, last duplicate key wins, invalid UTF-8 and lone surrogates become U+FFFD),
//!   with resource limits: Go's syntax check first (`scan`), then the value built
//!   from a cursor over the checked input (`read`). Depth up to Go's 10,000 levels;
//!   no walk over a value (parse, clone, drop, equality, printing) recurses.
//! * [`canonical`]: the canonical bytes behind every ANIP digest (ANIP-CJ-2..7) and the
//!   HTML-escaping variant used for Ed25519 receipt payloads; RFC 8785 JCS as a second mode.
//! * [`to_pretty`] / [`to_compact`]: Go `MarshalIndent` output (ANIP-CJ-10) for results
//!   and written files, and the compact form results cross bindings in.
mod canonical;
mod error;
mod number;
mod parse;
mod pretty;
mod read;
mod scan;
mod value;
mod walk;

#[cfg(test)]
pub(crate) mod deep_tests;

pub use canonical::{to_canonical, to_canonical_object, Mode};
pub(crate) use canonical::{write_canonical, write_canonical_object, write_string, Sink, Style};
pub use number::format_go_float;
pub(crate) use number::format_go_g;
pub use error::ParseError;
pub use parse::{parse, parse_with, DuplicateKeys, Limits};
pub(crate) use parse::{build_any, checked_reader, go_map};
pub(crate) use read::Reader;
pub use pretty::{to_compact, to_pretty};
pub use value::{Entries, Map, Value};
pub(crate) use value::EMPTY_MAP;
#[cfg(test)]
pub use walk::edit_all;
pub use walk::{path_text, walk, Order, Step, Visit};
