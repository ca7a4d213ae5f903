//! Go `encoding/json` struct decoding, shared by every upstream struct trustloop
//! reads (ANIP-CJ-9): case-insensitive field names, unknown keys ignored, the first
//! type mismatch reported as `json: cannot unmarshal …`.
pub(crate) mod decode;
pub(crate) mod model;

pub(crate) use decode::{build_deferred, decode_bytes, decode_canonical, decode_value, encode, json_kind, key_matches, Decoded};
pub(crate) use model::{Struct, Ty};
