//! Test support: a fresh, canonical scratch directory per test.
use std::path::PathBuf;

/// `<temp>/trustloop-host-<name>-<pid>`, emptied and created; canonical, so paths
/// compare equal to what the host's resolution gives.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("trustloop-host-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    std::fs::canonicalize(&d).expect("canonical scratch dir")
}
