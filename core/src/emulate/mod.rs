//! Behaviour of other languages' standard libraries that upstream output depends on,
//! re-implemented exactly: the ANIP tools are written in Go, the Anolis tools in
//! Python, and their messages, accepted inputs and written bytes are the contract.
pub mod go;
#[cfg(feature = "zip")]
pub mod python;
