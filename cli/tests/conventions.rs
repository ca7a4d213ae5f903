//! The CLI's conventions (issue 11): every row of docs/exit-codes.md run as written, the
//! JSON error object of every command under `--json`, colour only when asked for or on a
//! terminal, several inputs with a summary and the worst exit code, conflicting sources.
//! A closed pipe (EPIPE) is tests/broken_pipe.rs, `-` for stdin tests/stdin.rs,
//! completions and the man page tests/completions_and_man.rs.
use std::process::{Command, Output};

use trustloop_core::api::json::{self, Value};

mod common;
use common::{repo, Temp};

const MISSING: &str = "/nonexistent/trustloop-conventions";

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustloop"));
    cmd.args(args).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run trustloop")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn good() -> String {
    repo("tests/examples/anip/order-desk-1.0.0.anip-package.json")
}

fn failing() -> String {
    repo("tests/examples/anip/tampered/signature-bit-flip.anip-package.json")
}

fn definition() -> String {
    repo("examples/anip/order-desk-service-definition.json")
}

/// A bundle with lint findings.
fn dirty(t: &Temp) -> String {
    let path = t.join("dirty.json");
    std::fs::write(&path, br#"{"package": {"readme": "TODO"}, "manifest": {"api_token": "abc"}}"#).expect("write");
    path
}

/// The rows of docs/exit-codes.md: (exit, example argv after `trustloop`).
fn table_rows() -> Vec<(u8, Vec<String>)> {
    let doc = std::fs::read_to_string(repo("docs/exit-codes.md")).expect("docs/exit-codes.md");
    let start = doc.find("<!-- exit-codes -->").expect("start marker");
    let end = doc.find("<!-- /exit-codes -->").expect("end marker");
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let exit = cells[2].parse().unwrap_or_else(|_| panic!("exit cell of {line}"));
            let example = cells[4].trim_matches('`');
            let argv = example.strip_prefix("trustloop ").unwrap_or_else(|| panic!("example of {line}"));
            (exit, argv.split_whitespace().map(str::to_string).collect())
        })
        .collect()
}

#[test]
fn every_row_of_the_exit_code_table_holds() {
    let t = Temp::new("table");
    let dirty = dirty(&t);
    let tmp = t.s();
    let rows = table_rows();
    assert!(rows.len() >= 40, "the table lost rows: {}", rows.len());
    let place = |arg: &str| -> String {
        match arg {
            "GOOD" => good(),
            "FAILING" => failing(),
            "DIRTY" => dirty.clone(),
            "DEFINITION" => definition(),
            "VALID.pa" => repo("tests/vectors/assets-pa/files/v2.pa"),
            "INVALID.pa" => repo("tests/vectors/assets-pa/files/glyph-width-128.pa"),
            "PROJECT" => repo("examples/anpkg/greenhouse-bench"),
            "MISSING" => MISSING.to_string(),
            "TMP" => tmp.clone(),
            other => match other.strip_prefix("TMP/") {
                Some(rest) => t.join(rest),
                None => other.to_string(),
            },
        }
    };
    for (exit, argv) in rows {
        let args: Vec<String> = argv.iter().map(|a| place(a)).collect();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&refs);
        assert_eq!(o.status.code(), Some(i32::from(exit)), "trustloop {}\nstderr: {}", argv.join(" "), text(&o.stderr));
    }
}

/// The JSON error object: one shape, its exit_code the process's.
fn assert_json_error(args: &[&str]) -> Value {
    let o = run(args);
    let v = json::parse(&o.stdout).unwrap_or_else(|_| panic!("{args:?}: no JSON on stdout: {}", text(&o.stdout)));
    let keys: Vec<&str> = v.as_object().expect("object").iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["code", "exit_code", "findings", "message"], "{args:?}");
    assert!(text(&o.stdout).starts_with("{\n  \"code\": "), "{args:?}: printed in this order: code, message, findings, exit_code");
    assert!(!v.str_at("message").is_empty(), "{args:?}");
    assert_eq!(v.get("exit_code").and_then(Value::as_f64), o.status.code().map(f64::from), "{args:?}");
    assert_ne!(o.status.code(), Some(0), "{args:?}");
    v
}

#[test]
fn a_hard_error_under_json_is_one_object_in_every_command() {
    let t = Temp::new("json");
    let key = t.join("key.env");
    assert_eq!(run(&["keygen", "--out", &key]).status.code(), Some(0));
    let out = t.join("out");
    let cases: Vec<Vec<&str>> = vec![
        vec!["anip", "lint", "--package-bundle", MISSING, "--json"],
        vec!["anip", "build-local", "--definition", MISSING, "--package-id", "p", "--package-version", "1", "--output-dir", &out, "--json"],
        vec!["anip", "attach-implementation", "--json"],
        vec!["anip", "lock", "write", "--package-bundle", MISSING, "-o", &out, "--json"],
        vec!["anip", "bundle", "digest", MISSING, "--json"],
        vec!["anip", "bundle", "report", "--package-bundle", MISSING, "--target", "python", "--custom-code-bundle", MISSING, "--json"],
        vec!["anip", "bundle", "materials", "--package-bundle", MISSING, "--json"],
        vec!["anip", "ref", "check", "not-a-ref", "--json"],
        vec!["anpkg", "export", MISSING, &out, "--json"],
        vec!["assets-pa", "inspect", MISSING, "--json"],
        vec!["assets-pa", "extract", MISSING, "--asset-id", "0", "--out", &out, "--json"],
        vec!["assets-pa", "pack", MISSING, "--json"],
        vec!["json", "digest", MISSING, "--json"],
        vec!["json", "canonicalize", MISSING, "--json"],
        vec!["keygen", "--out", &key, "--json"],
        // A usage error too.
        vec!["json", "digest", "--json"],
    ];
    for args in &cases {
        assert_json_error(args);
    }
    // A core error keeps its code and findings.
    let v = assert_json_error(&["anip", "ref", "check", "not-a-ref", "--json"]);
    assert!(v.str_at("code").starts_with("REF_"), "{}", json::to_pretty(&v));
    // Usage errors exit 64 outside upstream's commands, 2 under them.
    let v = assert_json_error(&["json", "digest", "--json"]);
    assert_eq!(v.get("exit_code").and_then(Value::as_f64), Some(64.0));
    // Upstream's bytes win: `anip verify --json` prints nothing on stdout for a hard error.
    let o = run(&["anip", "verify", "--package-bundle", MISSING, "--json"]);
    assert_eq!((o.status.code(), o.stdout.len()), (Some(1), 0));
    assert_eq!(text(&o.stderr), format!("read package bundle: open {MISSING}: no such file or directory\n"));
}

#[test]
fn several_bundles_give_each_result_a_summary_and_the_worst_exit_code() {
    let (good, failing) = (good(), failing());
    let o = run(&["anip", "verify", "--package-bundle", &good, &failing, MISSING]);
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o.stdout);
    assert!(out.starts_with(&format!("== {good}\nOK  package-bundle order-desk@1.0.0  (all 20 checks passed)\n")), "{out}");
    assert!(out.contains(&format!("\n== {failing}\nFAILED  package-bundle order-desk@1.0.0  (1 of 20 checks failed)\n")), "{out}");
    let err = text(&o.stderr);
    assert!(err.contains(&format!("error: {MISSING}: read package bundle: open ")), "{err}");
    assert!(err.ends_with("1 of 3 packages failed verification, 1 could not be verified\n"), "{err}");

    let o = run(&["anip", "verify", "--package-bundle", &good, &failing, MISSING, "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json::parse(&o.stdout).expect("JSON");
    let items = v.as_array().expect("array");
    let got: Vec<(String, f64, &str)> = items
        .iter()
        .map(|i| {
            let kind = if i.get("result").is_some() { "result" } else { "error" };
            (i.str_at("input").to_string(), i.get("exit_code").and_then(Value::as_f64).unwrap_or(-1.0), kind)
        })
        .collect();
    assert_eq!(got, [(good.clone(), 0.0, "result"), (failing.clone(), 2.0, "result"), (MISSING.to_string(), 1.0, "error")]);
    // Each result is the one a single call prints.
    let single = run(&["anip", "verify", "--package-bundle", &failing, "--json"]);
    let single = json::parse(&single.stdout).expect("JSON");
    assert_eq!(json::to_pretty(items[1].get("result").unwrap()), json::to_pretty(&single));

    let (valid, invalid) = (repo("tests/vectors/assets-pa/files/v2.pa"), repo("tests/vectors/assets-pa/files/glyph-width-128.pa"));
    let o = run(&["assets-pa", "verify", &valid, &invalid]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).ends_with("1 of 2 archives failed verification\n"), "{}", text(&o.stderr));
}

#[test]
fn one_bundle_keeps_the_single_output() {
    let o = run(&["anip", "verify", "--package-bundle", &failing()]);
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o.stdout);
    assert!(out.starts_with("FAILED  package-bundle order-desk@1.0.0  (1 of 20 checks failed)\n"), "{out}");
    assert!(out.contains("\n> [FAIL] bundle_receipt_signature_valid\n"), "{out}");
    assert!(!out.contains("== "), "{out}");
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let failing = failing();
    let plain = run(&["anip", "verify", "--package-bundle", &failing]);
    let never = run(&["anip", "verify", "--package-bundle", &failing, "--color", "never"]);
    let always = run(&["anip", "verify", "--package-bundle", &failing, "--color", "always"]);
    // NO_COLOR turns off auto colour; an explicit --color always wins over it.
    let no_color = run_env(&["anip", "verify", "--package-bundle", &failing, "--color", "always"], &[("NO_COLOR", "1")]);
    assert!(!plain.stdout.contains(&0x1b), "a pipe gets plain bytes");
    assert_eq!(plain.stdout, never.stdout);
    let coloured = text(&always.stdout);
    assert!(coloured.contains("\x1b[1m\x1b[31m> [FAIL]\x1b[0m") || coloured.contains("\x1b[1;31m> [FAIL]"), "{coloured:?}");
    assert_eq!(always.stdout, no_color.stdout);
    // Removing the escapes gives the plain text back: colour never carries meaning alone.
    let stripped = regex_free_strip(&coloured);
    assert_eq!(stripped, text(&plain.stdout));
    // --json is never coloured.
    let j = run(&["anip", "verify", "--package-bundle", &failing, "--json", "--color", "always"]);
    assert!(!j.stdout.contains(&0x1b));
}

/// `s` without its ANSI CSI sequences (`ESC [ … letter`).
fn regex_free_strip(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn conflicting_sources_are_refused_unless_upstreams_json_is_asked_for() {
    let (failing, definition) = (failing(), definition());
    let o = run(&["anip", "verify", "--package-bundle", &failing, "--definition", &definition]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "error: only one source can be verified: upstream verifies --definition and ignores --package-bundle\n"
    );
    // Upstream's choice under upstream's output: the definition is verified, the bundle ignored.
    let o = run(&["anip", "verify", "--package-bundle", &failing, "--definition", &definition, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["anip", "verify", "--package-bundle", &failing, "--definition", &definition, "--json", "--refuse-ignored-sources"]);
    assert_eq!(o.status.code(), Some(1));
}
