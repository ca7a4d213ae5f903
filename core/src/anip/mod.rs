//! The ANIP package trust loop (spec `anip-trust-loop.md`).
