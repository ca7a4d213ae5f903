//! Go (upstream `anip`, Go 1.25).
//!
//! | module | Go |
//! |---|---|
//! | [`base64`] | `base64.StdEncoding.DecodeString` |
//! | [`json_struct`] | `encoding/json` decoding into structs |
//! | [`quote`] | `strconv.Quote` (`%q`) |
//! | [`url`] | the part of `net/url.Parse` remote refs depend on; `url.PathEscape` |
//! | [`netip`] | `netip.ParseAddr` for bracketed URL hosts |
//! | [`path`] | `path.Clean`, `Join`, `Base`, `Ext` |
//! | [`rfc3339`] | `time.Parse(time.RFC3339, …)` and `Format` |
//! | [`re2`] | whether `regexp.Compile` accepts a pattern |
pub mod base64;
pub mod json_struct;
pub mod netip;
pub mod path;
pub mod quote;
pub mod re2;
mod re2_names;
pub mod rfc3339;
pub mod url;
