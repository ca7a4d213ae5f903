//! The resource budgets every parser, walk and child process applies to untrusted
//! input, by name: one table for the defaults (`docs/limits.md` is checked against it)
//! and one process-wide setting per budget, which every host exposes the same way
//! (CLI `--limit NAME=N`, Python `trustloop.set_limit`, Node and WASM `setLimit`).
//!
//! Process-wide like Python's `sys.set_int_max_str_digits`: a host sets its budgets
//! once, before it handles input; per-call options (`max_entries`, …) still win for
//! that call. Budgets whose later walks recurse (YAML and Python-JSON nesting) have a
//! ceiling: they can be lowered, never raised past what fits the smallest host stack.
use core::sync::atomic::{AtomicUsize, Ordering};

/// One budget. The discriminant indexes [`TABLE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    InputBytes,
    JsonBytes,
    JsonDepth,
    JsonStringBytes,
    YamlBytes,
    YamlDepth,
    YamlNodes,
    YamlExpandedBytes,
    ZipEntries,
    ZipEntryBytes,
    ZipTotalBytes,
    ZipRatio,
    ZipRatioMinBytes,
    TreeEntries,
    TreeFileBytes,
    AssetsRegistered,
    AssetFileBytes,
    ReplayOutputBytes,
    BatchItems,
    BatchBytes,
}

/// A row of the table: the name every host uses, the default, the largest value a
/// host may set, and what the budget bounds.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub budget: Budget,
    pub name: &'static str,
    pub default: usize,
    pub ceiling: usize,
    pub meaning: &'static str,
}

const MIB: usize = 1 << 20;
const ANY: usize = usize::MAX;

const fn row(budget: Budget, name: &'static str, default: usize, ceiling: usize, meaning: &'static str) -> Row {
    Row { budget, name, default, ceiling, meaning }
}

/// Every budget, in [`Budget`] order.
pub const TABLE: [Row; 20] = [
    row(Budget::InputBytes, "input_bytes", 64 * MIB, ANY, "bytes of a file a host reads whole (bundle, definition, lock file, trust store, key, JSON)"),
    row(Budget::JsonBytes, "json_bytes", 64 * MIB, ANY, "bytes of one JSON document"),
    row(Budget::JsonDepth, "json_depth", 10_000, ANY, "nesting of one JSON document (Go's limit; every walk is iterative)"),
    row(Budget::JsonStringBytes, "json_string_bytes", 16 * MIB, ANY, "bytes of one JSON string"),
    row(Budget::YamlBytes, "yaml_bytes", 16 * MIB, ANY, "bytes of one YAML document"),
    row(Budget::YamlDepth, "yaml_depth", 200, 200, "YAML nesting, aliased collections included (later walks recurse this deep)"),
    row(Budget::YamlNodes, "yaml_nodes", 1_000_000, ANY, "YAML nodes after alias expansion"),
    row(Budget::YamlExpandedBytes, "yaml_expanded_bytes", 64 * MIB, ANY, "YAML scalar bytes after alias expansion"),
    row(Budget::ZipEntries, "zip_entries", 10_000, ANY, "members of a .anpkg archive"),
    row(Budget::ZipEntryBytes, "zip_entry_bytes", 64 * MIB, ANY, "uncompressed bytes of one archive member"),
    row(Budget::ZipTotalBytes, "zip_total_bytes", 256 * MIB, ANY, "uncompressed bytes of all members (and of the archive file, and of a package directory)"),
    row(Budget::ZipRatio, "zip_ratio", 100, ANY, "compression ratio of a member, and of all members summed"),
    row(Budget::ZipRatioMinBytes, "zip_ratio_min_bytes", MIB, ANY, "size from which the ratio is checked"),
    row(Budget::TreeEntries, "tree_entries", 100_000, ANY, "entries of a custom code bundle tree"),
    row(Budget::TreeFileBytes, "tree_file_bytes", 256 * MIB, ANY, "bytes of one file digested into a tree"),
    row(Budget::AssetsRegistered, "assets_registered", 100_000, ANY, "assets registered in an assets.pa project"),
    row(Budget::AssetFileBytes, "asset_file_bytes", 16 * MIB, ANY, "bytes of one assets.pa project input file"),
    row(Budget::ReplayOutputBytes, "replay_output_bytes", MIB, ANY, "bytes kept of each output stream of the runtime replay"),
    row(Budget::BatchItems, "batch_items", 100_000, ANY, "inputs of one batch call (`verify_many`, `validate_many`, `tree_digest_many`)"),
    row(Budget::BatchBytes, "batch_bytes", 1024 * MIB, ANY, "bytes of all inputs of one batch call together"),
];

/// `usize::MAX` means "not set": the default applies.
static CURRENT: [AtomicUsize; TABLE.len()] = [const { AtomicUsize::new(usize::MAX) }; TABLE.len()];

impl Budget {
    /// The value in force for this process.
    pub fn get(self) -> usize {
        match CURRENT[self as usize].load(Ordering::Relaxed) {
            usize::MAX => TABLE[self as usize].default,
            set => set,
        }
    }

    /// [`Budget::get`] as a byte count.
    pub fn bytes(self) -> u64 {
        self.get() as u64
    }
}

/// The budget called `name`.
pub fn by_name(name: &str) -> Option<Budget> {
    TABLE.iter().find(|r| r.name == name).map(|r| r.budget)
}

/// Sets the budget called `name` for this process; the error message names an unknown
/// name or a value above the budget's ceiling (the API makes it `INVALID_OPTION`).
pub fn set(name: &str, value: usize) -> Result<(), alloc::string::String> {
    let budget = by_name(name)
        .ok_or_else(|| alloc::format!("unknown limit {name:?} (known: {})", names().join(", ")))?;
    let row = &TABLE[budget as usize];
    if value > row.ceiling {
        return Err(alloc::format!(
            "limit {name:?} can be lowered, not raised above {}: deeper input is walked recursively",
            row.ceiling
        ));
    }
    // usize::MAX is the "unset" marker; the largest settable value is one less.
    CURRENT[budget as usize].store(value.min(usize::MAX - 1), Ordering::Relaxed);
    Ok(())
}

/// Puts every budget back to its default.
pub fn reset() {
    for c in &CURRENT {
        c.store(usize::MAX, Ordering::Relaxed);
    }
}

/// Every budget's name and value in force, in table order.
pub fn current() -> alloc::vec::Vec<(&'static str, usize)> {
    TABLE.iter().map(|r| (r.name, r.budget.get())).collect()
}

fn names() -> alloc::vec::Vec<&'static str> {
    TABLE.iter().map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is indexed by the enum: each row sits at its budget's discriminant.
    #[test]
    fn rows_are_in_enum_order_with_unique_names() {
        for (i, r) in TABLE.iter().enumerate() {
            assert_eq!(r.budget as usize, i, "{}", r.name);
            assert_eq!(by_name(r.name), Some(r.budget));
            assert!(r.default <= r.ceiling, "{}", r.name);
        }
    }

    /// Setting is tested where no other test runs in the same process
    /// (`tests/tests/budgets.rs`); here only what does not change a value.
    #[test]
    fn unknown_names_and_values_above_the_ceiling_are_refused() {
        assert!(set("no_such_limit", 1).unwrap_err().starts_with("unknown limit"));
        assert!(set("yaml_depth", 201).unwrap_err().contains("not raised above 200"));
        assert_eq!(Budget::YamlDepth.get(), 200);
    }
}
