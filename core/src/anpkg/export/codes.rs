//! Stable finding codes of the `.anpkg` exporter (documented in `docs/codes.md`,
//! section "anpkg export"). The messages are upstream's `ExportError` texts.

// E1, E2: reading the project.
pub const PROFILE_NOT_FOUND: &str = "ANPKG_EXPORT_PROFILE_NOT_FOUND";
pub const READ_FAILED: &str = "ANPKG_EXPORT_READ_FAILED";
pub const PROFILE_NOT_MAPPING: &str = "ANPKG_EXPORT_PROFILE_NOT_MAPPING";
// E3.
pub const NO_RUNTIME_VARIANT: &str = "ANPKG_EXPORT_NO_RUNTIME_VARIANT";
// E4.
pub const PROVIDERS_NOT_LIST: &str = "ANPKG_EXPORT_PROVIDERS_NOT_LIST";
pub const PROVIDER_NOT_OBJECT: &str = "ANPKG_EXPORT_PROVIDER_NOT_OBJECT";
pub const PROVIDER_ID_INVALID: &str = "ANPKG_EXPORT_PROVIDER_ID_INVALID";
pub const PROVIDER_ID_DUPLICATE: &str = "ANPKG_EXPORT_PROVIDER_ID_DUPLICATE";
// E5.
pub const PROVIDER_CONFIG_NOT_FOUND: &str = "ANPKG_EXPORT_PROVIDER_CONFIG_NOT_FOUND";
// E6.
pub const BEHAVIOR_ABSOLUTE: &str = "ANPKG_EXPORT_BEHAVIOR_ABSOLUTE";
pub const BEHAVIOR_NOT_FOUND: &str = "ANPKG_EXPORT_BEHAVIOR_NOT_FOUND";
// E7.
pub const PROFILE_SCHEMA: &str = "ANPKG_EXPORT_PROFILE_SCHEMA";
// E8.
pub const SECRET_LEAK: &str = "ANPKG_EXPORT_SECRET_LEAK";
/// A package file E8 cannot parse (upstream crashes with a traceback).
pub const SCAN_UNREADABLE: &str = "ANPKG_EXPORT_SCAN_UNREADABLE";
/// A runtime variant name that is not a string (upstream: `TypeError` traceback).
pub const VARIANT_NAME_NOT_STRING: &str = "ANPKG_EXPORT_VARIANT_NAME_NOT_STRING";
/// `workbench.json` `meta.created` whose UTC time leaves years 1–9999 (upstream:
/// `OverflowError` traceback).
pub const CREATED_OUT_OF_RANGE: &str = "ANPKG_EXPORT_CREATED_OUT_OF_RANGE";
/// A dumped file aliases a mapping, sequence or timestamp (trustloop divergence:
/// upstream writes `&id001` anchors, the exporter refuses).
pub const YAML_SHARED_ALIAS: &str = "ANPKG_EXPORT_YAML_SHARED_ALIAS";
/// Warning: variants other than `manual` are not carried (ANPKG-EXP-1).
pub const VARIANTS_OMITTED: &str = "ANPKG_EXPORT_VARIANTS_OMITTED";
// Host side (CLI and bindings).
pub const OUTSIDE_PROJECT: &str = "ANPKG_EXPORT_OUTSIDE_PROJECT";
pub const FILE_TOO_LARGE: &str = "ANPKG_EXPORT_FILE_TOO_LARGE";
pub const IO: &str = "ANPKG_EXPORT_IO";
