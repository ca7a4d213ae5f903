//! Every conformance vector under `tests/vectors/`, against `trustloop_core::api`.
use trustloop_conformance::{fixtures_dir, is_ci, load_cases, repo_root, run_all};
use trustloop_core::api::json::Value;

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
    if s.not_in_build > 0 {
        eprintln!("NOT RUN: {} cases of operations this build of the core lacks (built without default features)", s.not_in_build);
    }
    eprintln!(
        "vectors: {} passed, {} failed, {} not run (fixtures), {} for other hosts, {} not in this build",
        s.passed,
        s.failed.len(),
        s.no_fixtures,
        s.not_for_host,
        s.not_in_build
    );
    // Only a build without the core's features may lack operations.
    assert!(cfg!(not(feature = "full")) || s.not_in_build == 0, "the full core lacks operations");
    assert!(s.passed > 0, "no vector ran");
    assert!(s.failed.is_empty(), "{} vector cases failed", s.failed.len());
    assert!(!(is_ci() && s.no_fixtures > 0), "CI=true and {} fixture cases could not run", s.no_fixtures);
}

/// The `assets.pa` corruption suite (PA-READ): at least 40 cases of damaged archives
/// that `verify` must refuse (`conformance_vectors` runs them).
#[test]
fn the_assets_pa_corruption_suite_has_at_least_40_cases() {
    let refused = load_cases(&repo_root())
        .unwrap()
        .iter()
        .filter(|c| c.get("op").and_then(Value::as_str) == Some("assets_pa_verify"))
        .filter(|c| c.get("expect").and_then(|e| e.get("result_subset")).and_then(|r| r.get("ok")) == Some(&Value::Bool(false)))
        .count();
    assert!(refused >= 40, "the corruption suite needs at least 40 cases, has {refused}");
}
