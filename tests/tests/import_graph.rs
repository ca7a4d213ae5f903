//! No import circles: between the files of `core/src`, of `cli/host/src` (the host
//! crate) and of `bindings-wasm/src`, and between the top-level folders of `core/src` (see `trustloop_conformance::import_graph`
//! for what counts as an import).
use trustloop_conformance::import_graph::Graph;
use trustloop_conformance::repo_root;

fn show(circles: &[Vec<String>]) -> String {
    circles.iter().map(|c| format!("  {}", c.join(" ⇄ "))).collect::<Vec<_>>().join("\n")
}

fn assert_no_circles(graph: &Graph, what: &str) {
    let circles = graph.circles();
    assert!(circles.is_empty(), "import circles in {what}:\n{}", show(&circles));
}

#[test]
fn core_files_import_without_circles() {
    let graph = Graph::of_crate(&repo_root().join("core/src"));
    assert!(graph.edges.len() > 100, "only {} files found: is the walk right?", graph.edges.len());
    assert_no_circles(&graph, "core/src (files)");
}

#[test]
fn core_folders_import_without_circles() {
    let graph = Graph::of_crate(&repo_root().join("core/src")).folders();
    assert_no_circles(&graph, "core/src (top-level folders)");
}

#[test]
fn host_crate_files_import_without_circles() {
    let graph = Graph::of_crate(&repo_root().join("cli/host/src"));
    assert!(graph.edges.len() > 10, "only {} files found: is the walk right?", graph.edges.len());
    assert_no_circles(&graph, "cli/host/src (files)");
}

#[test]
fn wasm_binding_files_import_without_circles() {
    let graph = Graph::of_crate(&repo_root().join("bindings-wasm/src"));
    assert!(graph.edges.len() > 5, "only {} files found: is the walk right?", graph.edges.len());
    assert_no_circles(&graph, "bindings-wasm/src (files)");
}

#[test]
fn the_graph_sees_circles_through_uses_paths_and_reexports() {
    let dir = std::env::temp_dir().join(format!("trustloop-import-graph-{}", std::process::id()));
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    // a ⇄ b through a `use` and a path in code. c → d/x through d's re-export only, and
    // d/x → c in a comment and in test code only: no circle. d/y → d (its parent) is not
    // a circle with d's own re-export of y.
    write("lib.rs", "mod a;\nmod b;\nmod c;\nmod d;\n");
    write("a.rs", "use crate::b::B;\npub struct A;\n");
    write("b.rs", "pub struct B;\nfn f() { let _ = crate::a::A; }\n");
    write("c.rs", "use crate::d::X;\npub struct C;\n");
    write("d/mod.rs", "mod x;\nmod y;\npub use x::X;\npub use y::Y;\npub const LIMIT: u8 = 1;\n");
    write("d/x.rs", "// use crate::c::C;\npub struct X;\n#[cfg(test)]\nmod tests {\n    use crate::c::C;\n}\n");
    write("d/y.rs", "use super::LIMIT;\npub struct Y;\n");
    let graph = Graph::of_crate(&dir);
    let circles = graph.circles();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(circles, vec![vec!["a.rs".to_string(), "b.rs".to_string()]]);
}
