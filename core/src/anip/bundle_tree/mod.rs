//! Custom code bundles as trees of files (spec §10, §11: ANIP-TREE, ANIP-APPLY).
//!
//! Hosts hand the core a list of [`Entry`]s (relative path + bytes or an opener, or a
//! symlink marker); the core walks it the way upstream walks a directory.
//!
//! | module | concern |
//! |---|---|
//! | [`entry`] | entries, Go walk order, limits, reading |
//! | [`select`] | selected files and ignored directories |
//! | [`path`] | the safe generated-path rule (240/100 bytes, segment charset) |
//! | [`digest`] | combining per-file digests into a tree digest |
//! | [`raw`] | the raw tree digest (attach-implementation) |
//! | [`template`] | targets, `{{ANIP_*}}` values and their defaults |
//! | [`remap`] | Python and Java path remapping |
//! | [`overlay`] | protected substrate and the overlay allowlist |
//! | [`seam`] | seam and mode of each applied file |
//! | [`capability_scan`] | undeclared capability ids in bundle sources |
//! | [`apply`] | the apply walk and the applied digest |
//! | [`report`] | `custom-code-bundle-report.json` |
//! | [`api`] | host-facing operations |
//! | [`gopath`] | Go `path.Clean`/`Join`/`Base`/`Ext` |
pub mod api;
pub mod apply;
pub mod capability_scan;
pub mod digest;
pub mod entry;
pub mod overlay;
pub mod path;
pub mod raw;
pub mod remap;
pub mod report;
pub mod seam;
pub mod select;
pub mod template;

#[cfg(feature = "std")]
pub use entry::ChangedDuringWalk;
pub use entry::{Entry, EntryKind, FileData, TreeLimits};
