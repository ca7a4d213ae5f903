//! End-to-end tests of `trustloop anip bundle|ref|attach-implementation|lint` on real
//! directories (real symlinks, FIFOs, odd file names) and against a loopback
//! Registry. Expected digests are recomputed here from the spec's formula
//! (ANIP-TREE-8), not taken from trustloop.
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{self, Value};

mod common;
use common::Temp;

const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";
/// A non-empty publisher manifest for the demo package.
const MANIFEST: &str = r#"{"artifact_type": "anip_package_manifest"}"#;
const EMPTY: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn git_ref() -> String {
    format!("git+https://github.com/acme/demo-glue.git@{COMMIT}#sha256:{HEX}")
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trustloop"));
    c.env_remove("ANIP_REGISTRY_PUBLISH_TOKEN");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run trustloop")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim_end().to_string()
}

/// ANIP-TREE-8 over `(path, content)`.
fn tree(files: &[(&str, &[u8])]) -> String {
    if files.is_empty() {
        return EMPTY.into();
    }
    let mut sorted: Vec<_> = files.to_vec();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut stream = Vec::new();
    for (p, c) in sorted {
        stream.extend_from_slice(p.as_bytes());
        stream.push(0);
        stream.extend_from_slice(sha256_bytes(c).as_bytes());
        stream.extend_from_slice(b"\0-\0");
    }
    sha256_bytes(&stream)
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn demo_bundle_dir() -> (Temp, Vec<(&'static str, &'static [u8])>) {
    let t = Temp::new("bundle");
    let files: Vec<(&str, &[u8])> = vec![
        ("README.md", b"# Demo glue\n"),
        ("pyproject.toml", b"[project]\nname = \"demo\"\n"),
        ("src/demo/backend_adapter.py", b"X = 1\n"),
        ("src/demo/policy.py", b"ALLOW = True\n"),
    ];
    for (p, c) in &files {
        t.write(p, c);
    }
    t.write("notes.txt", b"not selected");
    t.write("node_modules/x/index.js", b"skipped");
    t.write("src/demo/__pycache__/policy.py", b"skipped");
    t.write("Build/gen.py", b"skipped");
    (t, files)
}

#[test]
fn bundle_digest_raw_matches_the_formula() {
    let (t, files) = demo_bundle_dir();
    #[cfg(unix)]
    {
        // An unselected symlink (even to a directory outside) is ignored, never followed.
        symlink(Path::new("/etc"), &t.path().join("vendor"));
        symlink(Path::new("notes.txt"), &t.path().join("notes-link.txt"));
    }
    let o = run(&["anip", "bundle", "digest", &t.s()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{}\n", tree(&files)));
    let o = run(&["anip", "bundle", "digest", &t.s(), "--json"]);
    let v = json::parse(&o.stdout).unwrap();
    assert_eq!(v.get("files").unwrap().as_array().unwrap().len(), files.len());
}

#[test]
fn bundle_digest_root_errors() {
    let o = run(&["anip", "bundle", "digest", "  "]);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(1), "custom code bundle directory is required"));
    let t = Temp::new("roots");
    let missing = t.path().join("missing");
    let o = run(&["anip", "bundle", "digest", &missing.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), format!("stat custom code bundle: stat {}: no such file or directory", missing.display()));
    t.write("file.py", b"x");
    let file = format!("{}/./file.py", t.s());
    let o = run(&["anip", "bundle", "digest", &file]);
    assert_eq!(stderr(&o), format!("custom code bundle must be a directory: {}/file.py", t.s()));
}

#[cfg(unix)]
#[test]
fn hostile_trees_get_upstream_errors() {
    // A selected symlink.
    let t = Temp::new("hostile");
    t.write("src/ok.py", b"x");
    symlink(Path::new("/etc/passwd"), &t.path().join("src/evil.py"));
    let o = run(&["anip", "bundle", "digest", &t.s()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("compute custom code bundle digest: custom code bundle must not contain symlinks: {}/src/evil.py", t.s())
    );
    // A symlink to a directory whose name is selectable is a non-directory entry.
    let t = Temp::new("hostile-dirlink");
    std::fs::create_dir_all(t.path().join("real")).unwrap();
    symlink(&t.path().join("real"), &t.path().join("lib.py"));
    let o = run(&["anip", "bundle", "digest", &t.s()]);
    assert_eq!(
        stderr(&o),
        format!("compute custom code bundle digest: custom code bundle must not contain symlinks: {}/lib.py", t.s())
    );
    // A 101-byte segment and a backslash in a name.
    let t = Temp::new("hostile-names");
    let long = format!("{}.py", "s".repeat(98));
    t.write(&long, b"x");
    let o = run(&["anip", "bundle", "digest", &t.s()]);
    assert_eq!(
        stderr(&o),
        format!("compute custom code bundle digest: invalid custom code bundle path: generated file path contains unsafe segment: {long}")
    );
    let t = Temp::new("hostile-backslash");
    t.write("a\\b.py", b"x");
    let o = run(&["anip", "bundle", "digest", &t.s()]);
    assert_eq!(
        stderr(&o),
        "compute custom code bundle digest: invalid custom code bundle path: generated file path is invalid: a\\b.py"
    );
    // A FIFO is never opened.
    let t = Temp::new("hostile-fifo");
    let fifo = t.path().join("pipe.json");
    if Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false) {
        let o = run(&["anip", "bundle", "digest", &t.s()]);
        assert_eq!(
            stderr(&o),
            format!("compute custom code bundle digest: custom code bundle must not contain special files: {}/pipe.json", t.s())
        );
    } else {
        eprintln!("NOT RUN: mkfifo unavailable, FIFO case skipped");
    }
}

#[cfg(unix)]
#[test]
fn symlinked_root_is_accepted_but_not_walked() {
    // Go's filepath.WalkDir starts from os.Lstat(root): a symlinked root is accepted
    // (stat follows it) but never descended into, so the tree is empty.
    let (t, _files) = demo_bundle_dir();
    let links = Temp::new("links");
    let link = links.path().join("glue");
    symlink(t.path(), &link);
    let o = run(&["anip", "bundle", "digest", &link.display().to_string()]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), format!("{EMPTY}\n")));
    // Silently, as upstream: stderr is part of the contract (replay class T1).
    assert_eq!(stderr(&o), "");
    // A symlinked root named like a selected file is itself the offending entry.
    let named = links.path().join("glue.py");
    symlink(t.path(), &named);
    let o = run(&["anip", "bundle", "digest", &named.display().to_string(), "--applied", "--target", "python"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).ends_with(&format!("apply custom code bundle: custom code bundle must not contain symlinks: {}", named.display())));
}

#[test]
fn root_named_build_raw_covers_applied_is_empty() {
    let parent = Temp::new("buildroot");
    let root = parent.path().join("build");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("a.py"), b"a\n").unwrap();
    let r = root.display().to_string();
    let raw = run(&["anip", "bundle", "digest", &r]);
    assert_eq!(stdout(&raw), format!("{}\n", tree(&[("a.py", b"a\n")])));
    let applied = run(&["anip", "bundle", "digest", &r, "--applied", "--target", "typescript"]);
    assert_eq!(stdout(&applied), format!("{EMPTY}\n"));
    let o = run(&["anip", "bundle", "digest", &r, "--applied"]);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(64), "--applied requires --target"));
}

#[test]
fn applied_digest_substitutes_and_remaps() {
    let t = Temp::new("applied");
    t.write("go.mod", b"module {{ANIP_GO_MODULE_PATH}}\n");
    t.write("src/main/java/com/old/Policy.java", b"package {{ANIP_JAVA_PACKAGE_NAME}};\n");
    let o = run(&[
        "anip", "bundle", "digest", &t.s(), "--applied", "--target", "java", "--var", "GO_MODULE_PATH=generated/x",
        "--system-name", "Demo Service",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let want = tree(&[
        ("go.mod", b"module generated/x\n"),
        ("src/main/java/dev/anip/generated/demo_service/Policy.java", b"package dev.anip.generated.demo_service;\n"),
    ]);
    assert_eq!(stdout(&o), format!("{want}\n"));
}

fn demo_package(dir: &Temp, manifest: &str) -> String {
    let bundle = format!(
        r#"{{"package": {{"package_id": "demo", "package_version": "1.0.0", "project_ref": "p", "product_revision_ref": "prod",
            "developer_revision_ref": "dev", "contract_signature": "sha256:c", "readme": "{readme}",
            "implementation_materials": [{{"title": "Old", "ref": "{r}"}}]}},
           "service_definition": {{"identity": {{"system_name": "Demo"}}, "capability_formalizations": [{{"service_id": "demo", "capability_id": "demo.lookup"}}],
               "service_topology_bindings": [{{"service_id": "demo", "formalized_capability_ids": ["demo.lookup"]}}]}},
           "manifest": {manifest}, "lock": {{"lock_kind": "publisher_recommended_lock"}}}}"#,
        readme = "# Demo\\n\\nA demo package whose README explains what the package does for the agents that use it.",
        r = git_ref(),
    );
    dir.write("demo.anip-package.json", bundle.as_bytes());
    dir.path().join("demo.anip-package.json").display().to_string()
}

#[test]
fn bundle_report_is_upstream_shaped_and_enforces_digests() {
    let (t, files) = demo_bundle_dir();
    let work = Temp::new("report");
    let pkg = demo_package(&work, r#"{"readme": "x"}"#);
    let out_file = work.path().join("custom-code-bundle-report.json");
    let o = run(&[
        "anip", "bundle", "report", "--package-bundle", &pkg, "--custom-code-bundle", &t.s(), "--target", "python",
        "--generated-file", "README.md", "--generated-file", "src/demo/policy.py",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = stdout(&o);
    let v = json::parse(report.as_bytes()).unwrap();
    assert_eq!(v.str_at("bundle_path"), t.s());
    assert_eq!(v.str_at("bundle_sha256"), tree(&files));
    let policy = v.get("files").unwrap().as_array().unwrap().iter().find(|f| f.str_at("path") == "src/demo/policy.py").unwrap();
    assert_eq!(policy.str_at("mode"), "extension_overlay");
    assert!(report.starts_with("{\n  \"bundle_path\": "), "MarshalIndent layout");
    // --output writes the same bytes.
    let o = run(&[
        "anip", "bundle", "report", "--package-bundle", &pkg, "--custom-code-bundle", &t.s(), "--target", "python",
        "--generated-file", "README.md", "--generated-file", "src/demo/policy.py", "--output", &out_file.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), report);
    // Digest enforcement: flag value, case-insensitive.
    let upper = tree(&files).to_uppercase();
    let ok = run(&[
        "anip", "bundle", "report", "--package-bundle", &pkg, "--custom-code-bundle", &t.s(), "--target", "python",
        "--verify-custom-code-bundle-digest", &upper,
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let zero = format!("sha256:{}", "0".repeat(64));
    let bad = run(&[
        "anip", "bundle", "report", "--package-bundle", &pkg, "--custom-code-bundle", &t.s(), "--target", "python",
        "--verify-custom-code-bundle-digest", &zero,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(stderr(&bad), format!("custom code bundle digest mismatch: expected {zero} got {}", tree(&files)));
    // The package's declared materials have no tree digest: a warning, on stderr.
    assert!(stderr(&ok).contains("pins remote artifact bytes"), "{}", stderr(&ok));
}

#[test]
fn bundle_report_flag_order() {
    let work = Temp::new("report-flags");
    let pkg = demo_package(&work, MANIFEST);
    let digest = format!("sha256:{HEX}");
    let o = run(&["anip", "bundle", "report", "--package-bundle", &pkg, "--target", "python", "--verify-custom-code-bundle-digest", &digest]);
    assert_eq!(stderr(&o), "--verify-custom-code-bundle-digest requires --custom-code-bundle");
    let o = run(&["anip", "bundle", "report", "--package-bundle", &pkg, "--target", "python", "--fetch-custom-code-bundle"]);
    assert_eq!(stderr(&o), "--fetch-custom-code-bundle requires --custom-code-bundle-ref");
    let o = run(&[
        "anip", "bundle", "report", "--package-bundle", &pkg, "--target", "python", "--fetch-custom-code-bundle",
        "--custom-code-bundle-ref", &git_ref(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "--custom-code-bundle-ref passed immutable reference validation, but remote bundle fetching is not enabled yet; use --custom-code-bundle for a local filesystem bundle."
    );
    let floating = format!("git+https://github.com/acme/demo-glue.git@main#sha256:{HEX}");
    let o = run(&[
        "anip", "bundle", "report", "--package-bundle", &pkg, "--target", "python", "--fetch-custom-code-bundle",
        "--custom-code-bundle-ref", &floating,
    ]);
    assert_eq!(stderr(&o), "invalid --custom-code-bundle-ref: git custom code bundle ref must pin an immutable commit hash");
}

#[test]
fn bundle_report_hostile_overrides_and_unknown_ids() {
    let work = Temp::new("report-hostile");
    let pkg = demo_package(&work, MANIFEST);
    let project = Temp::new("generated");
    project.write("src/demo/models.py", b"generated");
    project.write("README.md", b"generated");
    for (rel, content, message) in [
        ("SRC/Demo/Models.py", &b"x"[..], "apply custom code bundle: custom code bundle can only replace declared extension seam files, not generated substrate: SRC/Demo/Models.py"),
        ("agent-consumption/kit.json", &b"{}"[..], "apply custom code bundle: custom code bundle cannot replace generated substrate file: agent-consumption/kit.json"),
        ("src/x.py", &b"CapabilityDeclaration(name='demo.delete')"[..], "custom code bundle declares capability ids that are not present in the service definition: demo.delete in src/x.py. Update the contract IDs, update the custom bundle, or include the correct source-declared IDs before generation."),
    ] {
        let t = Temp::new("hostile-bundle");
        t.write(rel, content);
        let o = run(&[
            "anip", "bundle", "report", "--package-bundle", &pkg, "--custom-code-bundle", &t.s(), "--target", "python",
            "--project-dir", &project.s(),
        ]);
        assert_eq!((o.status.code(), stderr(&o)), (Some(1), message.to_string()), "{rel}");
    }
}

#[test]
fn bundle_materials_lists_package_materials() {
    let work = Temp::new("materials");
    let pkg = demo_package(&work, MANIFEST);
    let o = run(&["anip", "bundle", "materials", "--package-bundle", &pkg]);
    let v = json::parse(&o.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first.str_at("kind"), "git");
    assert_eq!(first.str_at("source"), "manifest.implementation_material.custom_code_bundles[0]");
}

#[test]
fn ref_check_text_json_and_fetch() {
    let o = run(&["anip", "ref", "check", &git_ref()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(&format!("immutable  {COMMIT}")));
    let o = run(&["anip", "ref", "check", "--json", &format!("registry://acme/glue@1.0.0#sha256:{}", HEX.to_uppercase())]);
    let v = json::parse(&o.stdout).unwrap();
    assert_eq!(v.str_at("digest"), format!("sha256:{HEX}"));
    assert_eq!(v.str_at("locator"), "registry://acme/glue");
    let o = run(&["anip", "ref", "check", "registry://acme/glue@latest"]);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(1), "error: custom code bundle ref must include a sha256 digest fragment"));
    let o = run(&["anip", "ref", "check", "--json", &format!("-x#sha256:{HEX}")]);
    assert_eq!(json::parse(&o.stdout).unwrap().str_at("code"), "REF_SCHEME_UNSUPPORTED");
    let o = run(&["anip", "ref", "check", "--fetch-custom-code-bundle", &git_ref()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: --custom-code-bundle-ref passed immutable reference validation, but remote bundle fetching"));
}

#[test]
fn attach_argument_order_and_exit_codes() {
    let work = Temp::new("attach-args");
    let pkg = demo_package(&work, MANIFEST);
    let r = git_ref();
    let cases: Vec<(Vec<&str>, i32, String)> = vec![
        (vec![], 2, "--package-bundle is required".into()),
        (vec!["--package-bundle", &pkg], 2, "--package-version is required".into()),
        (vec!["--package-bundle", &pkg, "--package-version", "2"], 2, "--custom-code-bundle-ref or --implementation-material-ref is required".into()),
        (
            vec!["--package-bundle", &pkg, "--package-version", "2", "--custom-code-bundle-ref", "registry://a/b@main#sha256:00"],
            2,
            "invalid custom code bundle ref: custom code bundle ref digest must be sha256:<64 hex chars>".into(),
        ),
        (
            vec!["--package-bundle", &pkg, "--package-version", "2", "--custom-code-bundle-ref", &r, "--bundle-tree-sha256", "sha256:xyz"],
            2,
            "--bundle-tree-sha256 must be sha256:<64 hex chars>".into(),
        ),
        (
            vec!["--package-bundle", "/nonexistent/x.json", "--package-version", "2", "--custom-code-bundle-ref", &r],
            1,
            "read package bundle: open /nonexistent/x.json: no such file or directory".into(),
        ),
        (
            vec!["--package-bundle", &pkg, "--package-version", "2", "--custom-code-bundle-ref", &r, "--registry-url", "http://127.0.0.1:9", "--output", "x"],
            2,
            "--output cannot be combined with --registry-url".into(),
        ),
        (
            vec!["--package-bundle", &pkg, "--package-version", "2", "--custom-code-bundle-ref", &r, "--registry-url", "http://127.0.0.1:9"],
            2,
            "--registry-url requires --publish-token or ANIP_REGISTRY_PUBLISH_TOKEN".into(),
        ),
    ];
    for (args, code, message) in cases {
        let mut full = vec!["anip", "attach-implementation"];
        full.extend(args.iter());
        let o = run(&full);
        assert_eq!((o.status.code(), stderr(&o)), (Some(code), message), "{args:?}");
    }
}

#[test]
fn attach_computes_the_raw_digest_and_writes_the_request() {
    let (t, files) = demo_bundle_dir();
    let work = Temp::new("attach");
    let pkg = demo_package(&work, MANIFEST);
    let r = git_ref();
    let o = run(&[
        "anip", "attach-implementation", "--package-bundle", &pkg, "--package-version", " 1.1.0 ", "--custom-code-bundle-ref", &r,
        "--custom-code-bundle", &t.s(), "--implementation-material-title", " Demo glue ",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json::parse(&o.stdout).unwrap();
    assert_eq!(v.str_at("package_version"), "1.1.0");
    let mats = v.get("implementation_materials").unwrap().as_array().unwrap();
    assert_eq!(mats.len(), 2, "the existing material (same ref, no tree digest) stays; the new one has a tree digest");
    assert_eq!(mats[1].str_at("bundle_tree_sha256"), tree(&files));
    assert_eq!(mats[1].str_at("title"), "Demo glue");
    // A mismatching --bundle-tree-sha256 is rejected with both digests.
    let wrong = format!("SHA256:{}", "F".repeat(64));
    let o = run(&[
        "anip", "attach-implementation", "--package-bundle", &pkg, "--package-version", "1.1.0", "--custom-code-bundle-ref", &r,
        "--custom-code-bundle", &t.s(), "--bundle-tree-sha256", &wrong,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("--bundle-tree-sha256 does not match local custom bundle: expected sha256:{} computed {}", "f".repeat(64), tree(&files))
    );
    // --output.
    let out = work.path().join("request.json");
    let o = run(&[
        "anip", "attach-implementation", "--package-bundle", &pkg, "--package-version", "1.1.0", "--implementation-material-ref", &r,
        "--output", &out.display().to_string(),
    ]);
    assert_eq!(stdout(&o), format!("wrote publish request: {}\n", out.display()));
    let written = std::fs::read(&out).unwrap();
    assert!(written.ends_with(b"}\n"));
    assert_eq!(json::parse(&written).unwrap().str_at("package_id"), "demo");
}

/// A one-shot HTTP server on 127.0.0.1: returns the port and a handle yielding the
/// raw request head and body.
fn loopback_server(status: &'static str, body: &'static str) -> (u16, std::thread::JoinHandle<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        // Never hang a test run: give up (and fail) if no client comes.
        listener.set_nonblocking(true).unwrap();
        let mut waited = 0;
        let (mut conn, _) = loop {
            match listener.accept() {
                Ok(c) => break c,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && waited < 3000 => {
                    waited += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(e) => panic!("no client connected to the loopback registry: {e}"),
            }
        };
        conn.set_nonblocking(false).unwrap();
        conn.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            let n = conn.read(&mut chunk).unwrap();
            assert!(n > 0, "connection closed before the request head ended");
            buf.extend_from_slice(&chunk[..n]);
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let len: usize = head
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap()))
            .expect("content-length");
        while buf.len() < head_end + len {
            let n = conn.read(&mut chunk).unwrap();
            buf.extend_from_slice(&chunk[..n]);
        }
        let reply = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        conn.write_all(reply.as_bytes()).unwrap();
        (head, buf[head_end..head_end + len].to_vec())
    });
    (port, handle)
}

#[test]
fn attach_posts_to_the_registry_with_a_bearer_token() {
    let work = Temp::new("attach-post");
    let pkg = demo_package(&work, MANIFEST);
    let r = git_ref();
    let expected = run(&["anip", "attach-implementation", "--package-bundle", &pkg, "--package-version", "1.1.0", "--custom-code-bundle-ref", &r]);
    let expected = json::parse(&expected.stdout).unwrap();

    let (port, server) = loopback_server("201 Created", r#"{"receipt": {"receipt_id": "sha256:r"}, "package": {"package_id": "demo"}}"#);
    let url = format!("http://127.0.0.1:{port}/");
    let o = bin()
        .args(["anip", "attach-implementation", "--package-bundle", &pkg, "--package-version", "1.1.0", "--custom-code-bundle-ref", &r])
        .args(["--registry-url", &url])
        .env("ANIP_REGISTRY_PUBLISH_TOKEN", " secret-token ")
        .output()
        .unwrap();
    let (head, body) = server.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(head.starts_with("POST /registry-api/v1/publications HTTP/1.1\r\n"), "{head}");
    let lower = head.to_ascii_lowercase();
    assert!(lower.contains("\r\nauthorization: bearer secret-token\r\n"), "{head}");
    assert!(lower.contains("\r\ncontent-type: application/json\r\n"), "{head}");
    let sent = json::parse(&body).unwrap();
    assert_eq!(json::to_canonical(&sent, json::Mode::Digest), json::to_canonical(&expected, json::Mode::Digest));
    assert!(!body.contains(&b'\n'), "json.Marshal: compact");
    let printed = json::parse(&o.stdout).unwrap();
    assert_eq!(printed.get("receipt").and_then(|r| r.get("receipt_id")).and_then(Value::as_str), Some("sha256:r"));
}

#[test]
fn attach_reports_registry_rejections() {
    let work = Temp::new("attach-409");
    let pkg = demo_package(&work, MANIFEST);
    let (port, server) = loopback_server("409 Conflict", "package version already exists\n");
    let o = run(&[
        "anip", "attach-implementation", "--package-bundle", &pkg, "--package-version", "1.1.0", "--custom-code-bundle-ref", &git_ref(),
        "--registry-url", &format!("http://127.0.0.1:{port}/registry-api/v1"), "--publish-token", "t",
    ]);
    let (head, _) = server.join().unwrap();
    assert!(head.starts_with("POST /registry-api/v1/publications "), "{head}");
    assert_eq!(
        (o.status.code(), stderr(&o).as_str()),
        (Some(1), "publish package revision failed: 409 Conflict: package version already exists")
    );
}

#[test]
fn lint_exit_codes_and_findings() {
    let work = Temp::new("lint");
    let clean = demo_package(&work, MANIFEST);
    let o = run(&["anip", "lint", "--package-bundle", &clean]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let dirty = work.path().join("dirty.json");
    std::fs::write(
        &dirty,
        format!(
            r#"{{"package": {{"readme": "TODO", "source_links": [{{"title": "Studio", "url": "http://localhost:5173/p/1"}}],
                 "implementation_materials": [{{"ref": "git+https://github.com/a/b.git@main#sha256:{HEX}"}}]}},
                "manifest": {{"notes": "built in /home/alice/src/demo with .env", "api_token": "abc", "download_count": 5}}}}"#
        ),
    )
    .unwrap();
    let o = run(&["anip", "lint", "--package-bundle", &dirty.display().to_string(), "--json"]);
    assert_eq!(o.status.code(), Some(2), "findings are failed checks, as in verify");
    let v = json::parse(&o.stdout).unwrap();
    assert_eq!(v.str_at("status"), "findings");
    let got: Vec<(String, String)> = v
        .get("findings")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f.str_at("code").to_string(), f.get("location").unwrap().str_at("path").to_string()))
        .collect();
    let want: Vec<(String, String)> = [
        ("LINT_README_TRIVIAL", "package.readme"),
        ("LINT_MATERIAL_NOT_IMMUTABLE", "package.implementation_materials[0]"),
        ("LINT_SECRET_VALUE", "manifest.api_token"),
        ("LINT_POPULARITY_SIGNAL", "manifest.download_count"),
        ("LINT_PRIVATE_PATH", "manifest.notes"),
        ("LINT_LOCAL_URL", "package.source_links[0].url"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    let o = run(&["anip", "lint", "--package-bundle", "/nonexistent.json"]);
    assert_eq!(o.status.code(), Some(1), "a hard error, as in verify");
}
