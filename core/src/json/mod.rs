//! JSON as ANIP hashes and prints it.
//!
//! * [`parse`]: Go `encoding/json` decoding into a generic [`Value`] (every number an
//!   `f64`, last duplicate key wins, invalid UTF-8 and lone surrogates become U+FFFD),
//!   with resource limits.
//! * [`canonical`]: the canonical bytes behind every ANIP digest (ANIP-CJ-2..7) and the
//!   HTML-escaping variant used for Ed25519 receipt payloads; RFC 8785 JCS as a second mode.
//! * [`to_pretty`] / [`to_compact`]: Go `MarshalIndent` output (ANIP-CJ-10) for results
//!   and written files, and the compact form results cross bindings in.
mod canonical;
mod number;
mod parse;
mod pretty;
mod value;

pub use canonical::{to_canonical, Mode};
pub(crate) use canonical::write_string;
pub use number::format_go_float;
pub(crate) use number::format_go_g;
pub use parse::{parse, parse_with, DuplicateKeys, Limits, ParseError};
pub use pretty::{to_compact, to_pretty};
pub use value::{Map, Value};
