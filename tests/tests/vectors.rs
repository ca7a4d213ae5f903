//! Every conformance vector under `tests/vectors/`, against `trustloop_core::api`.
use trustloop_conformance::{fixtures_dir, is_ci, repo_root, run_all};

#[test]
fn conformance_vectors() {
    let root = repo_root();
    let s = run_all(&root).unwrap_or_else(|e| panic!("cannot load vectors: {e}"));
    for (id, why) in &s.failed {
        eprintln!("FAIL {id}\n{why}");
    }
    if s.no_fixtures > 0 {
        eprintln!(
            "NOT RUN: {} fixture cases, fixtures folder missing ({})",
            s.no_fixtures,
            fixtures_dir().display()
        );
    }
    eprintln!(
        "vectors: {} passed, {} failed, {} not run (fixtures), {} for other hosts, {} run by another Rust runner (assets_pa_*)",
        s.passed,
        s.failed.len(),
        s.no_fixtures,
        s.not_for_host,
        s.delegated
    );
    assert!(s.passed > 0, "no vector ran");
    assert!(s.failed.is_empty(), "{} vector cases failed", s.failed.len());
    assert!(!(is_ci() && s.no_fixtures > 0), "CI=true and {} fixture cases could not run", s.no_fixtures);
}
