//! Every finding and error code trustloop emits, once: its section of
//! `docs/codes.md`, its severity and its one-line meaning. `docs/codes.md` is rendered
//! from this table, every host lists it (`trustloop.codes` in Python, `codes()` and the
//! `Code` type in Node and WASM), and `tests/tests/codes.rs` keeps it honest both ways:
//! every code-shaped literal in the sources is listed here, and every code listed here
//! is emitted somewhere (or marked retired).
//!
//! Codes are never reused or renamed: a code that is no longer emitted stays, retired.
//! The family modules of constants (`assets_pa::codes`, `anpkg::{validate,export}::codes`)
//! keep their names for the call sites; this table is the list.
use crate::json::{Map, Value};

/// The part of `docs/codes.md` a code is listed in (one table each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Common,
    Anip,
    Bindings,
    AssetsPaReader,
    AssetsPaWriter,
    AssetsPaGlyph,
    AssetsPaPacker,
    Wasm,
    AnpkgExport,
    AnpkgValidate,
    AnipMaterial,
}

impl Section {
    /// The name hosts see and `docs/codes.md`'s table markers use.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Common => "common",
            Section::Anip => "anip",
            Section::Bindings => "bindings",
            Section::AssetsPaReader => "assets-pa-reader",
            Section::AssetsPaWriter => "assets-pa-writer",
            Section::AssetsPaGlyph => "assets-pa-glyph",
            Section::AssetsPaPacker => "assets-pa-packer",
            Section::Wasm => "wasm",
            Section::AnpkgExport => "anpkg-export",
            Section::AnpkgValidate => "anpkg-validate",
            Section::AnipMaterial => "anip-material",
        }
    }
}

/// The severity a code is emitted at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Info,
    /// The same code is an error in one place and a warning in another.
    Varies,
    /// Listed so the name is never reused; no source emits it.
    Retired,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Varies => "varies",
            Level::Retired => "retired",
        }
    }
}

/// One row of [`TABLE`].
#[derive(Clone, Copy, Debug)]
pub struct Code {
    pub code: &'static str,
    pub section: Section,
    pub severity: Level,
    pub meaning: &'static str,
}

impl Code {
    /// `{code, section, severity, meaning}`: the shape every host lists.
    pub fn to_value(&self) -> Value {
        Map::record()
            .with("code", self.code)
            .with("section", self.section.as_str())
            .with("severity", self.severity.as_str())
            .with("meaning", self.meaning)
            .into()
    }
}

/// The row of `code`, if trustloop has such a code.
pub fn by_name(code: &str) -> Option<&'static Code> {
    TABLE.iter().find(|c| c.code == code)
}

/// Every row as [`Code::to_value`], in table order.
pub fn to_value() -> Value {
    Value::Array(TABLE.iter().map(Code::to_value).collect())
}

const fn row(section: Section, code: &'static str, severity: Level, meaning: &'static str) -> Code {
    Code { code, section, severity, meaning }
}
const fn error(section: Section, code: &'static str, meaning: &'static str) -> Code {
    row(section, code, Level::Error, meaning)
}
const fn warning(section: Section, code: &'static str, meaning: &'static str) -> Code {
    row(section, code, Level::Warning, meaning)
}
const fn info(section: Section, code: &'static str, meaning: &'static str) -> Code {
    row(section, code, Level::Info, meaning)
}
const fn varies(section: Section, code: &'static str, meaning: &'static str) -> Code {
    row(section, code, Level::Varies, meaning)
}
const fn retired(section: Section, code: &'static str, meaning: &'static str) -> Code {
    row(section, code, Level::Retired, meaning)
}

use Section::*;

/// Every code, grouped by section in `docs/codes.md` order.
#[rustfmt::skip]
pub const TABLE: &[Code] = &[
    error(Common, "JSON_SYNTAX", "input is not well-formed JSON (message: Go `encoding/json` text)"),
    error(Common, "JSON_TOO_DEEP", "nesting deeper than the configured limit (default 10,000, Go's; message `invalid character '[' exceeded max depth`)"),
    error(Common, "JSON_TOO_LARGE", "document larger than the configured limit (default 64 MiB)"),
    error(Common, "JSON_STRING_TOO_LONG", "one string longer than the configured limit (default 16 MiB)"),
    error(Common, "BATCH_TOO_LARGE", "a batch call (`verify_many`, `validate_many`, `tree_digest_many`) has more inputs than `batch_items` or more bytes than `batch_bytes` (docs/limits.md); the batch is refused before any input runs"),
    error(Common, "JSON_DUPLICATE_KEY", "duplicate object key where the format forbids it"),
    error(Common, "JSON_NUMBER_OUT_OF_RANGE", "a number that does not fit an f64 (Go's `json: cannot unmarshal number … of type float64`)"),
    error(Common, "OPTIONS_NOT_OBJECT", "a binding received options that are not a JSON object"),
    error(Common, "UNKNOWN_MODE", "unknown canonical-JSON mode"),
    error(Common, "KEYGEN_RANDOM_UNAVAILABLE", "no random source for key generation"),
    error(Common, "SIGNING_KEY_NOT_BASE64", "a signing key that is not standard base64"),
    error(Common, "SIGNING_KEY_LENGTH", "a signing key that is not 32 bytes (a seed) or 64 bytes (seed and public half)"),
    error(Common, "SIGNING_KEY_MISMATCH", "a 64-byte signing key whose public half does not match its seed"),
    error(Common, "KEY_ID_INVALID", "a key id that cannot appear in an `ed25519:<key_id>:<sig>` string (contains `:`)"),
    error(Common, "INVALID_OPTION", "an option a binding passed is unknown or has the wrong type"),
    error(Anip, "ANIP_BUNDLE_DECODE", "`decode package bundle: json: cannot unmarshal …` (a field of the wrong JSON type)"),
    error(Anip, "ANIP_BUNDLE_NO_DEFINITION", "`package bundle does not contain a service definition`"),
    error(Anip, "ANIP_DEFINITION_DECODE", "`decode definition file: json: cannot unmarshal …` / build-local: `decode <path>: json: cannot unmarshal <kind> into Go value of type map[string]interface {}` (the definition is not an object)"),
    error(Anip, "ANIP_DEFINITION_INVALID", "`resolved service definition failed validation: <Appendix A message>`"),
    error(Anip, "ANIP_MANIFEST_INVALID", "`resolved package manifest failed validation: <effect message>`"),
    error(Anip, "ANIP_LOCK_INVALID", "`resolved package lock failed validation: <effect message>`"),
    error(Anip, "ANIP_EXECUTION_METADATA", "the consumability / readiness rules of ANIP-VER-4 step 6.1–6.7"),
    error(Anip, "ANIP_PES_MISSING", "`resolved package is missing package_execution_signature`"),
    error(Anip, "ANIP_PES_MISMATCH", "`resolved package execution signature mismatch: stored=… computed=…`"),
    error(Anip, "ANIP_LOCK_DECODE", "`decode lock file: json: cannot unmarshal …`"),
    error(Anip, "ANIP_LOCK_SCHEMA_UNSUPPORTED", r#"`unsupported lock_schema_version "<v>"`"#),
    error(Anip, "ANIP_LOCK_SHAPE", "`lock file must include package_id and package_version` / `… definition_digest and lock_digest`"),
    error(Anip, "ANIP_LOCK_SOURCE", "`lock files can only be written for registry packages or package bundles`"),
    error(Anip, "ANIP_TRUST_STORE_INVALID", r#"a trust store that is not an object with a `keys`, `items` or `registry_keys` array (`decode trust store: …`)"#),
    error(Anip, "ANIP_TRUST_STORE_EMPTY", "a trust store without any ed25519 key (it would silently pin nothing); the CLI says `trust store <path> has no ed25519 keys`"),
    error(Anip, "ANIP_TRUSTED_KEY_INVALID", "a `--trusted-key` / trust-store key that is not 32 bytes of standard base64, or not a canonical encoding of a point of large order (small-order keys such as the identity point verify forged signatures)"),
    error(Anip, "ANIP_BUILD_ARGS", "build-local arguments: `--package-id is required`, `--package-version is required`, `--generated-at must be an RFC3339 timestamp` (Go's `time.Parse` rules), a signing key id with `:` (exit 2 in the CLI except the key id)"),
    error(Anip, "ANIP_BUILD_SCHEMA_VERSION", "`service definition contract_schema_version must be anip-service-definition/v1` (a non-blank other value; a missing one is defaulted)"),
    error(Anip, "ANIP_BUILD_PUBLISH", "build-local's in-memory Registry refused the package: `build local package: invalid package: <rule>` (sizes, readme, source links, retired TypeScript, `… exceeds maximum JSON nesting depth 48`, `… contains unsafe JSON object key at <path>`, `… contains unsafe control characters at <path>`, `… contains suspicious binary payload at <path>`, `… examples exceed 262144 bytes`, `… attachments exceed 524288 bytes`, effect vocabulary in manifest and lock, capability count, the definition's Appendix A message, `agent_consumption_readiness.status must be ready`, …) or `build local package: package version already exists`"),
    error(Anip, "ANIP_REGISTRY_DECODE", "a registry response that is not the expected JSON object"),
    error(Anip, "ANIP_REGISTRY_YANKED", "`registry package <id>@<v> is yanked; use --allow-yanked-package only for pinned historical reproduction`"),
    error(Anip, "ANIP_REGISTRY_TAKEDOWN", "`registry package <id>@<v> is under takedown and cannot be used`"),
    error(Anip, "ANIP_REGISTRY_LIFECYCLE_UNKNOWN", r#"`registry package <id>@<v> has unknown lifecycle status "<status>"`"#),
    error(Anip, "ANIP_REGISTRY_UNTRUSTED", "`registry package <id>@<v> failed trust verification: <failed checks>` (lock writing)"),
    error(Bindings, "INTERNAL_PANIC", "the core panicked inside a binding call; the binding caught it (`catch_unwind`) and raised `TrustloopError` instead of crashing the host. Always a bug: please report it with the input"),
    error(Bindings, "INTERNAL_ERROR", "Node: the addon threw an error whose payload is not the JSON the native layer writes; always a bug"),
    error(Bindings, "REGISTRY_FETCH_FAILED", "host-side (the core never fetches): `verify_registry`/`write_lock_registry` (Python, `urllib`), `verifyRegistry`/`writeLockRegistry` (Node `fetch`; WebAssembly JS helpers): a GET failed, answered non-2xx (`registry request failed: GET <url>: <status> <reason>`, as the CLI), sent a body over 64 MiB, or the URL is not http/https"),
    error(Bindings, "PACKAGE_REF_INVALID", "the registry package is not `package_id@package_version`, or no id/version is given nor in the lock file (the CLI's messages; Python, Node and the WebAssembly JS helpers)"),
    error(Bindings, "REGISTRY_URL_REQUIRED", "a registry verify without a registry URL, neither given nor in the lock file's `registry_url`"),
    error(Bindings, "INVALID_ARGUMENT", "Python, Node: a native-layer call with an impossible argument combination (e.g. `anpkg_validate` with both or neither of bytes and path; the public wrappers never make one). WebAssembly: an argument has the wrong JS type or shape (document bytes must be `Uint8Array`, `ArrayBuffer`, a typed-array view or a string; `mode`, `keyId`, `ref` must be strings; bundle entries `[{path, bytes}]`, file maps `{path: bytes}`, registry responses `{packageUrl, download, receipt, keys}`; `assetId` an integer), or reading it threw (getter, proxy)"),
    error(Bindings, "UNKNOWN_OPERATION", "`call` (the bindings' one native entry, `api::call`) was given a name that is not in the operation table (`operations()`)"),
    error(Bindings, "UNSUPPORTED_OPERATION", "the operation exists but not in this host: it reads paths or spawns (WebAssembly), or it fetches over HTTP, which each host composes from `registry_target` and the `_responses` operation"),
    error(AssetsPaReader, "PA_PRELUDE_TRUNCATED", "file shorter than the 32-byte prelude (`PreludeTruncated`)"),
    error(AssetsPaReader, "PA_BAD_MAGIC", "magic is not `PMTA` (`BadMagic`)"),
    error(AssetsPaReader, "PA_UNSUPPORTED_SCHEMA_VERSION", "prelude `schema_version` is not 1 (`UnsupportedSchemaVersion`)"),
    error(AssetsPaReader, "PA_NON_ZERO_FLAGS", "`flags` not 0 (`NonZeroFlags`)"),
    error(AssetsPaReader, "PA_NON_ZERO_RESERVED", "`reserved` not 0 (`NonZeroReserved`)"),
    error(AssetsPaReader, "PA_HEADER_OUT_OF_BOUNDS", "`32 + header_len` beyond the file (`HeaderOutOfBounds`)"),
    error(AssetsPaReader, "PA_PAYLOAD_OFFSET_INVALID", "`payload_offset` inside the header or beyond the file (`PayloadOffsetInvalid`)"),
    error(AssetsPaReader, "PA_NON_ZERO_PADDING", "non-zero byte between header end and `payload_offset` (`NonZeroPadding`)"),
    error(AssetsPaReader, "PA_HEADER_NOT_UTF8", "header bytes are not UTF-8 (`HeaderNotUtf8`)"),
    error(AssetsPaReader, "PA_HEADER_NOT_JSON", "header is not JSON, or exceeds the 64 MiB reader limit (`HeaderNotJson`)"),
    error(AssetsPaReader, "PA_HEADER_NOT_OBJECT", "header root is not an object (`HeaderNotObject`)"),
    error(AssetsPaReader, "PA_HEADER_DUPLICATE_KEY", "a key repeats within one header object (`HeaderDuplicateKey`)"),
    error(AssetsPaReader, "PA_HEADER_SHAPE", "missing or mistyped field, empty `asset_name`, slot above 2^31−1 (`HeaderShape`)"),
    error(AssetsPaReader, "PA_NUMBER_NOT_ALLOWED", "a header number that is not a plain integer in 0..2^53−1 (`1.0`, `1e3`, `-1`) (`NumberNotAllowed`)"),
    error(AssetsPaReader, "PA_ASSET_ID_OUT_OF_RANGE", "`asset_id` above 2147483647 (`AssetIdOutOfRange`)"),
    error(AssetsPaReader, "PA_DUPLICATE_ASSET_ID", "an `asset_id` appears twice in `asset_table` (`DuplicateAssetId`)"),
    error(AssetsPaReader, "PA_ASSET_TABLE_NOT_SORTED", "`asset_table` not in increasing `asset_id` order (`AssetTableNotSorted`)"),
    error(AssetsPaReader, "PA_UNKNOWN_BANK_TYPE", "`bank_type` other than `GLYPH`/`SOUNDS` (incl. legacy `TILES`) (`UnknownBankType`)"),
    error(AssetsPaReader, "PA_UNKNOWN_CODEC", "`codec` other than `NONE` (`UnknownCodec`)"),
    error(AssetsPaReader, "PA_SLICE_OUT_OF_BOUNDS", "`offset + size` beyond the payload (`SliceOutOfBounds`)"),
    error(AssetsPaReader, "PA_SLICE_OVERLAP", "two slices overlap (`SliceOverlap`)"),
    error(AssetsPaReader, "PA_TRAILING_PAYLOAD_BYTES", "bytes after the end of the last slice (`TrailingPayloadBytes`)"),
    error(AssetsPaReader, "PA_GLYPH_CONTRACT", "a GLYPH entry breaks GLYPH/indexed_v1 metadata or size formulas (`GlyphContract`)"),
    error(AssetsPaReader, "PA_PRELOAD_UNKNOWN_ASSET", "preload names an `asset_id` not in the table (`PreloadUnknownAsset`)"),
    error(AssetsPaReader, "PA_PRELOAD_DUPLICATE_ASSET", "preload lists an asset twice (`PreloadDuplicateAsset`)"),
    error(AssetsPaReader, "PA_PRELOAD_SLOT_CONFLICT", "two preload entries share a bank's slot (`PreloadSlotConflict`)"),
    warning(AssetsPaReader, "PA_HEADER_NOT_CANONICAL", "header valid but not in canonical form (`HeaderNotCanonical`)"),
    warning(AssetsPaReader, "PA_UNKNOWN_KEY", "unknown key at top level, in an entry or in a preload entry (`UnknownKey`)"),
    warning(AssetsPaReader, "PA_NON_CANONICAL_SLICE_LAYOUT", "slices not contiguous from 0 in table order (`NonCanonicalSliceLayout`)"),
    warning(AssetsPaReader, "PA_PRELOAD_NOT_CANONICAL", "preload differs from the v1 order/slot assignment (`PreloadNotCanonical`)"),
    warning(AssetsPaReader, "PA_PRELOAD_SLOT_BEYOND_KNOWN_RANGE", "GLYPH slot above 15 (`PreloadSlotBeyondKnownRange`)"),
    error(AssetsPaReader, "PA_READ_IO", "the archive could not be read (host I/O), or is not a regular file (a FIFO or device is refused without blocking)"),
    error(AssetsPaReader, "PA_EXTRACT_UNKNOWN_ASSET", "`extract` of an `asset_id` not in the table"),
    error(AssetsPaReader, "PA_COMPANION_MISMATCH", "`asset_table.json`/`preload.json` do not mirror `assets.pa` byte for byte (PA-COMP-4)"),
    error(AssetsPaWriter, "PA_WRITE_INVALID_ENTRY", "a writer entry is malformed (missing name, bad payload encoding, size overflow)"),
    error(AssetsPaWriter, "PA_WRITE_SOUNDS_UNSUPPORTED", "SOUNDS has no writer support until its payload contract is known (PA-SOUNDS-2)"),
    error(AssetsPaWriter, "PA_WRITE_SELF_CHECK", "the reader reports a warning on the archive about to be written (PA-WRITE-3); reader *errors* keep their own code"),
    error(AssetsPaWriter, "PA_WRITE_PAYLOAD_SIZE", "a streamed payload has a different length than planned, or is missing"),
    error(AssetsPaWriter, "PA_WRITE_IO", "the output could not be written (host I/O)"),
    error(AssetsPaGlyph, "PA_GLYPH_BAD_METADATA", "`tile_size` not 8/16/32, or no sprite to derive it from"),
    error(AssetsPaGlyph, "PA_GLYPH_TILE_MALFORMED", "a tile cannot be normalized (pixel count, PNG size, mixed sizes, file name not an index)"),
    error(AssetsPaGlyph, "PA_GLYPH_PIXEL_OUT_OF_RANGE", "a pixel's palette index is above 15"),
    error(AssetsPaGlyph, "PA_GLYPH_DUPLICATE_TILE_INDEX", "two tiles declare the same index"),
    error(AssetsPaGlyph, "PA_GLYPH_MISSING_TILE_INDEX", "a gap in the tile indices"),
    error(AssetsPaGlyph, "PA_GLYPH_CAPACITY_OVERFLOW", "more tiles than the 256×256 sheet holds at this tile size"),
    error(AssetsPaGlyph, "PA_GLYPH_NO_PALETTES", "no palette declaration"),
    error(AssetsPaGlyph, "PA_GLYPH_TOO_MANY_PALETTES", "more than 64 palette declarations"),
    error(AssetsPaGlyph, "PA_GLYPH_MALFORMED_PALETTE", "palette index outside 0..63 or repeated, not 16 colours, bad colour value, bad palettes file"),
    error(AssetsPaGlyph, "PA_GLYPH_PNG_INVALID", "a tile PNG cannot be decoded or is not palette-indexed"),
    error(AssetsPaPacker, "PA_INDEX_MISSING", "`assets/.prometeu/index.json` does not exist"),
    error(AssetsPaPacker, "PA_INDEX_MALFORMED", "the registry is not JSON or has the wrong shape"),
    error(AssetsPaPacker, "PA_INDEX_DUPLICATE_ASSET_ID", "two registry entries share an `asset_id`"),
    error(AssetsPaPacker, "PA_INDEX_DUPLICATE_ASSET_UUID", "two registry entries share an `asset_uuid`"),
    error(AssetsPaPacker, "PA_INDEX_DUPLICATE_ROOT", "two registry entries share a `root`"),
    error(AssetsPaPacker, "PA_INDEX_NEXT_ASSET_ID", "`next_asset_id` not greater than every `asset_id`"),
    error(AssetsPaPacker, "PA_INDEX_BAD_ROOT", "a root that is absolute, has `..`, a trailing `/`, or lies in `.prometeu`"),
    varies(AssetsPaPacker, "PA_UNSUPPORTED_INPUT_VERSION", "`asset.json`, `index.json` or a palettes file outside the supported `schema_version` window (1..1) (a warning for an asset excluded from the build)"),
    error(AssetsPaPacker, "PA_ASSET_MISSING", "a registered root has no `asset.json`"),
    varies(AssetsPaPacker, "PA_ASSET_MALFORMED", "`asset.json` is not JSON or a required field is missing/mistyped (a warning for an asset excluded from the build)"),
    error(AssetsPaPacker, "PA_ASSET_IDENTITY_CONFLICT", "`asset.json` `asset_uuid` differs from the registry"),
    varies(AssetsPaPacker, "PA_ASSET_BAD_INPUT_PATH", "an input path is absolute or has `..`/empty segments (a warning for an asset excluded from the build)"),
    error(AssetsPaPacker, "PA_ASSET_INPUT_MISSING", "a declared input file does not exist"),
    varies(AssetsPaPacker, "PA_ASSET_UNKNOWN_FORMAT", "unknown `type`, or a `type` that cannot produce `output.format` (a warning for an asset excluded from the build)"),
    varies(AssetsPaPacker, "PA_ASSET_CODEC_REJECTED", r#"`output.codec` other than `NONE` (`RAW`: "no longer supported; use \"NONE\"") (a warning for an asset excluded from the build)"#),
    varies(AssetsPaPacker, "PA_ASSET_METADATA_COLLISION", "`output.metadata` sets a key owned by the format (`tile_size`, `width`, `height`, `palette_count`) or `codec` (a warning for an asset excluded from the build)"),
    varies(AssetsPaPacker, "PA_ASSET_METADATA_INVALID", "runtime metadata holds a number that is not an integer in 0..2^53−1 (a warning for an asset excluded from the build)"),
    error(AssetsPaPacker, "PA_ASSET_SOUNDS_UNSUPPORTED", "a `sound_bank` in the build set (no v1 writer)"),
    warning(AssetsPaPacker, "PA_ASSET_UNKNOWN_KEY", "unknown key in `asset.json` or its `output`"),
    info(AssetsPaPacker, "PA_MIGRATED", "a legacy authoring name was migrated in memory (`tile_bank`, `image_bank`, `TILES/indexed_v1`)"),
    warning(AssetsPaPacker, "PA_UNREGISTERED_ROOT", "an `asset.json` under `assets/` not in the registry; not packed"),
    info(AssetsPaPacker, "PA_EXCLUDED_FROM_BUILD", "a registered asset with `included_in_build: false`; not packed"),
    error(AssetsPaPacker, "PA_PROJECT_LIMIT", "a project file or walk exceeds its limit (16 MiB per file, 100,000 registered assets, 1,000,000 walk entries)"),
    error(AssetsPaPacker, "PA_PROJECT_IO", "a project file cannot be read, is not a regular file, or is reached through a symlink"),
    error(AssetsPaPacker, "PA_INPUT_CHANGED", "an input changed between the validation pass and the write pass"),
    retired(Wasm, "INTERNAL_JSON", "the JS engine could not parse a result the core printed; no longer emitted since results are built as JS values, not JSON text"),
    error(Wasm, "FILES_TOO_LARGE", "`entriesFromFiles`: the picked or dropped files hold more than `maxTotalBytes` (default 512 MiB); nothing is read"),
    error(AnpkgExport, "ANPKG_EXPORT_PROFILE_NOT_FOUND", "E1: `Project file not found: <project>/machine-profile.yaml`"),
    error(AnpkgExport, "ANPKG_EXPORT_READ_FAILED", "E2: `Failed reading <path>: <reason>` (a project YAML file that exists does not decode as UTF-8 or does not parse; the reason text is trustloop's, upstream's is libyaml's)"),
    error(AnpkgExport, "ANPKG_EXPORT_PROFILE_NOT_MAPPING", "E2: `<path>: root must be a mapping` (empty, scalar or list `machine-profile.yaml`)"),
    error(AnpkgExport, "ANPKG_EXPORT_NO_RUNTIME_VARIANT", "E3: `Project has no runtime variant to export` (no `runtime_profiles.manual`, file missing, or not a mapping)"),
    error(AnpkgExport, "ANPKG_EXPORT_PROVIDERS_NOT_LIST", "E4: `runtime.providers must be a non-empty list`"),
    error(AnpkgExport, "ANPKG_EXPORT_PROVIDER_NOT_OBJECT", "E4: `runtime.providers entries must be objects`"),
    error(AnpkgExport, "ANPKG_EXPORT_PROVIDER_ID_INVALID", "E4: `runtime.providers[].id must be a non-empty string`"),
    error(AnpkgExport, "ANPKG_EXPORT_PROVIDER_ID_DUPLICATE", "E4: `Duplicate provider id in runtime.providers: <id>` (ids compared stripped)"),
    error(AnpkgExport, "ANPKG_EXPORT_PROVIDER_CONFIG_NOT_FOUND", "E5: `Provider config not found for <id>` (no profile provider with that id, or its config parsed to something other than a mapping)"),
    error(AnpkgExport, "ANPKG_EXPORT_BEHAVIOR_ABSOLUTE", "E6: `automation.behavior_tree must be a relative path`"),
    error(AnpkgExport, "ANPKG_EXPORT_BEHAVIOR_NOT_FOUND", "E6: `Behavior tree file not found for automation.behavior_tree='<raw>'`"),
    error(AnpkgExport, "ANPKG_EXPORT_PROFILE_SCHEMA", "E7: `Generated machine-profile failed schema validation: <path>: <msg>; …`"),
    error(AnpkgExport, "ANPKG_EXPORT_SECRET_LEAK", "E8: `Secret-like token value leaked in package file '<rel>' at <keypath>`"),
    error(AnpkgExport, "ANPKG_EXPORT_SCAN_UNREADABLE", "E8 could not parse a package file it scans (a `.json`/`.yaml` behavior tree that is not JSON/YAML; upstream crashes with a traceback)"),
    error(AnpkgExport, "ANPKG_EXPORT_VARIANT_NAME_NOT_STRING", "a `runtime_profiles` key that is not a string names an existing file (upstream crashes with `TypeError` while printing the omitted-variants warning)"),
    error(AnpkgExport, "ANPKG_EXPORT_CREATED_OUT_OF_RANGE", "`workbench.json` `meta.created` converts to UTC outside years 1–9999 (upstream: `OverflowError` traceback)"),
    error(AnpkgExport, "ANPKG_EXPORT_YAML_SHARED_ALIAS", "a file that would be dumped aliases a mapping, sequence or timestamp (directly or through a `<<` merge); upstream re-emits such aliases as `&id001` anchors, trustloop refuses (documented divergence)"),
    warning(AnpkgExport, "ANPKG_EXPORT_VARIANTS_OMITTED", "`exporting only the 'manual' variant; <names> not carried (package format v1 holds one runtime config)`"),
    error(AnpkgExport, "ANPKG_EXPORT_OUTSIDE_PROJECT", "CLI: a project file (profile, variant, provider config, `workbench.json`) resolves outside the project directory (upstream reads it; trustloop refuses)"),
    error(AnpkgExport, "ANPKG_EXPORT_FILE_TOO_LARGE", "CLI: a project file above `--max-file-size`, the files read above `--max-total-size`, or a package beyond zip32 limits"),
    error(AnpkgExport, "ANPKG_EXPORT_IO", "CLI: a file could not be read or the archive could not be written"),
    error(AnpkgExport, "ANPKG_YAML_EMIT_TOO_DEEP", "a value nested deeper than 512 levels cannot be emitted"),
    error(AnpkgExport, "ANPKG_YAML_EMIT_INT_TOO_LARGE", "an integer with more than 4300 decimal digits (Python's `str(int)` limit; upstream crashes)"),
    error(AnpkgValidate, "ANPKG_PATH_NOT_FOUND", "the package path is neither a file nor a directory, or cannot be read [M2]"),
    error(AnpkgValidate, "ANPKG_PATH_CHANGED", "an entry of a package directory changed between the walk's listing and its opening (a file swapped for a symlink, a FIFO or another file; a directory for a symlink): never followed or read [trustloop]"),
    error(AnpkgValidate, "ANPKG_UNSUPPORTED_FORMAT", "not a zip and the suffix is not `.anpkg`/`.zip` [M3]"),
    error(AnpkgValidate, "ANPKG_NOT_A_ZIP", "a `.anpkg`/`.zip` that is not a zip (upstream: traceback) [M5, U1]"),
    error(AnpkgValidate, "ANPKG_ZIP_CORRUPT", "unreadable zip structure, entry or CRC (upstream: traceback)"),
    error(AnpkgValidate, "ANPKG_ZIP_UNSAFE_PATH", "member name with a `..` component (zip slip), a backslash or NUL [M6, trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_ABSOLUTE_PATH", "member name starting with `/` or a drive letter [M6, trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_SYMLINK", "member is a symbolic link [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_DUPLICATE_NAME", "two members with the same (normalised) name [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_CASE_COLLISION", "two member names that differ only in case [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_PATH_CONFLICT", "a member path is both a file and a directory [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_ENCRYPTED", "encrypted member (upstream: traceback) [U1]"),
    error(AnpkgValidate, "ANPKG_ZIP_UNSUPPORTED_COMPRESSION", "compression other than stored/deflate [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_DIRECTORY_WITH_DATA", "a directory member carrying data [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_TOO_MANY_ENTRIES", "more members than `max_entries` (default 10000)"),
    error(AnpkgValidate, "ANPKG_ZIP_TOO_LARGE", "total uncompressed size above `max_total_size` (default 256 MiB; also caps a directory walk and the size of the archive file itself)"),
    error(AnpkgValidate, "ANPKG_ZIP_ENTRY_TOO_LARGE", "one member above `max_entry_size` (default 64 MiB)"),
    error(AnpkgValidate, "ANPKG_ZIP_COMPRESSION_RATIO", "a member of at least `ratio_min_size` (1 MiB) compressed more than `max_ratio` (100) times, or all members together (uncompressed total at least `ratio_min_size`) more than `max_ratio` times; checked from the central directory before anything is inflated"),
    error(AnpkgValidate, "ANPKG_ZIP_OVERLAPPING_ENTRIES", "two members' byte ranges (local header through compressed data) overlap: one compressed stream referenced many times, the overlapping-entries zip bomb. Named before `ANPKG_ZIP_TOO_LARGE` when both apply [trustloop]"),
    error(AnpkgValidate, "ANPKG_ZIP_SIZE_MISMATCH", "a member's data does not match its declared size"),
    error(AnpkgValidate, "ANPKG_MISSING_FILE", "`Missing required package file: <rel>` [S1–S4]"),
    error(AnpkgValidate, "ANPKG_MISSING_PROVIDERS_DIR", "`Missing required package directory: providers/` [S5]"),
    error(AnpkgValidate, "ANPKG_NO_PROVIDER_CONFIGS", "`No provider config files found under providers/` [S6]"),
    error(AnpkgValidate, "ANPKG_CHECKSUM_LINE_FORMAT", "`Invalid checksum line format at meta/checksums.sha256:<n>` [C2]"),
    error(AnpkgValidate, "ANPKG_CHECKSUM_DUPLICATE", "`Duplicate checksum entry for <path>` [C3]"),
    error(AnpkgValidate, "ANPKG_CHECKSUM_DIGEST_FORMAT", "`Invalid sha256 digest for <path>` [C4]"),
    error(AnpkgValidate, "ANPKG_CHECKSUM_SET_MISMATCH", "`Checksum file entries do not match package contents: …` [C6]"),
    error(AnpkgValidate, "ANPKG_CHECKSUM_MISMATCH", "`Checksum mismatch for <path>` [C7]"),
    error(AnpkgValidate, "ANPKG_FILE_NOT_UTF8", "a scanned document or the checksum file is not UTF-8 (upstream: traceback) [U1]"),
    error(AnpkgValidate, "ANPKG_YAML_SYNTAX", "YAML that PyYAML cannot scan/parse, or a character its reader rejects [U1]"),
    error(AnpkgValidate, "ANPKG_YAML_MULTIPLE_DOCUMENTS", "a YAML file with more than one document [U1]"),
    error(AnpkgValidate, "ANPKG_YAML_CONSTRUCT", "a YAML value PyYAML's safe constructor rejects (unknown tag, invalid date, unhashable key, …) [U1]"),
    error(AnpkgValidate, "ANPKG_YAML_LIMIT", "a YAML document over a loader limit (docs/limits.md): size (`YAML document larger than N bytes`), nesting with aliased collections counted (`YAML nesting deeper than 200 levels (aliases included)`; upstream: `RecursionError`), nodes or scalar bytes after alias expansion (`YAML document expands to more than N nodes` / `… bytes of scalars`) [trustloop]"),
    error(AnpkgValidate, "ANPKG_JSON_SYNTAX", "a `.json` file Python's `json.loads` rejects, or one nested deeper than 500 levels (`maximum nesting depth exceeded`; Python: `RecursionError` near 1000) [U1]"),
    error(AnpkgValidate, "ANPKG_TOKEN_LEAK", "`Secret-like token value leaked at <rel>:<keypath>` [T]"),
    error(AnpkgValidate, "ANPKG_YAML_ROOT_NOT_OBJECT", "`YAML root must be object: <abs path>` [P1, R4]"),
    error(AnpkgValidate, "ANPKG_MANIFEST_SCHEMA", "`Schema validation failed for machine-profile.yaml: <path>: <msg>` [P2]"),
    error(AnpkgValidate, "ANPKG_RUNTIME_SCHEMA", "`Schema validation failed for <runtime rel>: <path>: <msg>` [R5]"),
    error(AnpkgValidate, "ANPKG_MANIFEST_PROVIDERS", "`machine-profile.providers must be a non-empty object` [R1]"),
    error(AnpkgValidate, "ANPKG_MANIFEST_RUNTIME_PROFILES", "`machine-profile.runtime_profiles.manual is required` [R2]"),
    error(AnpkgValidate, "ANPKG_RUNTIME_PROVIDERS", "`runtime.providers must be an array` / `…[i] must be an object` / `…[i].id must be a non-empty string` [R6]"),
    error(AnpkgValidate, "ANPKG_PROVIDER_NOT_IN_MANIFEST", "`runtime_profiles.<name>: provider IDs missing from manifest.providers: [...]` [R7]"),
    error(AnpkgValidate, "ANPKG_PROVIDER_NOT_IN_RUNTIME", "`runtime_profiles.<name>: manifest.providers IDs missing from runtime.providers: [...]` [R8]"),
    error(AnpkgValidate, "ANPKG_PROVIDER_ARGS", "`runtime.providers[<i>] args must be an array` [R9]"),
    error(AnpkgValidate, "ANPKG_PROVIDER_CONFIG_ARG_MISSING", "`runtime provider '<id>' missing --config argument` [R10]"),
    error(AnpkgValidate, "ANPKG_PROVIDER_CONFIG_OUTSIDE_PROVIDERS", "`runtime provider '<id>' config path must resolve under providers/: <raw>` [R12]"),
    error(AnpkgValidate, "ANPKG_BEHAVIOR_OUTSIDE_BEHAVIORS", "`automation.behavior_tree must resolve under runtime/behaviors/: …` / `behaviors[<i>] must be under runtime/behaviors/: …` [R14, R18]"),
    error(AnpkgValidate, "ANPKG_MANIFEST_PROVIDER_ENTRY", "`providers.<id> must be an object` [R15]"),
    error(AnpkgValidate, "ANPKG_BEHAVIORS_NOT_ARRAY", "`behaviors must be an array when present` [R16]"),
    error(AnpkgValidate, "ANPKG_PATH_NOT_STRING", "`<label>: path must be a non-empty string` / `…: path must be a string when present` [X1, R20]"),
    error(AnpkgValidate, "ANPKG_PATH_ABSOLUTE", "`<label>: path must be relative (no absolute paths)` [X2]"),
    error(AnpkgValidate, "ANPKG_PATH_ESCAPES", "`<label>: path escapes package root: <raw>` [X3]"),
    error(AnpkgValidate, "ANPKG_REFERENCED_FILE_NOT_FOUND", "`<label>: referenced file not found: <raw>` [X4]"),
    error(AnpkgValidate, "ANPKG_PATH_NOT_FILE", "`validation.check_http_script: expected file path but found non-file entry: <raw>` [R20]"),
    error(AnpkgValidate, "ANPKG_RUNTIME_BIN_NOT_FOUND", "`runtime binary not found: <abs>` [RP2]"),
    error(AnpkgValidate, "ANPKG_REPLAY_FAILED", "`Runtime replay check failed for <rel>: <detail>` [RP4]"),
    error(AnpkgValidate, "ANPKG_REPLAY_EXEC", "the runtime binary could not be started (upstream: traceback) [RP5]"),
    error(AnpkgValidate, "ANPKG_REPLAY_TIMEOUT", "the replay ran longer than `--timeout` (default 30 s) [trustloop]"),
    retired(AnpkgValidate, "ANPKG_REPLAY_UNAVAILABLE", "never emitted: a host that cannot run processes (the browser) reports `replay.status: \"unavailable\"` instead of a finding"),
    error(AnipMaterial, "TREE_SYMLINK", "`custom code bundle must not contain symlinks: <walk path>` (a selected entry, or any source file in the capability scan, is a symlink) (ANIP-TREE-4)"),
    error(AnipMaterial, "TREE_SPECIAL_FILE", "`custom code bundle must not contain special files: <walk path>`: a selected FIFO, socket or device, never read [trustloop]"),
    error(AnipMaterial, "TREE_PATH_REQUIRED", "`generated file path is required` (ANIP-TREE-5.1)"),
    error(AnipMaterial, "TREE_PATH_INVALID", r#"`generated file path is invalid: <path>`: NUL or `\` in the path (ANIP-TREE-5.2)"#),
    error(AnipMaterial, "TREE_PATH_ESCAPES", "`generated file path escapes output directory: <path>`: `..`, absolute, or `.` (ANIP-TREE-5.3)"),
    error(AnipMaterial, "TREE_PATH_TOO_LONG", "`generated file path is too long: <path>`: over 240 bytes (ANIP-TREE-5.4)"),
    error(AnipMaterial, "TREE_PATH_UNSAFE_SEGMENT", "`generated file path contains unsafe segment: <path>`: empty, `.`, `..`, over 100 bytes, or outside `[A-Za-z0-9._@+-]` (ANIP-TREE-5.5)"),
    error(AnipMaterial, "TREE_READ", "a selected file could not be read (the host's Go-style `open <path>: …` text), or is larger than the per-file limit (default 256 MiB) [limit: trustloop]"),
    error(AnipMaterial, "TREE_CHANGED_DURING_WALK", "`<walk path> changed during the walk: listed as a regular file, opened a symlink` (or a special file, or another file): the host's walk found something else than it listed when it opened the file; never followed or read [trustloop]"),
    error(AnipMaterial, "TREE_DUPLICATE_ENTRY", "a host passed entries no directory could hold: the same cleaned path twice, or a path that is both a file and a directory [trustloop]"),
    error(AnipMaterial, "TREE_TOO_MANY_ENTRIES", "more entries than the limit (default 100 000) [trustloop]"),
    error(AnipMaterial, "TREE_FILE_LIST_INVALID", "`tree_combine` input is not a `[{path, sha256}]` list at the given JSON pointer [trustloop]"),
    error(AnipMaterial, "APPLY_PROTECTED_SUBSTRATE", "`custom code bundle cannot replace generated substrate file: <path>` (ANIP-APPLY-7)"),
    error(AnipMaterial, "APPLY_NOT_A_SEAM", "`custom code bundle can only replace declared extension seam files, not generated substrate: <path>` (ANIP-APPLY-8)"),
    error(AnipMaterial, "APPLY_UNKNOWN_CAPABILITY_IDS", "`custom code bundle declares capability ids that are not present in the service definition: <id> in <path>, …. Update the contract IDs, …` (ANIP-APPLY-2)"),
    error(AnipMaterial, "APPLY_DIGEST_MISMATCH", "`custom code bundle digest mismatch: expected <expected> got <applied>` (ANIP-GEN-1)"),
    error(AnipMaterial, "APPLY_VERIFY_DIGEST_INVALID", "`--verify-custom-code-bundle-digest must be sha256:<64 hex chars>` (ANIP-GEN-2.3)"),
    error(AnipMaterial, "APPLY_VERIFY_DIGEST_REQUIRES_BUNDLE", "`--verify-custom-code-bundle-digest requires --custom-code-bundle` (ANIP-GEN-2.4)"),
    error(AnipMaterial, "APPLY_FETCH_REQUIRES_REF", "`--fetch-custom-code-bundle requires --custom-code-bundle-ref` (ANIP-GEN-2.2)"),
    error(AnipMaterial, "APPLY_FETCH_WITH_LOCAL_BUNDLE", "`--fetch-custom-code-bundle cannot be combined with --custom-code-bundle` (ANIP-GEN-2.2)"),
    error(AnipMaterial, "APPLY_FETCH_DISABLED", "`--custom-code-bundle-ref passed immutable reference validation, but remote bundle fetching is not enabled yet; …` (ANIP-GEN-2.2)"),
    error(AnipMaterial, "APPLY_UNKNOWN_TARGET", r#"`unsupported target "<t>"`"#),
    error(AnipMaterial, "APPLY_TARGET_REQUIRED", "the applied tree digest was requested without a target [trustloop]"),
    error(AnipMaterial, "APPLY_TEMPLATE_KEY_INVALID", "a template key (`--var KEY=VALUE`, `vars`) outside `[A-Za-z0-9_]` [trustloop]"),
    error(AnipMaterial, "REF_REQUIRED", "`custom code bundle ref is required` (ANIP-REF-1)"),
    error(AnipMaterial, "REF_TOO_LONG", "`custom code bundle ref is too long`: over 2048 bytes after trimming (ANIP-REF-1)"),
    error(AnipMaterial, "REF_UNSAFE_CHARACTERS", "`custom code bundle ref contains unsafe characters` (ANIP-REF-2)"),
    error(AnipMaterial, "REF_DIGEST_MISSING", "`custom code bundle ref must include a sha256 digest fragment` (ANIP-REF-3)"),
    error(AnipMaterial, "REF_DIGEST_INVALID", "`custom code bundle ref digest must be sha256:<64 hex chars>` (ANIP-REF-3)"),
    error(AnipMaterial, "REF_PATH_TRAVERSAL", "`custom code bundle ref must not contain path traversal` (ANIP-REF-4)"),
    error(AnipMaterial, "REF_SCHEME_UNSUPPORTED", "`custom code bundle ref scheme must be git+https, registry, object+https, or object+s3` (ANIP-REF-5)"),
    error(AnipMaterial, "REF_GIT_COMMIT_MISSING", "`git custom code bundle ref must pin a commit with @<commit>` (ANIP-REF-6.1)"),
    error(AnipMaterial, "REF_GIT_COMMIT_MUTABLE", "`git custom code bundle ref must pin an immutable commit hash` (ANIP-REF-6.2)"),
    error(AnipMaterial, "REF_GIT_URL_INVALID", "`git custom code bundle ref must be a valid HTTPS git URL` (ANIP-REF-6.3)"),
    error(AnipMaterial, "REF_GIT_URL_EXTRAS", "`git custom code bundle ref must not include credentials, query, or fragment before the digest` (ANIP-REF-6.4)"),
    error(AnipMaterial, "REF_GIT_PATH_UNSAFE", "`git custom code bundle ref path is unsafe` (ANIP-REF-6.5)"),
    error(AnipMaterial, "REF_REGISTRY_INVALID", "`registry custom code bundle ref is invalid` (ANIP-REF-7.1, -7.4)"),
    error(AnipMaterial, "REF_REGISTRY_VERSION_MISSING", "`registry custom code bundle ref must include @<version>` (ANIP-REF-7.2)"),
    error(AnipMaterial, "REF_REGISTRY_VERSION_MUTABLE", "`registry custom code bundle ref must pin an immutable version` (ANIP-REF-7.3)"),
    error(AnipMaterial, "REF_OBJECT_HTTPS_URL_INVALID", "`object HTTPS custom code bundle ref must be a valid HTTPS object URL` (ANIP-REF-8.1)"),
    error(AnipMaterial, "REF_OBJECT_HTTPS_URL_EXTRAS", "`object HTTPS custom code bundle ref must not include credentials, query, or fragment before the digest` (ANIP-REF-8.2)"),
    error(AnipMaterial, "REF_OBJECT_HTTPS_PATH_UNSAFE", "`object HTTPS custom code bundle ref path is unsafe` (ANIP-REF-8.3)"),
    error(AnipMaterial, "REF_OBJECT_S3_URL_INVALID", "`object S3 custom code bundle ref must be a valid s3 object URL` (ANIP-REF-9.1)"),
    error(AnipMaterial, "REF_OBJECT_S3_URL_EXTRAS", "`object S3 custom code bundle ref must not include credentials, query, or fragment before the digest` (ANIP-REF-9.2)"),
    error(AnipMaterial, "REF_OBJECT_S3_PATH_UNSAFE", "`object S3 custom code bundle ref path is unsafe` (ANIP-REF-9.3)"),
    error(AnipMaterial, "MAT_SHAPE_INVALID", "`custom code bundle metadata at <source> must be a string, object, or array` (ANIP-MAT-2)"),
    error(AnipMaterial, "MAT_TREE_DIGEST_INVALID", "`invalid custom code bundle tree digest at <source>: must be sha256:<64 hex chars>` (ANIP-MAT-3)"),
    error(AnipMaterial, "ATT_VERSION_REQUIRED", "`--package-version is required` (ANIP-ATT-1.2, exit 2)"),
    error(AnipMaterial, "ATT_REF_REQUIRED", "`--custom-code-bundle-ref or --implementation-material-ref is required` (ANIP-ATT-1.3, exit 2)"),
    error(AnipMaterial, "ATT_TREE_DIGEST_MISMATCH", "`--bundle-tree-sha256 does not match local custom bundle: expected <given> computed <digest>` (ANIP-ATT-1.5, exit 1)"),
    error(AnipMaterial, "ATT_TREE_DIGEST_INVALID", "`--bundle-tree-sha256 must be sha256:<64 hex chars>` (ANIP-ATT-1.6, exit 2)"),
    error(AnipMaterial, "ATT_BUNDLE_DECODE", "`decode package bundle: json: cannot unmarshal <kind> into Go value of type map[string]interface {}`"),
    error(AnipMaterial, "ATT_NO_PACKAGE_ID", "`package bundle does not contain package_id` (§5.6)"),
    error(AnipMaterial, "ATT_NO_PACKAGE_VERSION", "`package bundle does not contain package_version` (§5.6)"),
    error(AnipMaterial, "ATT_NO_PROJECT_REF", "`package bundle does not contain project_ref` (§5.6)"),
    error(AnipMaterial, "ATT_NO_REVISION_REFS", "`package bundle must contain product_revision_ref, developer_revision_ref, and contract_signature` (§5.6)"),
    error(AnipMaterial, "ATT_NO_DOCUMENTS", "`package bundle must contain manifest, service_definition, and recommended_lock or lock` (§5.6)"),
    error(AnipMaterial, "ATT_PUBLISH_REJECTED", "`publish package revision failed: <status>: <body>`: the Registry answered outside 2xx"),
    error(AnipMaterial, "ATT_PUBLISH_RESPONSE_DECODE", "`decode registry publish response: <err>`"),
    error(AnipMaterial, "LINT_README_MISSING", "no non-blank README in `package.readme`, `manifest.readme`, `package.manifest.readme` or `readme` [trustloop]"),
    error(AnipMaterial, "LINT_README_TRIVIAL", "the README has fewer than 80 characters or 10 words [trustloop]"),
    error(AnipMaterial, "LINT_SOURCE_LINK_NOT_HTTP", "a `source_links[].url` that is not an absolute `http(s)` URL with a host and no credentials [trustloop]"),
    error(AnipMaterial, "LINT_LOCAL_URL", "a `localhost`/`*.localhost`, `127.0.0.0/8`, `0.0.0.0`, `[::1]` or `file:` URL anywhere in the bundle [trustloop]"),
    error(AnipMaterial, "LINT_MATERIAL_NOT_IMMUTABLE", "an implementation material ref pinned to a branch, tag or floating version (`REF_GIT_COMMIT_*`, `REF_REGISTRY_VERSION_*`) [trustloop]"),
    error(AnipMaterial, "LINT_MATERIAL_NOT_DIGEST_PINNED", "an implementation material without a ref, or whose ref lacks a valid `#sha256:` digest [trustloop]"),
    error(AnipMaterial, "LINT_MATERIAL_REF_INVALID", "an implementation material ref that fails any other ref rule, or a material of the wrong JSON type [trustloop]"),
    error(AnipMaterial, "LINT_MATERIAL_TREE_DIGEST_INVALID", "a material tree digest that is not `sha256:<64 hex>` [trustloop]"),
    error(AnipMaterial, "LINT_SECRET_VALUE", "a value under a credential-named key, or one shaped like a private key, cloud/API token, JWT, bearer/basic header or URL password (the value is never echoed) [trustloop]"),
    error(AnipMaterial, "LINT_ENV_FILE", "a `.env` / `.env.<x>` file path (templates like `.env.example` excepted) or pasted `KEY=value` `.env` contents [trustloop]"),
    error(AnipMaterial, "LINT_PRIVATE_PATH", r#"a workstation path `/Users/<name>`, `/home/<name>` or `<drive>:\Users\<name>` outside a URL [trustloop]"#),
    error(AnipMaterial, "LINT_POPULARITY_SIGNAL", "a download-count, popularity, stars, rating or trust-score key in publisher metadata (the Registry's own `publication.download_count` and `package.download_count` excepted) [trustloop]"),
    error(AnipMaterial, "LINT_BUNDLE_NOT_OBJECT", "the lint input is not a JSON object [trustloop]"),

];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_and_screaming_snake() {
        for (i, c) in TABLE.iter().enumerate() {
            assert!(TABLE[..i].iter().all(|d| d.code != c.code), "{} listed twice", c.code);
            assert!(c.code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'), "{}", c.code);
            assert!(!c.meaning.is_empty() && !c.meaning.contains('\n'), "{}", c.code);
            assert_eq!(by_name(c.code).map(|r| r.code), Some(c.code));
        }
        assert!(by_name("NO_SUCH_CODE").is_none());
    }

    /// Sections appear in one run each, so `docs/codes.md` renders one table per section.
    #[test]
    fn each_section_is_one_run_of_rows() {
        let mut seen: alloc::vec::Vec<Section> = alloc::vec::Vec::new();
        for c in TABLE {
            if seen.last() != Some(&c.section) {
                assert!(!seen.contains(&c.section), "section {} split", c.section.as_str());
                seen.push(c.section);
            }
        }
    }
}
