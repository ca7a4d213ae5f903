//! Exit codes, one table for every command: docs/exit-codes.md (cli/tests/conventions.rs
//! runs each of its rows). Where a command mirrors an upstream tool its codes are that
//! tool's; trustloop's own commands follow `anip verify`'s convention.

/// Success; every check passed.
pub const OK: u8 = 0;
/// A hard error: the input could not be read or checked (nothing was verified).
pub const ERROR: u8 = 1;
/// At least one check failed (`anip verify`, `anip lint`, `assets-pa verify`).
pub const CHECK_FAILED: u8 = 2;
/// A usage error of a command that mirrors upstream: Go's `flag` and Python's
/// `argparse` both exit 2, which is also `anip verify`'s failed check.
pub const UPSTREAM_USAGE: u8 = 2;
/// A usage error of trustloop's own commands (`EX_USAGE` of sysexits.h), so it never
/// reads as a failed check.
pub const USAGE: u8 = 64;

/// The commands (paths below `trustloop`) whose usage errors are upstream's exit 2.
const MIRRORS_UPSTREAM: &[&[&str]] = &[
    &["anip", "verify"],
    &["anip", "build-local"],
    &["anip", "attach-implementation"],
    &["anip", "lock", "write"],
    &["anip", "bundle", "report"],
    &["anpkg", "validate"],
    &["anpkg", "export"],
];

/// The subcommand path `argv` names (`["anip", "verify"]`), found by walking clap's tree.
pub fn command_path(argv: &[String], cli: &clap::Command) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = cli;
    for arg in argv.iter().skip(1) {
        if let Some(sub) = at.find_subcommand(arg) {
            path.push(sub.get_name().to_string());
            at = sub;
        }
    }
    path
}

/// The exit code of a usage error (clap's, or one a command finds in its flags).
pub fn usage_for(path: &[String]) -> u8 {
    if MIRRORS_UPSTREAM.iter().any(|p| p.iter().eq(path.iter())) {
        UPSTREAM_USAGE
    } else {
        USAGE
    }
}

/// The exit code of several inputs: the worst one. A failed check outranks a hard error
/// (a package known to be bad says more than one that could not be read).
pub fn worst(codes: impl IntoIterator<Item = u8>) -> u8 {
    codes.into_iter().max().unwrap_or(OK)
}
