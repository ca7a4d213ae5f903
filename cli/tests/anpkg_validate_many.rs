//! `trustloop anpkg validate a b c` (a trustloop addition): each result in order, one
//! summary line, exit 1 when any failed, a JSON array under --json; one package keeps
//! `anolis-validate`'s output; `-` is an archive on standard input.
use std::path::PathBuf;

mod common;
use common::{repo, run_with_stdin};

use trustloop_core::api::json::{self, Value};



fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A valid archive: the example project exported into a fresh directory.
fn exported_example(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("trustloop-validate-many-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let archive = dir.join("greenhouse-bench.anpkg").display().to_string();
    let o = run_with_stdin(&["anpkg", "export", &repo("examples/anpkg/greenhouse-bench"), &archive], b"");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    (dir, archive)
}

#[test]
fn several_packages_are_reported_in_order_with_a_summary() {
    let (dir, good) = exported_example("text");
    let not_a_package = std::fs::canonicalize(repo("tests/examples/anip")).unwrap().display().to_string();
    let missing = dir.join("missing.anpkg").display().to_string();

    let all_good = run_with_stdin(&["anpkg", "validate", &good, &good], b"");
    assert_eq!(all_good.status.code(), Some(0));
    assert_eq!(text(&all_good.stdout), format!("Package validation passed: {good}\nPackage validation passed: {good}\n"));
    assert_eq!(text(&all_good.stderr), "0 of 2 packages failed validation\n");

    let mixed = run_with_stdin(&["anpkg", "validate", &good, &not_a_package, &missing], b"");
    assert_eq!(mixed.status.code(), Some(1));
    assert_eq!(text(&mixed.stdout), format!("Package validation passed: {good}\n"));
    assert_eq!(
        text(&mixed.stderr),
        format!(
            "{not_a_package}: Validation failed: Missing required package file: machine-profile.yaml\n\
             {missing}: Validation failed: Package path not found: {missing}\n\
             2 of 3 packages failed validation\n"
        )
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn one_package_keeps_the_single_output_and_json_becomes_an_array_only_for_several() {
    let (dir, good) = exported_example("json");
    let missing = dir.join("missing.anpkg").display().to_string();

    let one = run_with_stdin(&["anpkg", "validate", &missing], b"");
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(text(&one.stderr), format!("Validation failed: Package path not found: {missing}\n"));
    assert_eq!(text(&one.stdout), "");

    let one_json = run_with_stdin(&["anpkg", "validate", "--json", &good], b"");
    let value = json::parse(&one_json.stdout).expect("JSON");
    assert_eq!(value.get("valid"), Some(&Value::Bool(true)));

    let several = run_with_stdin(&["anpkg", "validate", "--json", &good, &missing], b"");
    assert_eq!(several.status.code(), Some(1));
    assert_eq!(text(&several.stderr), "");
    let value = json::parse(&several.stdout).expect("JSON");
    let items = value.as_array().expect("an array for several packages");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], json::parse(&one_json.stdout).unwrap());
    assert_eq!(items[1].str_at("path"), missing);
    assert_eq!(items[1].get("valid"), Some(&Value::Bool(false)));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn dash_validates_an_archive_from_stdin_within_the_archive_budget() {
    let (dir, good) = exported_example("stdin");
    let bytes = std::fs::read(&good).expect("archive");

    let o = run_with_stdin(&["anpkg", "validate", "-"], &bytes);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "Package validation passed: -\n");

    let small = (bytes.len() - 1).to_string();
    let o = run_with_stdin(&["anpkg", "validate", "--max-total-size", &small, "-"], &bytes);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr), format!("Validation failed: Package file is larger than {small} bytes: -\n"));

    let o = run_with_stdin(&["anpkg", "validate", "-", "-"], &bytes);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("-: Validation failed: Package path not readable: read package: standard input (-) was already read"), "{}", text(&o.stderr));
    std::fs::remove_dir_all(&dir).ok();
}
