//! Stable finding codes of the `.anpkg` validator (documented in `docs/codes.md`,
//! section "anpkg validate"). One code per rule; the message is upstream's text.

// Materialisation (ANPKG-VAL-M) and archive hardening (trustloop).
pub const PATH_NOT_FOUND: &str = "ANPKG_PATH_NOT_FOUND";
pub const UNSUPPORTED_FORMAT: &str = "ANPKG_UNSUPPORTED_FORMAT";
pub const NOT_A_ZIP: &str = "ANPKG_NOT_A_ZIP";
pub const ZIP_CORRUPT: &str = "ANPKG_ZIP_CORRUPT";
pub const ZIP_UNSAFE_PATH: &str = "ANPKG_ZIP_UNSAFE_PATH";
pub const ZIP_ABSOLUTE_PATH: &str = "ANPKG_ZIP_ABSOLUTE_PATH";
pub const ZIP_SYMLINK: &str = "ANPKG_ZIP_SYMLINK";
pub const ZIP_DUPLICATE_NAME: &str = "ANPKG_ZIP_DUPLICATE_NAME";
pub const ZIP_CASE_COLLISION: &str = "ANPKG_ZIP_CASE_COLLISION";
pub const ZIP_PATH_CONFLICT: &str = "ANPKG_ZIP_PATH_CONFLICT";
pub const ZIP_ENCRYPTED: &str = "ANPKG_ZIP_ENCRYPTED";
pub const ZIP_UNSUPPORTED_COMPRESSION: &str = "ANPKG_ZIP_UNSUPPORTED_COMPRESSION";
pub const ZIP_DIRECTORY_WITH_DATA: &str = "ANPKG_ZIP_DIRECTORY_WITH_DATA";
pub const ZIP_TOO_MANY_ENTRIES: &str = "ANPKG_ZIP_TOO_MANY_ENTRIES";
pub const ZIP_TOO_LARGE: &str = "ANPKG_ZIP_TOO_LARGE";
pub const ZIP_ENTRY_TOO_LARGE: &str = "ANPKG_ZIP_ENTRY_TOO_LARGE";
pub const ZIP_RATIO: &str = "ANPKG_ZIP_COMPRESSION_RATIO";
pub const ZIP_SIZE_MISMATCH: &str = "ANPKG_ZIP_SIZE_MISMATCH";
pub const ZIP_OVERLAP: &str = "ANPKG_ZIP_OVERLAPPING_ENTRIES";
/// A package directory entry swapped (for a symlink, a FIFO, another file) between
/// the walk's listing and its opening.
pub const PATH_CHANGED: &str = "ANPKG_PATH_CHANGED";

// Structure (S).
pub const MISSING_FILE: &str = "ANPKG_MISSING_FILE";
pub const MISSING_PROVIDERS_DIR: &str = "ANPKG_MISSING_PROVIDERS_DIR";
pub const NO_PROVIDER_CONFIGS: &str = "ANPKG_NO_PROVIDER_CONFIGS";

// Checksums (C).
pub const CHECKSUM_LINE_FORMAT: &str = "ANPKG_CHECKSUM_LINE_FORMAT";
pub const CHECKSUM_DUPLICATE: &str = "ANPKG_CHECKSUM_DUPLICATE";
pub const CHECKSUM_DIGEST_FORMAT: &str = "ANPKG_CHECKSUM_DIGEST_FORMAT";
pub const CHECKSUM_SET_MISMATCH: &str = "ANPKG_CHECKSUM_SET_MISMATCH";
pub const CHECKSUM_MISMATCH: &str = "ANPKG_CHECKSUM_MISMATCH";

// Documents that upstream cannot read (ANPKG-VAL-U1: upstream crashes).
pub const FILE_NOT_UTF8: &str = "ANPKG_FILE_NOT_UTF8";
pub const YAML_SYNTAX: &str = "ANPKG_YAML_SYNTAX";
pub const YAML_MULTIPLE_DOCUMENTS: &str = "ANPKG_YAML_MULTIPLE_DOCUMENTS";
pub const YAML_CONSTRUCT: &str = "ANPKG_YAML_CONSTRUCT";
pub const YAML_LIMIT: &str = "ANPKG_YAML_LIMIT";
pub const JSON_SYNTAX: &str = "ANPKG_JSON_SYNTAX";

// Token scan (T).
pub const TOKEN_LEAK: &str = "ANPKG_TOKEN_LEAK";

// Schemas (P, R4, R5).
pub const YAML_ROOT_NOT_OBJECT: &str = "ANPKG_YAML_ROOT_NOT_OBJECT";
pub const MANIFEST_SCHEMA: &str = "ANPKG_MANIFEST_SCHEMA";
pub const RUNTIME_SCHEMA: &str = "ANPKG_RUNTIME_SCHEMA";

// References (R) and rule X.
pub const MANIFEST_PROVIDERS: &str = "ANPKG_MANIFEST_PROVIDERS";
pub const MANIFEST_RUNTIME_PROFILES: &str = "ANPKG_MANIFEST_RUNTIME_PROFILES";
pub const RUNTIME_PROVIDERS: &str = "ANPKG_RUNTIME_PROVIDERS";
pub const PROVIDER_NOT_IN_MANIFEST: &str = "ANPKG_PROVIDER_NOT_IN_MANIFEST";
pub const PROVIDER_NOT_IN_RUNTIME: &str = "ANPKG_PROVIDER_NOT_IN_RUNTIME";
pub const PROVIDER_ARGS: &str = "ANPKG_PROVIDER_ARGS";
pub const PROVIDER_CONFIG_ARG_MISSING: &str = "ANPKG_PROVIDER_CONFIG_ARG_MISSING";
pub const PROVIDER_CONFIG_OUTSIDE_PROVIDERS: &str = "ANPKG_PROVIDER_CONFIG_OUTSIDE_PROVIDERS";
pub const BEHAVIOR_OUTSIDE_BEHAVIORS: &str = "ANPKG_BEHAVIOR_OUTSIDE_BEHAVIORS";
pub const MANIFEST_PROVIDER_ENTRY: &str = "ANPKG_MANIFEST_PROVIDER_ENTRY";
pub const BEHAVIORS_NOT_ARRAY: &str = "ANPKG_BEHAVIORS_NOT_ARRAY";
pub const PATH_NOT_STRING: &str = "ANPKG_PATH_NOT_STRING";
pub const PATH_ABSOLUTE: &str = "ANPKG_PATH_ABSOLUTE";
pub const PATH_ESCAPES: &str = "ANPKG_PATH_ESCAPES";
pub const REFERENCED_FILE_NOT_FOUND: &str = "ANPKG_REFERENCED_FILE_NOT_FOUND";
pub const PATH_NOT_FILE: &str = "ANPKG_PATH_NOT_FILE";

// Replay (RP).
pub const RUNTIME_BIN_NOT_FOUND: &str = "ANPKG_RUNTIME_BIN_NOT_FOUND";
pub const REPLAY_FAILED: &str = "ANPKG_REPLAY_FAILED";
pub const REPLAY_EXEC: &str = "ANPKG_REPLAY_EXEC";
pub const REPLAY_TIMEOUT: &str = "ANPKG_REPLAY_TIMEOUT";
// Retired, never emitted (a host that cannot run processes reports `replay.status`).
pub const REPLAY_UNAVAILABLE: &str = "ANPKG_REPLAY_UNAVAILABLE";
