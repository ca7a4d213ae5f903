//! Anolis `.anpkg` handoff packages: validate (archive or directory tree) and
//! export, plus in [`package`] and [`project`] what a host needs to collect a tree,
//! run the replay and read a project from disk.
pub use crate::anpkg::api_export::{
    anpkg_export as export, export_files, export_report, AnpkgExportOptions,
};
pub use crate::anpkg::api_validate::{
    anpkg_validate as validate, validate_archive, validate_directory, Outcome, ReplayStatus, ValidateOptions,
};

/// A package as a tree of entries: what `validate` checks and the replay runs.
pub mod package {
    pub use crate::anpkg::archive::{read_archive, ArchiveLimits};
    pub use crate::anpkg::validate::{codes, replay_failure, Entry, Followed, Tree};
}

/// A project directory as `export` reads it.
pub mod project {
    pub use crate::anpkg::export::{build_package, codes, zip_writer, ExportOptions, Exported, ProjectSource, Root};
}

/// The PyYAML-compatible YAML loader and dumper the package documents go through (and
/// the loader with libyaml's grammar the exporter reads project files with).
pub mod yaml {
    pub use crate::emulate::python::yaml::emit::safe_dump;
    pub use crate::emulate::python::yaml::{libyaml_safe_load_with, safe_load, safe_load_with, Int, LoadErrorKind, Limits, Map, Value};
}

/// The draft-07 evaluator and the two package schemas (machine profile, runtime config).
pub mod schema {
    pub use crate::anpkg::validate::schema::validate;
    pub use crate::anpkg::validate::schemas::{errors, Schema};
}
