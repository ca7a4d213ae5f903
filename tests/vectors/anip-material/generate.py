#!/usr/bin/env python3
"""Writes attach.json (op `attach_implementation`, ANIP-ATT-1 / spec §5.6) and lint.json
(op `lint`, trustloop's publication lint), with the package bundles they read in
tests/examples/anip-material/. Expected requests are written out by hand from the
rules; the tree digest is computed with hashlib (ANIP-TREE-8). Nothing runs trustloop.
"""
import copy
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "anip-material")
os.makedirs(EXAMPLES, exist_ok=True)
HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
REF = f"git+https://github.com/acme/demo-glue.git@{COMMIT}#sha256:{HEX}"
REF2 = f"registry://acme/demo-glue@2.0.0#sha256:{HEX}"


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def tree(files):
    h = hashlib.sha256()
    for p, c in sorted(files, key=lambda f: f[0].encode()):
        h.update(p.encode() + b"\0" + sha(c).encode() + b"\0-\0")
    return "sha256:" + h.hexdigest()


def example(name, doc):
    with open(os.path.join(EXAMPLES, name), "w", encoding="ascii") as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write("\n")
    return f"tests/examples/anip-material/{name}"


README = "# Demo\n\nA demo package whose README explains what the package does for the agents that use it."
MANIFEST = {"artifact_type": "anip_package_manifest", "readme": "  " + README + "  ",
            "source_links": [{"title": " Docs ", "url": "https://example.com/docs"}, {"title": "", "url": ""}]}
DEFINITION = {"artifact_type": "anip_service_definition", "identity": {"system_name": "Demo"}}
LOCK = {"lock_kind": "publisher_recommended_lock"}
LINEAGE = {"project_ref": "proj", "product_revision": {"ref": "prod-1"},
           "developer_revision": {"ref": "dev-1", "contract_signature": "sha256:from-lineage"}}
FULL = {
    "bundle_schema_version": "anip-package-bundle/v1",
    "publication": {"publisher_id": "acme", "publisher_type": "organization", "download_count": 3},
    "package": {"package_id": " demo ", "package_version": "1.0.0", "lineage": LINEAGE, "schema_version": "anip-service-definition/v1",
                "implementation_materials": [{"title": " Old ", "ref": " " + REF2 + " ", "bundle_tree_sha256": "SHA256:" + HEX.upper()},
                                             {"ref": REF2, "bundle_tree_sha256": "sha256:" + HEX}, {"title": "no ref"}],
                "manifest": MANIFEST, "service_definition": DEFINITION, "recommended_lock": LOCK},
}
FULL_PATH = example("full-bundle.json", FULL)
MANIFEST_MATERIALS = copy.deepcopy(FULL)
del MANIFEST_MATERIALS["package"]["implementation_materials"]
MANIFEST_MATERIALS["package"]["manifest"] = {**MANIFEST, "implementation_material": {"custom_code_bundles": [{"ref": REF, "tree_sha256": "sha256:" + HEX}]}}
MANIFEST_MATERIALS_PATH = example("manifest-materials-bundle.json", MANIFEST_MATERIALS)
NO_PROJECT = copy.deepcopy(FULL)
NO_PROJECT["package"]["lineage"] = {"product_revision": {"ref": "p"}, "developer_revision": {"ref": "d"}}
NO_PROJECT["package"]["contract_signature"] = "sha256:c"
NO_PROJECT_PATH = example("no-project-ref-bundle.json", NO_PROJECT)
NO_LOCK = copy.deepcopy(FULL)
del NO_LOCK["package"]["recommended_lock"]
NO_LOCK_PATH = example("no-lock-bundle.json", NO_LOCK)

OLD = {"title": "Old", "ref": REF2, "bundle_tree_sha256": "sha256:" + HEX}


def request(version, materials, manifest=MANIFEST):
    return {
        "package_id": "demo",
        "package_version": version,
        "project_ref": "proj",
        "product_revision_ref": "prod-1",
        "developer_revision_ref": "dev-1",
        "contract_signature": "sha256:from-lineage",
        "publisher_id": "acme",
        "publisher_type": "organization",
        "lineage": LINEAGE,
        "schema_version": "anip-service-definition/v1",
        "manifest": manifest,
        "service_definition": DEFINITION,
        "recommended_lock": LOCK,
        "readme": README,
        "source_links": [{"title": "Docs", "url": "https://example.com/docs"}],
        "implementation_materials": materials,
    }


cases = []


def case(name, rule, bundle, options, expect, entries=None, note=None):
    opts = dict(options)
    if entries is not None:
        opts["entries"] = entries
    c = {"name": name, "rule": rule, "op": "attach_implementation", "input": {"file": bundle}, "options": opts, "expect": expect}
    if note:
        c["note"] = note
    cases.append(c)


def err(code, message):
    return {"exit_code": 1, "error_code": code, "error_message": message}


BASE = {"package_version": " 1.1.0 ", "custom_code_bundle_ref": " " + REF + " ", "title": " Demo glue "}
case("attach-request-shape", "ANIP-ATT-1 §5.6", FULL_PATH, BASE,
     {"result": request("1.1.0", [OLD, {"title": "Demo glue", "ref": REF}])},
     note="lineage fallbacks for refs and the contract signature; publication for the publisher; existing materials deduplicated")
case("attach-implementation-ref-wins", "ANIP-ATT-1.3", FULL_PATH,
     {**BASE, "implementation_material_ref": REF2},
     {"result": request("1.1.0", [OLD, {"title": "Demo glue", "ref": REF2}])},
     note="the alias --implementation-material-ref is preferred; same ref, different tree digest: both stay")
case("attach-same-material-deduplicated", "ANIP-ATT-1.7", FULL_PATH,
     {"package_version": "2", "custom_code_bundle_ref": REF2, "bundle_tree_sha256": "sha256:" + HEX.upper()},
     {"result": request("2", [OLD])}, note="same ref and tree digest as an existing material: the first one stays")
files = [("README.md", b"# glue\n"), ("src/demo/policy.py", b"ALLOW = True\n")]
entries = [{"path": p, "text": c.decode()} for p, c in files] + [{"path": "notes.txt", "text": "skip"}]
case("attach-local-bundle-raw-digest", "ANIP-ATT-1.5", FULL_PATH, {"package_version": "1.1.0", "custom_code_bundle_ref": REF},
     {"result_subset": {"implementation_materials": [OLD, {"ref": REF, "bundle_tree_sha256": tree(files)}]}}, entries=entries)
case("attach-local-bundle-mismatch", "ANIP-ATT-1.5", FULL_PATH,
     {"package_version": "1.1.0", "custom_code_bundle_ref": REF, "bundle_tree_sha256": " SHA256:" + "F" * 64},
     err("ATT_TREE_DIGEST_MISMATCH",
         f"--bundle-tree-sha256 does not match local custom bundle: expected sha256:{'f' * 64} computed {tree(files)}"),
     entries=entries)
case("attach-local-bundle-matching-flag", "ANIP-ATT-1.5", FULL_PATH,
     {"package_version": "1.1.0", "custom_code_bundle_ref": REF, "bundle_tree_sha256": tree(files).upper()},
     {"result_subset": {"package_version": "1.1.0"}}, entries=entries)
case("attach-local-bundle-hostile", "ANIP-ATT-1.5 ANIP-TREE-4", FULL_PATH,
     {"package_version": "1.1.0", "custom_code_bundle_ref": REF, "bundle_root": "glue"},
     err("TREE_SYMLINK", "compute custom code bundle digest: custom code bundle must not contain symlinks: glue/src/evil.py"),
     entries=[{"path": "src/evil.py", "symlink": True}])
case("attach-version-required", "ANIP-ATT-1.2", FULL_PATH, {"custom_code_bundle_ref": REF},
     err("ATT_VERSION_REQUIRED", "--package-version is required"))
case("attach-ref-required", "ANIP-ATT-1.3", FULL_PATH, {"package_version": "2", "custom_code_bundle_ref": "  "},
     err("ATT_REF_REQUIRED", "--custom-code-bundle-ref or --implementation-material-ref is required"))
case("attach-ref-floating", "ANIP-ATT-1.4", FULL_PATH,
     {"package_version": "2", "custom_code_bundle_ref": f"registry://acme/demo-glue@latest#sha256:{HEX}"},
     err("REF_REGISTRY_VERSION_MUTABLE", "invalid custom code bundle ref: registry custom code bundle ref must pin an immutable version"))
case("attach-tree-digest-format", "ANIP-ATT-1.6", FULL_PATH,
     {"package_version": "2", "custom_code_bundle_ref": REF, "bundle_tree_sha256": "sha256:abc"},
     err("ATT_TREE_DIGEST_INVALID", "--bundle-tree-sha256 must be sha256:<64 hex chars>"))
case("attach-manifest-materials", "§5.6", MANIFEST_MATERIALS_PATH, {"package_version": "2", "custom_code_bundle_ref": REF2},
     {"result_subset": {"implementation_materials": [{"ref": REF, "bundle_tree_sha256": "sha256:" + HEX}, {"ref": REF2}]}},
     note="no package.implementation_materials: the manifest's implementation_material.custom_code_bundles are used")
case("attach-no-project-ref", "§5.6", NO_PROJECT_PATH, {"package_version": "2", "custom_code_bundle_ref": REF},
     err("ATT_NO_PROJECT_REF", "package bundle does not contain project_ref"))
case("attach-no-lock", "§5.6", NO_LOCK_PATH, {"package_version": "2", "custom_code_bundle_ref": REF},
     err("ATT_NO_DOCUMENTS", "package bundle must contain manifest, service_definition, and recommended_lock or lock"))
cases.append({"name": "attach-bundle-not-object", "rule": "§5.6", "op": "attach_implementation", "input": {"text": "[1]"},
              "options": {"package_version": "2", "custom_code_bundle_ref": REF},
              "expect": err("ATT_BUNDLE_DECODE", "decode package bundle: json: cannot unmarshal array into Go value of type map[string]interface {}")})
cases.append({"name": "attach-bundle-null", "rule": "§5.6", "op": "attach_implementation", "input": {"text": "null"},
              "options": {"package_version": "2", "custom_code_bundle_ref": REF},
              "expect": err("ATT_NO_PACKAGE_ID", "package bundle does not contain package_id")})

# ---------------------------------------------------------------- lint
lint_cases = []


def lint(name, doc, findings, note=None):
    c = {"name": name, "op": "lint", "input": {"text": json.dumps(doc, ensure_ascii=True)},
         "expect": {"result_subset": {"status": "findings" if findings else "clean"}}}
    if findings:
        c["expect"]["result_subset"]["findings"] = [
            {"code": code, "severity": "error", "message": msg, "location": {"path": path}} for code, path, msg in findings]
    else:
        c["expect"]["result_subset"]["findings"] = []
    if note:
        c["note"] = note
    lint_cases.append(c)


lint("lint-clean", {"package": {"readme": README, "source_links": [{"title": "Docs", "url": "https://example.com/x"}],
                                "implementation_materials": [{"ref": REF, "bundle_tree_sha256": "sha256:" + HEX}], "download_count": 9},
                    "publication": {"download_count": 9}}, [],
     note="the Registry's own download counters are not findings")
lint("lint-readme-missing", {"package": {}}, [
    ("LINT_README_MISSING", "package.readme",
     "package has no README (package.readme or manifest.readme); consumers need to know what they are installing")])
lint("lint-readme-trivial", {"manifest": {"readme": "# Demo\n\nTODO"}}, [
    ("LINT_README_TRIVIAL", "manifest.readme",
     "README is too short to explain the package (12 characters, 3 words; at least 80 characters and 10 words expected)")])
lint("lint-source-link-not-http", {"package": {"readme": README, "source_links": [{"url": "git@github.com:a/b.git"}, {"url": "https://ok.example"}]}}, [
    ("LINT_SOURCE_LINK_NOT_HTTP", "package.source_links[0].url", "source link \"git@github.com:a/b.git\" is not an absolute http(s) URL")])
lint("lint-local-urls", {"package": {"readme": README + " Studio: http://127.0.0.42:8000/studio",
                                     "source_links": [{"url": "http://LOCALHOST:5173/"}]},
                         "manifest": {"a": "ws://[::1]:9/x", "b": "see file:///Users/x", "c": "https://api.localhost/x"}}, [
    ("LINT_LOCAL_URL", "manifest.a", "machine-local URL ws://[::1]:9/x in package metadata; only portable https URLs work for consumers"),
    ("LINT_LOCAL_URL", "manifest.b", "machine-local URL file:///Users/x in package metadata; only portable https URLs work for consumers"),
    ("LINT_PRIVATE_PATH", "manifest.b", "private workstation path /Users/x in package metadata; use repository-relative paths or https URLs"),
    ("LINT_LOCAL_URL", "manifest.c", "machine-local URL https://api.localhost/x in package metadata; only portable https URLs work for consumers"),
    ("LINT_LOCAL_URL", "package.readme", "machine-local URL http://127.0.0.42:8000/studio in package metadata; only portable https URLs work for consumers"),
    ("LINT_LOCAL_URL", "package.source_links[0].url", "machine-local URL http://LOCALHOST:5173/ in package metadata; only portable https URLs work for consumers"),
], note="a file: URL that is also a workstation path gives both findings")
lint("lint-materials", {"package": {"readme": README, "implementation_materials": [
    {"ref": f"git+https://github.com/a/b.git@v1.2.0#sha256:{HEX}"},
    {"ref": f"object+https://cdn.example.com/b.tgz"},
    {"ref": f"object+https://cdn.example.com/b.tgz?sig=1#sha256:{HEX}"},
    {"ref": REF, "bundle_tree_sha256": "sha1:abc"}]},
    "manifest": {"custom_code_bundle_ref": f"registry://acme/x@main#sha256:{HEX}"}}, [
    ("LINT_MATERIAL_NOT_IMMUTABLE", "package.implementation_materials[0]",
     "implementation material ref is not publishable: git custom code bundle ref must pin an immutable commit hash"),
    ("LINT_MATERIAL_NOT_DIGEST_PINNED", "package.implementation_materials[1]",
     "implementation material ref is not publishable: custom code bundle ref must include a sha256 digest fragment"),
    ("LINT_MATERIAL_REF_INVALID", "package.implementation_materials[2]",
     "implementation material ref is not publishable: object HTTPS custom code bundle ref must not include credentials, query, or fragment before the digest"),
    ("LINT_MATERIAL_TREE_DIGEST_INVALID", "package.implementation_materials[3]",
     "implementation material tree digest must be sha256:<64 hex chars>"),
    ("LINT_MATERIAL_NOT_IMMUTABLE", "manifest.custom_code_bundle_ref",
     "implementation material ref is not publishable: registry custom code bundle ref must pin an immutable version"),
])
lint("lint-secrets-env-paths-popularity", {"package": {"readme": README}, "manifest": {
    "client_secret": "s3cr3t", "db-password": "${DB_PASSWORD}", "deploy_key": "-----BEGIN OPENSSH PRIVATE KEY-----\nabc",
    "note": "uses ghp_" + "a" * 36, "env": "./config/.env.local", "env_example": "config/.env.example",
    "workdir": "C:\\Users\\carol\\demo", "popularity_score": 0.9, "stats": {"GitHub-Stars": 10}}}, [
    ("LINT_SECRET_VALUE", "manifest.client_secret", "possible secret (credential-named field) in package metadata; remove it and rotate the credential"),
    ("LINT_SECRET_VALUE", "manifest.deploy_key", "possible secret (private key) in package metadata; remove it and rotate the credential"),
    ("LINT_ENV_FILE", "manifest.env", "a .env file path in package metadata; environment files stay on the workstation"),
    ("LINT_SECRET_VALUE", "manifest.note", "possible secret (GitHub token) in package metadata; remove it and rotate the credential"),
    ("LINT_POPULARITY_SIGNAL", "manifest.popularity_score",
     "popularity_score in package metadata presents registry popularity as a trust signal; trust comes from digests, the signed receipt and pinned material"),
    ("LINT_POPULARITY_SIGNAL", "manifest.stats.GitHub-Stars",
     "GitHub-Stars in package metadata presents registry popularity as a trust signal; trust comes from digests, the signed receipt and pinned material"),
    ("LINT_PRIVATE_PATH", "manifest.workdir", "private workstation path C:\\Users\\carol\\demo in package metadata; use repository-relative paths or https URLs"),
], note="placeholders are not secrets; .env templates are not .env files; secret values are never echoed")
lint_cases.append({"name": "lint-not-an-object", "op": "lint", "input": {"text": "[]"},
                   "expect": {"exit_code": 1, "error_code": "LINT_BUNDLE_NOT_OBJECT",
                              "error_message": "decode package bundle: a package bundle must be a JSON object"}})


def write(name, area, description, cs):
    names = [c["name"] for c in cs]
    assert len(names) == len(set(names))
    with open(os.path.join(HERE, name), "w", encoding="ascii") as f:
        json.dump({"area": area, "description": description, "cases": cs}, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print(f"wrote {name}: {len(cs)} cases")


write("attach.json", "anip-material", "attach-implementation publish requests (ANIP-ATT-1, spec §5.6). Generated by generate.py.", cases)
write("lint.json", "anip-material", "trustloop's publication lint: one finding per problem with a stable code and JSON path. Generated by generate.py.", lint_cases)
