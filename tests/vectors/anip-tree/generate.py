#!/usr/bin/env python3
"""Writes the custom-code-bundle vectors of this folder (spec §10-§12).

* tree-fixture.json: the per-file lists of the upstream-derived fixture
  `anip/derived/custom-code-bundle-tree-digest-vectors.json` combined into the
  raw and applied digests of spec §17.4 (op `tree_combine`).
* tree.json: bundles written here, as entry lists (op `tree_digest`, raw and
  applied), hostile trees, and the generate-equivalent report
  (op `bundle_report`).
* ../../examples/anip-tree/*.json: the small package bundles the report cases use
  (outside tests/vectors/, where every .json file is a vector file).

Expected digests are computed below with hashlib from the spec's formula
(ANIP-TREE-8) over file lists written out by hand from the rules (selection,
substitution, remapping); nothing here runs trustloop.
"""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EMPTY = "sha256:" + hashlib.sha256(b"").hexdigest()
HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
GIT_REF = "git+https://github.com/acme/demo-glue.git@0123456789abcdef0123456789abcdef01234567#sha256:" + HEX


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def tree(files):
    """ANIP-TREE-8 over [(path, bytes)]."""
    if not files:
        return EMPTY
    h = hashlib.sha256()
    for path, content in sorted(files, key=lambda f: f[0].encode()):
        h.update(path.encode() + b"\0" + sha(content).encode() + b"\0-\0")
    return "sha256:" + h.hexdigest()


def listing(files):
    return [{"path": p, "sha256": sha(c), "bytes": len(c)} for p, c in sorted(files, key=lambda f: f[0].encode())]


def entry(path, text=None, symlink=False, special=False):
    if symlink:
        return {"path": path, "symlink": True}
    if special:
        return {"path": path, "special": True}
    return {"path": path, "text": text}


# ---------------------------------------------------------------- fixture combos
FIXTURE = "anip/derived/custom-code-bundle-tree-digest-vectors.json"
fixture_cases = []
# (case index, bundle, raw digest, applied digest or None) from spec §17.4.
SPEC_174 = [
    (0, "gtm_pipeline_python_native", "sha256:4c7d8ffa416aa1db7988b71ffa6f0f68b9c5e6d7b85ce2265256ee1e8eae2b59", None),
    (1, "gtm_pipeline_typescript", "sha256:3c0b52e1f8aa07a55568df86726197248f44a838a574f6461c92df0662ab5ab1", None),
    (2, "gtm_pipeline_go_native", "sha256:e9b6c8f07c12dc83b0deffd4906c69f5ff93c58e73151cc05e9ea2311f27b242",
     "sha256:5669b6b0a876f66a4cb42ba30eda5a27b4c1242d81c7675ee8561f3398e36dc9"),
    (3, "gtm_pipeline_java_native", "sha256:22e5428b84ac6b603776a573fc6d6f269d7930f17e316e9bbbf50b9ed774947a",
     "sha256:461198a63640edb1d8cb17877421f3c64236f87f172c365d5d207ef4977bc8bc"),
    (4, "gtm_pipeline_csharp_native", "sha256:554e904392da1d6f25e7f7a80e6d940a5a6a4a11774e43c9cb2691a36b45f8ea",
     "sha256:5498cdbad254e8931898d0abcaeead89ab064073cbc62ce918ac96dc5a8b08c3"),
    (5, "gtm_pipeline_python", "sha256:b23275753435cd7406c29a1a3a4f9e379228827d64644a1d28f0930cbd4eb807", None),
    (6, "gtm_pipeline_go_proxy", "sha256:4464592cdadbb4ccb6843cb7d7e742cd1b6eb986d0b0af9b7a968b887be4cd20", None),
    (7, "gtm_pipeline_typescript_proxy", "sha256:f7f52b6cb413ea8a459ecd2418e3949900e859b82c376cee990758954708ad87", None),
]
for i, name, raw, applied in SPEC_174:
    fixture_cases.append({
        "name": f"raw-{name.replace('_', '-')}",
        "rule": "ANIP-TREE-8",
        "op": "tree_combine",
        "input": {"fixture": FIXTURE},
        "options": {"pointer": f"/cases/{i}/raw_tree_files"},
        "expect": {"output_text": raw},
    })
    if applied:
        fixture_cases.append({
            "name": f"applied-{name.replace('_', '-')}",
            "rule": "ANIP-APPLY-6",
            "op": "tree_combine",
            "input": {"fixture": FIXTURE},
            "options": {"pointer": f"/cases/{i}/applied_files"},
            "expect": {"output_text": applied},
        })
fixture_cases.append({
    "name": "combine-empty-list",
    "rule": "ANIP-DIG-8",
    "op": "tree_combine",
    "input": {"text": "[]"},
    "expect": {"output_text": EMPTY},
})
fixture_cases.append({
    "name": "combine-sorts-by-path-bytes",
    "rule": "ANIP-TREE-8",
    "op": "tree_combine",
    "input": {"text": json.dumps([{"path": "b.py", "sha256": sha(b"b")}, {"path": "B.py", "sha256": sha(b"B")}])},
    "expect": {"output_text": tree([("b.py", b"b"), ("B.py", b"B")])},
})

# ---------------------------------------------------------------- entry trees
cases = []


def raw_case(name, rule, entries, expected_files, root="bundle", note=None):
    c = {
        "name": name,
        "rule": rule,
        "op": "tree_digest",
        "input": {"text": ""},
        "options": {"root": root, "entries": entries},
        "expect": {"result": {"digest": tree(expected_files), "files": listing(expected_files)}},
    }
    if note:
        c["note"] = note
    cases.append(c)


def applied_case(name, rule, entries, options, expected_files, note=None):
    opts = {"applied": True, "root": "bundle", **options, "entries": entries}
    c = {
        "name": name,
        "rule": rule,
        "op": "tree_digest",
        "input": {"text": ""},
        "options": opts,
        "expect": {"result": {"digest": tree(expected_files), "files": listing(expected_files)}},
    }
    if note:
        c["note"] = note
    cases.append(c)


def error_case(name, rule, entries, code, message, options=None, note=None):
    opts = {"root": "bundle", **(options or {}), "entries": entries}
    c = {
        "name": name,
        "rule": rule,
        "op": "tree_digest",
        "input": {"text": ""},
        "options": opts,
        "expect": {"exit_code": 1, "error_code": code, "error_message": message},
    }
    if note:
        c["note"] = note
    cases.append(c)


RAW = "compute custom code bundle digest: "
APPLY = "apply custom code bundle: "

# Selection, ignored directories, sorting (ANIP-TREE-2, -3, -8).
selection_entries = [
    entry("README.md", "# Demo\n"),
    entry("pyproject.toml", "[project]\nname = \"demo\"\n"),
    entry("App.csproj", "<Project/>\n"),
    entry("notes.txt", "not selected\n"),
    entry("Makefile", "all:\n"),
    entry("src/demo/policy.py", "ALLOW = True\n"),
    entry("src/demo/compiled.pyc", "\u0000binary"),
    entry("web/app.TSX", "export {}\n"),
    entry("config/settings.YAML", "a: 1\n"),
    entry("node_modules/left-pad/index.js", "skip\n"),
    entry("src/__pycache__/policy.py", "skip\n"),
    entry("Build/out.js", "skip\n"),
    entry("DIST/x.js", "skip\n"),
    entry(".git/config.json", "skip\n"),
    entry(".venv/lib/site.py", "skip\n"),
    entry(".tox/x.py", "skip\n"),
    entry(".pytest_cache/x.json", "skip\n"),
    entry(".mypy_cache/x.json", "skip\n"),
    entry(".ruff_cache/x.json", "skip\n"),
    entry("src/builds/kept.py", "kept: not an ignored name\n"),
    entry("link-to-notes.txt", symlink=True),
]
raw_case("raw-selection-and-ignored-dirs", "ANIP-TREE-2 ANIP-TREE-3 ANIP-TREE-4", selection_entries, [
    ("README.md", b"# Demo\n"),
    ("pyproject.toml", b"[project]\nname = \"demo\"\n"),
    ("App.csproj", b"<Project/>\n"),
    ("src/demo/policy.py", b"ALLOW = True\n"),
    ("web/app.TSX", b"export {}\n"),
    ("config/settings.YAML", b"a: 1\n"),
    ("src/builds/kept.py", b"kept: not an ignored name\n"),
], note="an unselected symlink is ignored; every ignored directory name, in several cases, is skipped")
raw_case("raw-empty-tree", "ANIP-DIG-8", [], [])
raw_case("raw-only-unselected-files", "ANIP-TREE-3", [entry("notes.txt", "x"), entry("LICENSE", "y")], [])
raw_case("raw-root-named-build-covers-files", "ANIP-TREE-9", [entry("a.py", "a\n")], [("a.py", b"a\n")], root="work/build",
         note="the raw digest never applies the ignored-name rule to the root")
raw_case("raw-templates-are-not-substituted", "ANIP-TREE-1", [entry("go.mod", "module {{ANIP_GO_MODULE_PATH}}\n")],
         [("go.mod", b"module {{ANIP_GO_MODULE_PATH}}\n")])
raw_case("raw-segment-100-bytes", "ANIP-TREE-5", [entry("s" * 97 + ".py", "x")], [("s" * 97 + ".py", b"x")])
path240 = "p" * 99 + "/" + "q" * 99 + "/" + "r" * 37 + ".py"
assert len(path240) == 240
raw_case("raw-path-240-bytes", "ANIP-TREE-5", [entry(path240, "x")], [(path240, b"x")])
raw_case("raw-dot-segments-cleaned", "ANIP-TREE-5", [entry("./src//demo/./a.py", "x")], [("src/demo/a.py", b"x")],
         note="host entries are cleaned like Go filepath.Clean before validation")

# Hostile trees.
error_case("hostile-selected-symlink", "ANIP-TREE-4", [entry("src/evil.py", symlink=True)], "TREE_SYMLINK",
           RAW + "custom code bundle must not contain symlinks: bundle/src/evil.py")
error_case("hostile-selected-symlink-by-name", "ANIP-TREE-4", [entry("README.md", symlink=True)], "TREE_SYMLINK",
           RAW + "custom code bundle must not contain symlinks: bundle/README.md")
error_case("hostile-parent-escape", "ANIP-TREE-5", [entry("../escape.py", "x")], "TREE_PATH_ESCAPES",
           RAW + "invalid custom code bundle path: generated file path escapes output directory: ../escape.py")
error_case("hostile-nested-parent-escape", "ANIP-TREE-5", [entry("a/../../escape.py", "x")], "TREE_PATH_ESCAPES",
           RAW + "invalid custom code bundle path: generated file path escapes output directory: ../escape.py")
error_case("hostile-absolute-path", "ANIP-TREE-5", [entry("/etc/evil.py", "x")], "TREE_PATH_ESCAPES",
           RAW + "invalid custom code bundle path: generated file path escapes output directory: /etc/evil.py")
error_case("hostile-segment-101-bytes", "ANIP-TREE-5", [entry("s" * 98 + ".py", "x")], "TREE_PATH_UNSAFE_SEGMENT",
           RAW + "invalid custom code bundle path: generated file path contains unsafe segment: " + "s" * 98 + ".py")
path241 = "p" * 99 + "/" + "q" * 99 + "/" + "r" * 38 + ".py"
error_case("hostile-path-241-bytes", "ANIP-TREE-5", [entry(path241, "x")], "TREE_PATH_TOO_LONG",
           RAW + "invalid custom code bundle path: generated file path is too long: " + path241)
error_case("hostile-nul-in-name", "ANIP-TREE-5", [entry("a\u0000b.py", "x")], "TREE_PATH_INVALID",
           RAW + "invalid custom code bundle path: generated file path is invalid: a\u0000b.py")
error_case("hostile-backslash-in-name", "ANIP-TREE-5", [entry("a\\b.py", "x")], "TREE_PATH_INVALID",
           RAW + "invalid custom code bundle path: generated file path is invalid: a\\b.py")
error_case("hostile-space-in-segment", "ANIP-TREE-5", [entry("my file.py", "x")], "TREE_PATH_UNSAFE_SEGMENT",
           RAW + "invalid custom code bundle path: generated file path contains unsafe segment: my file.py")
error_case("hostile-template-segment-raw", "ANIP-TREE-5", [entry("src/{{ANIP_PYTHON_MODULE_NAME}}/a.py", "x")],
           "TREE_PATH_UNSAFE_SEGMENT",
           RAW + "invalid custom code bundle path: generated file path contains unsafe segment: src/{{ANIP_PYTHON_MODULE_NAME}}/a.py")
error_case("hostile-special-file", "ANIP-TREE-4", [entry("pipe.json", special=True)], "TREE_SPECIAL_FILE",
           RAW + "custom code bundle must not contain special files: bundle/pipe.json", note="trustloop: FIFOs and devices are never read")
error_case("hostile-duplicate-entries", "ANIP-TREE-2", [entry("a.py", "1"), entry("./a.py", "2")], "TREE_DUPLICATE_ENTRY",
           "custom code bundle entries repeat the path a.py", note="trustloop: a list no directory could produce")
error_case("hostile-walk-order-first-error-wins", "ANIP-TREE-2",
           [entry("b.py", symlink=True), entry("a/x.py", symlink=True), entry("a-b.py", symlink=True)], "TREE_SYMLINK",
           RAW + "custom code bundle must not contain symlinks: bundle/a/x.py",
           note="WalkDir visits directory a before a-b.py and b.py")

# Applied digests (ANIP-APPLY-4..6).
py_vars = {"PYTHON_MODULE_NAME": "demo_service", "PACKAGE_NAME": "demo-service"}
applied_case("applied-python-templates-and-remap", "ANIP-APPLY-4 ANIP-APPLY-5", [
    entry("pyproject.toml", "[project]\nname = \"{{ANIP_PACKAGE_NAME}}\"\n"),
    entry("src/legacy_pkg/backend_adapter.py", "from {{ANIP_PYTHON_MODULE_NAME}} import runtime\n"),
    entry("src/legacy_pkg/deep/helpers.py", "X = 1\n"),
    entry("src/legacy_pkg/app.py", "app = 1\n"),
    entry("src/shared/util.py", "U = 1\n"),
    entry("src/Tests/check.py", "T = 1\n"),
    entry("src/{{ANIP_PYTHON_MODULE_NAME}}/policy.py", "P = '{{ANIP_UNKNOWN}}'\n"),
    entry("tests/test_demo.py", "def test(): pass\n"),
    entry("notes.txt", "skip"),
], {"target": "python", "vars": py_vars}, [
    ("pyproject.toml", b"[project]\nname = \"demo-service\"\n"),
    ("src/demo_service/backend_adapter.py", b"from demo_service import runtime\n"),
    ("src/demo_service/deep/helpers.py", b"X = 1\n"),
    ("src/legacy_pkg/app.py", b"app = 1\n"),
    ("src/shared/util.py", b"U = 1\n"),
    ("src/Tests/check.py", b"T = 1\n"),
    ("src/demo_service/policy.py", b"P = '{{ANIP_UNKNOWN}}'\n"),
    ("tests/test_demo.py", b"def test(): pass\n"),
], note="src/<x>/app.py is never remapped; shared and tests packages stay; unknown placeholders stay")
java_vars = {"JAVA_PACKAGE_NAME": "dev.anip.generated.demo_service", "JAVA_PACKAGE_PATH": "dev/anip/generated/demo_service"}
applied_case("applied-java-remap", "ANIP-APPLY-5", [
    entry("src/main/java/com/acme/old/BackendAdapter.java", "package {{ANIP_JAVA_PACKAGE_NAME}};\nclass BackendAdapter {}\n"),
    entry("src/main/java/com/acme/old/Helper.java", "package com.acme.old;\nclass Helper {}\n"),
    entry("pom.xml", "<project/>\n"),
    entry("README.md", "# Java\n"),
], {"target": "java", "vars": java_vars}, [
    ("src/main/java/dev/anip/generated/demo_service/BackendAdapter.java",
     b"package dev.anip.generated.demo_service;\nclass BackendAdapter {}\n"),
    ("src/main/java/com/acme/old/Helper.java", b"package com.acme.old;\nclass Helper {}\n"),
    ("pom.xml", b"<project/>\n"),
    ("README.md", b"# Java\n"),
])
applied_case("applied-go-defaults-from-system-name", "ANIP-APPLY-4", [
    entry("go.mod", "module {{ANIP_GO_MODULE_PATH}}\n"),
    entry("extensions/policy.go", "package extensions // {{ANIP_GO_MODULE_PATH}}\n"),
], {"target": "go", "system_name": "Demo Service"}, [
    ("go.mod", b"module generated/demo-service\n"),
    ("extensions/policy.go", b"package extensions // generated/demo-service\n"),
])
applied_case("applied-csharp-defaults-from-system-name", "ANIP-APPLY-4", [
    entry("BackendAdapter.cs", "namespace {{ANIP_CSHARP_ROOT_NAMESPACE}};\n"),
    entry("Demo.csproj", "<RootNamespace>{{ANIP_PACKAGE_NAME}}</RootNamespace>\n"),
], {"target": "csharp", "system_name": "GTM Pipeline Q2 Review"}, [
    ("BackendAdapter.cs", b"namespace GTMPipelineQ2Review;\n"),
    ("Demo.csproj", b"<RootNamespace>GTMPipelineQ2Review</RootNamespace>\n"),
])
applied_case("applied-root-named-build-is-empty", "ANIP-TREE-9", [entry("a.py", "a\n")],
             {"target": "typescript", "root": "work/Build"}, [],
             note="the apply walk skips a root named like an ignored directory")
applied_case("applied-typescript-no-templates-equals-raw", "ANIP-APPLY-6",
             [entry("src/runtime/backend-adapter.ts", "export {}\n"), entry("package.json", "{}\n")], {"target": "typescript"},
             [("src/runtime/backend-adapter.ts", b"export {}\n"), ("package.json", b"{}\n")])
error_case("applied-unsubstituted-template-path", "ANIP-APPLY-4", [entry("src/{{ANIP_X}}.ts", "x")], "TREE_PATH_UNSAFE_SEGMENT",
           APPLY + "invalid custom code bundle path: generated file path contains unsafe segment: src/{{ANIP_X}}.ts",
           options={"applied": True, "target": "typescript"})
error_case("applied-remap-to-unsafe-path", "ANIP-APPLY-5", [entry("src/old/a.py", "x")], "TREE_PATH_UNSAFE_SEGMENT",
           APPLY + "invalid custom code bundle path: generated file path contains unsafe segment: src/bad module/a.py",
           options={"applied": True, "target": "python", "vars": {"PYTHON_MODULE_NAME": "bad module"}})
for label, path in [("service-definition", "anip-service-definition.json"), ("docker-compose", "docker-compose.yml"),
                    ("agent-consumption", "agent-consumption/kit.json"), ("capabilities", "src/demo/capabilities.py"),
                    ("case-variant-capabilities", "SRC/Demo/Capabilities.PY"), ("runtime-target", "src/runtime-target.ts"),
                    ("generated-runtime-cs", "Gen/GeneratedRuntime.cs"), ("runtime-target-java", "src/main/java/x/RuntimeTarget.java")]:
    error_case(f"applied-protected-{label}", "ANIP-APPLY-7", [entry(path, "x")], "APPLY_PROTECTED_SUBSTRATE",
               APPLY + "custom code bundle cannot replace generated substrate file: " + path,
               options={"applied": True, "target": "python"})
error_case("applied-case-variant-of-earlier-bundle-file", "ANIP-APPLY-8",
           [entry("Notes.json", "1"), entry("notes.json", "2")], "APPLY_NOT_A_SEAM",
           APPLY + "custom code bundle can only replace declared extension seam files, not generated substrate: notes.json",
           options={"applied": True, "target": "typescript"},
           note="files applied earlier are part of the project; paths compare case-insensitively")

# ---------------------------------------------------------------- bundle reports
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "anip-tree")
os.makedirs(EXAMPLES, exist_ok=True)
DEFINITION = {
    "artifact_type": "anip_service_definition",
    "contract_schema_version": "anip-service-definition/v1",
    "identity": {"system_name": "Demo Service"},
    "capability_formalizations": [{"service_id": "demo", "capability_id": "demo.lookup"}, {"service_id": "demo", "capability_id": "demo.update"}],
    # The capability scan checks against the service's binding (only for the Python target).
    "service_topology_bindings": [{"service_id": "demo", "formalized_capability_ids": ["demo.lookup", "demo.update"]}],
}
PY_FILES = [
    ("src/demo_service/backend_adapter.py", b"from demo_service import x\nCapabilityDeclaration(name=\"demo.lookup\")\n"),
    ("src/demo_service/policy.py", b"ALLOW = True\n"),
    ("src/demo_service/app.py", b"app = 1\n"),
    ("README.md", b"# Demo glue\n"),
    ("pyproject.toml", b"[project]\nname = \"demo-service\"\n"),
]
PY_ENTRIES = [
    entry("src/legacy/backend_adapter.py", "from {{ANIP_PYTHON_MODULE_NAME}} import x\nCapabilityDeclaration(name=\"demo.lookup\")\n"),
    entry("src/{{ANIP_PYTHON_MODULE_NAME}}/policy.py", "ALLOW = True\n"),
    entry("src/demo_service/app.py", "app = 1\n"),
    entry("README.md", "# Demo glue\n"),
    entry("pyproject.toml", "[project]\nname = \"{{ANIP_PACKAGE_NAME}}\"\n"),
]
PY_DIGEST = tree(PY_FILES)


def bundle_file(name, manifest):
    doc = {
        "bundle_schema_version": "anip-package-bundle/v1",
        "package": {"package_id": "demo-service", "package_version": "1.0.0"},
        "service_definition": DEFINITION,
        "manifest": manifest,
        "lock": {"lock_kind": "publisher_recommended_lock"},
    }
    with open(os.path.join(EXAMPLES, name), "w", encoding="ascii") as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write("\n")
    return f"tests/examples/anip-tree/{name}"


PLAIN = bundle_file("demo-bundle.json", {"artifact_type": "anip_package_manifest"})
PINNED = bundle_file("demo-bundle-pinned.json", {"implementation_material": {"custom_code_bundles": [
    {"ref": GIT_REF, "title": "Demo glue", "bundle_tree_sha256": PY_DIGEST.upper().replace("SHA256:", "sha256:")}]}})
WRONG = bundle_file("demo-bundle-wrong-pin.json", {"custom_code_bundle_refs": [{"ref": GIT_REF, "tree_sha256": "sha256:" + "0" * 64}]})
UNPINNED = bundle_file("demo-bundle-unpinned-tree.json", {"custom_code_bundle_ref": GIT_REF})
BAD_SHAPE = bundle_file("demo-bundle-bad-material.json", {"implementation_materials": [42]})


def report_files(files, overlaid=()):
    seams = {"backend_adapter.py": "backend_adapter", "policy.py": "policy", "app.py": "application_entrypoint"}
    out = []
    for p, c in sorted(files, key=lambda f: f[0].encode()):
        base = p.rsplit("/", 1)[-1].lower()
        seam = seams.get(base, "custom_file") if "/" in p else "custom_file"
        if p in overlaid:
            mode = "extension_overlay"
        elif seam != "custom_file":
            mode = "extension_material"
        elif p.lower() in ("pyproject.toml", "package.json", "go.mod", "pom.xml") or p.lower().endswith(".csproj"):
            mode = "project_metadata"
        else:
            mode = "custom_file"
        out.append({"path": p, "sha256": sha(c), "seam": seam, "mode": mode, "bytes": len(c), "overlaid": p in overlaid, "substrate": False})
    return out


def report_case(name, rule, bundle, options, expect, note=None):
    c = {"name": name, "rule": rule, "op": "bundle_report", "input": {"file": bundle},
         "options": {"target": "python", "bundle_path": "glue", **options}, "expect": expect}
    if note:
        c["note"] = note
    cases.append(c)


GENERATED = ["pyproject.toml", "README.md", "src/demo_service/app.py", "src/demo_service/backend_adapter.py",
             "src/demo_service/models.py", "anip-service-definition.json"]
report_case("report-python-overlays", "ANIP-APPLY-8 ANIP-APPLY-9 ANIP-APPLY-10 ANIP-APPLY-11", PLAIN,
            {"entries": PY_ENTRIES, "existing_files": GENERATED},
            {"result_subset": {
                "report": {"bundle_path": "glue", "bundle_sha256": PY_DIGEST,
                           "files": report_files(PY_FILES, overlaid=("src/demo_service/backend_adapter.py", "src/demo_service/app.py",
                                                                     "README.md", "pyproject.toml"))},
                "template_values": {"PACKAGE_NAME": "demo-service", "PYTHON_MODULE_NAME": "demo_service"}}},
            note="Python module and project name follow the package id; the entrypoint overlay is allowed for src/<module>/app.py")
report_case("report-no-generated-project", "ANIP-APPLY-10", PLAIN, {"entries": PY_ENTRIES},
            {"result_subset": {"report": {"bundle_path": "glue", "bundle_sha256": PY_DIGEST, "files": report_files(PY_FILES)}}})
report_case("report-empty-files-null", "ANIP-APPLY-11", PLAIN, {"entries": [entry("a.py", "x")], "bundle_path": "work/dist"},
            {"result": {"report": {"bundle_path": "work/dist", "bundle_sha256": EMPTY, "files": None},
                        "template_values": {"PACKAGE_NAME": "demo-service", "PYTHON_MODULE_NAME": "demo_service"}}})
report_case("report-case-variant-substrate-override", "ANIP-APPLY-8", PLAIN,
            {"entries": [entry("SRC/Demo_Service/Models.py", "x")], "existing_files": GENERATED},
            {"exit_code": 1, "error_code": "APPLY_NOT_A_SEAM",
             "error_message": APPLY + "custom code bundle can only replace declared extension seam files, not generated substrate: SRC/Demo_Service/Models.py"})
report_case("report-protected-override", "ANIP-APPLY-7", PLAIN,
            {"entries": [entry("anip-service-definition.json", "{}")], "existing_files": GENERATED},
            {"exit_code": 1, "error_code": "APPLY_PROTECTED_SUBSTRATE",
             "error_message": APPLY + "custom code bundle cannot replace generated substrate file: anip-service-definition.json"})
report_case("report-unknown-capability-ids", "ANIP-APPLY-2", PLAIN, {"entries": [
    entry("src/a.py", "CapabilityDeclaration(name='demo.lookup')\nCapabilityDeclaration(name='zeta.delete')\n"),
    entry("node_modules/pkg/index.js", "defineCapability({ title: 'x', id: \"alpha.create\" })\n"),
    entry("web/caps.ts", "defineCapability({ capabilityId: 'zeta.delete' })\n"),
    entry("go/caps.go", "CapabilityDef{Name: \"demo.update\"}\n"),
    entry("notes.txt", "CapabilityDeclaration(name='not.scanned')\n"),
]}, {"exit_code": 1, "error_code": "APPLY_UNKNOWN_CAPABILITY_IDS",
     "error_message": "custom code bundle declares capability ids that are not present in the service definition: "
                      "alpha.create in node_modules/pkg/index.js, zeta.delete in web/caps.ts. Update the contract IDs, update "
                      "the custom bundle, or include the correct source-declared IDs before generation."},
            note="the scan reads ignored directories too; the last file wins per id; the list is sorted")
report_case("report-scan-symlink", "ANIP-APPLY-2", PLAIN, {"entries": [entry("src/link.py", symlink=True)]},
            {"exit_code": 1, "error_code": "TREE_SYMLINK",
             "error_message": "validate custom code bundle capabilities: custom code bundle must not contain symlinks: glue/src/link.py"})
# Upstream scans capability ids only for the Python target (the only generated project that
# lists services); for the others the apply walk is the first to meet the same files.
for other in ("go", "java", "typescript", "csharp"):
    report_case(f"report-no-capability-scan-{other}", "ANIP-APPLY-2", PLAIN, {"target": other, "entries": [
        entry("src/a.py", "CapabilityDeclaration(name='zeta.delete')\n")]},
        {"exit_code": 0, "result_subset": {"report": {"bundle_path": "glue"}}})
    report_case(f"report-apply-symlink-{other}", "ANIP-APPLY-2", PLAIN, {"target": other, "entries": [entry("src/link.py", symlink=True)]},
                {"exit_code": 1, "error_code": "TREE_SYMLINK",
                 "error_message": "apply custom code bundle: custom code bundle must not contain symlinks: glue/src/link.py"})
report_case("report-verify-digest-mismatch", "ANIP-GEN-1", PLAIN,
            {"entries": PY_ENTRIES, "verify_digest": "sha256:" + "a" * 64},
            {"exit_code": 1, "error_code": "APPLY_DIGEST_MISMATCH",
             "error_message": "custom code bundle digest mismatch: expected sha256:" + "a" * 64 + " got " + PY_DIGEST})
report_case("report-verify-digest-ignores-case", "ANIP-GEN-1", PLAIN,
            {"entries": PY_ENTRIES, "verify_digest": "  " + PY_DIGEST.upper()},
            {"result_subset": {"report": {"bundle_sha256": PY_DIGEST}}})
report_case("report-verify-digest-format", "ANIP-GEN-2", PLAIN, {"entries": PY_ENTRIES, "verify_digest": "md5:abc"},
            {"exit_code": 1, "error_code": "APPLY_VERIFY_DIGEST_INVALID",
             "error_message": "--verify-custom-code-bundle-digest must be sha256:<64 hex chars>"})
report_case("report-package-pin-enforced-and-matching", "ANIP-GEN-1 ANIP-MAT-3", PINNED, {"entries": PY_ENTRIES},
            {"result": {"report": {"bundle_path": "glue", "bundle_sha256": PY_DIGEST, "files": report_files(PY_FILES)},
                        "template_values": {"PACKAGE_NAME": "demo-service", "PYTHON_MODULE_NAME": "demo_service"},
                        "custom_code_bundle_refs": [{
                            "ref": GIT_REF, "kind": "git", "locator": "git+https://github.com/acme/demo-glue.git",
                            "immutable": "0123456789abcdef0123456789abcdef01234567", "digest": "sha256:" + HEX,
                            "bundle_tree_sha256": PY_DIGEST, "title": "Demo glue",
                            "source": "manifest.implementation_material.custom_code_bundles[0]"}]}},
            note="the declared digest (uppercase in the manifest) is lowercased and matches; no warnings")
report_case("report-package-pin-mismatch", "ANIP-GEN-1", WRONG, {"entries": PY_ENTRIES},
            {"exit_code": 1, "error_code": "APPLY_DIGEST_MISMATCH",
             "error_message": "custom code bundle digest mismatch: expected sha256:" + "0" * 64 + " got " + PY_DIGEST})
report_case("report-flag-digest-wins-over-package-pin", "ANIP-GEN-1", WRONG, {"entries": PY_ENTRIES, "verify_digest": PY_DIGEST},
            {"result_subset": {"report": {"bundle_sha256": PY_DIGEST}}})
report_case("report-material-without-tree-digest-warns", "ANIP-GEN-3", UNPINNED,
            {"entries": PY_ENTRIES, "custom_code_bundle_ref": " " + GIT_REF},
            {"result_subset": {
                "custom_code_bundle_refs": [
                    {"ref": GIT_REF, "kind": "git", "locator": "git+https://github.com/acme/demo-glue.git",
                     "immutable": "0123456789abcdef0123456789abcdef01234567", "digest": "sha256:" + HEX,
                     "source": "manifest.custom_code_bundle_ref"},
                    {"ref": GIT_REF, "kind": "git", "locator": "git+https://github.com/acme/demo-glue.git",
                     "immutable": "0123456789abcdef0123456789abcdef01234567", "digest": "sha256:" + HEX,
                     "source": "cli.custom_code_bundle_ref"}],
                "custom_code_bundle_warnings": [
                    f"Custom bundle ref {GIT_REF} pins remote artifact bytes; no normalized local tree digest was declared for automatic local bundle comparison.",
                    f"Custom bundle ref {GIT_REF} pins remote artifact bytes; no normalized local tree digest was declared for automatic local bundle comparison."]}})
report_case("report-material-not-applied-warns", "ANIP-GEN-3", UNPINNED, {"entries": [], "bundle_path": "empty"},
            {"result_subset": {"custom_code_bundle_warnings": [
                "Custom implementation material is declared but was not fetched or applied. Use --custom-code-bundle for reviewed local material, or explicitly opt into remote fetching when that feature is enabled."]}})
report_case("report-bad-material-shape", "ANIP-MAT-2", BAD_SHAPE, {"entries": PY_ENTRIES},
            {"exit_code": 1, "error_code": "MAT_SHAPE_INVALID",
             "error_message": "custom code bundle metadata at manifest.implementation_materials[0] must be a string, object, or array"})
report_case("report-invalid-user-ref", "ANIP-GEN-2", PLAIN,
            {"entries": PY_ENTRIES, "custom_code_bundle_ref": "git+https://github.com/acme/demo-glue.git@main#sha256:" + HEX},
            {"exit_code": 1, "error_code": "REF_GIT_COMMIT_MUTABLE",
             "error_message": "invalid --custom-code-bundle-ref: git custom code bundle ref must pin an immutable commit hash"})
report_case("report-fetch-refused-after-validation", "ANIP-GEN-2", PLAIN,
            {"entries": PY_ENTRIES, "custom_code_bundle_ref": GIT_REF, "fetch": True},
            {"exit_code": 1, "error_code": "APPLY_FETCH_WITH_LOCAL_BUNDLE",
             "error_message": "--fetch-custom-code-bundle cannot be combined with --custom-code-bundle"})
report_case("report-unsupported-target", "ANIP-GEN-2", PLAIN, {"entries": PY_ENTRIES, "target": "rust"},
            {"exit_code": 1, "error_code": "APPLY_UNKNOWN_TARGET", "error_message": "unsupported target \"rust\""})


def write(name, area, description, cs):
    names = [c["name"] for c in cs]
    assert len(names) == len(set(names)), "duplicate names in " + name
    with open(os.path.join(HERE, name), "w", encoding="ascii") as f:
        json.dump({"area": area, "description": description, "cases": cs}, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print(f"wrote {name}: {len(cs)} cases")


write("tree-fixture.json", "anip-tree",
      "Raw and applied tree digests of spec §17.4 from the per-file lists of the upstream-derived fixture "
      "(ANIP-TREE-8, ANIP-APPLY-6). Generated by generate.py.", fixture_cases)
write("tree.json", "anip-tree",
      "Custom code bundles as entry lists: raw and applied digests, hostile trees, and the generate-equivalent report "
      "(spec §10-§12). Generated by generate.py.", cases)
