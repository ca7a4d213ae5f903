#!/usr/bin/env python3
"""Cases the recorded corpus does not hold, run through a Go `anip` CLI and trustloop side by side.

The recorded corpus (`../shared/conformance/anip-go/`) replays 4,114 cases without Go;
more cases of the same generator are held back. This script makes new cases the way the
generator does and compares both tools by the replay's own rules (`harness/compare.py`:
exit code, stdout bytes, stderr bytes, written files), so a cause is found before a
held-back case finds it. It never builds the Go CLI: give it one (`--anip PATH`).
Investigation only; not part of the test command.

Suites (`--suite`, default all):
  reseed     the corpus's seeded mutation cases (bundles, definitions, locks) with new seeds
  compound   two of the generator's mutations on one document (which error comes first)
  refs       custom-code-bundle refs: the corpus's edge cases, mutated a character at a time
  files      every bundle and definition file under --upstream DIR and the fixtures, with
             build-local flag variants (--generated-at, ids, versions, extra flags)
  otherjson  every other JSON file there, given as a bundle and as a definition
  locks      every lock field x mutation of the corpus's lock bases, and every whole-file one
  materials  implementation-material metadata patched into bundles (random shapes)
  attach     attach-implementation flag combinations
  trees      every synthetic custom-code-bundle tree, raw and applied for every target

Usage:
  python3 tests/anip_go/live.py target/release/trustloop --anip /path/to/anip [--suite reseed]
      [--seeds 1] [--salt 1] [--upstream DIR] [--jobs 2] [--json OUT]

Upstream's map-order nondeterminism shows up as mismatches that change between runs
(docs/conformance/anip-definition.md, decision 1; tests/anip_go/judge.py).
"""
import argparse
import atexit
import copy
import glob
import gzip
import json
import os
import random
import re
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("TRUSTLOOP_ANIP_GO_CORPUS", os.path.join(ROOT, "..", "shared", "conformance", "anip-go"))
FIXTURES = os.path.join(os.environ.get("TRUSTLOOP_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures")), "anip")
sys.path.insert(0, os.path.join(CORPUS, "harness"))
import compare as R  # noqa: E402
import driver  # noqa: E402
import refs_corpus as RC  # noqa: E402

STEPS = ("verify_bundle", "verify_def", "lock_write", "lock_check", "build_local", "attach", "ref_attach")


def record(i, family, case):
    case = dict(case, id=i, family=family, phase=case.get("phase", 2))
    return {"id": i, "family": family, "case": case, "steps": {}}


def corpus_records():
    return driver.load_records([os.path.join(CORPUS, "expected.jsonl.gz")])


def suite_reseed(ns):
    def reseed(o, k):
        n = 0
        if isinstance(o, dict):
            for key in list(o):
                if key == "seed" and isinstance(o[key], int):
                    o[key] = o[key] * 7919 + 1000003 * k + ns.salt
                    n += 1
                else:
                    n += reseed(o[key], k)
        elif isinstance(o, list):
            n += sum(reseed(x, k) for x in o)
        return n
    out = []
    for r in corpus_records():
        for k in range(1, ns.seeds + 1):
            c = copy.deepcopy(r["case"])
            if reseed(c, k) == 0:
                break
            out.append(record(f"{r['id']}-s{ns.salt}.{k}", r["family"], c))
    return out


def suite_compound(ns):
    import jsonmut
    import materialize
    rng = random.Random(ns.salt)
    out_dir = tempfile.mkdtemp(prefix="anip-live-compound-")
    atexit.register(shutil.rmtree, out_dir, True)
    bases, build_of = {}, {}
    for r in corpus_records():
        spec = r["case"].get("input") or {}
        if "op" in spec:
            key = spec.get("def_base") or spec.get("base")
            build_of.setdefault(key, r["case"].get("build"))
    for name in build_of:
        if name in materialize.DEF_MUT_BASES:
            path, kind = os.path.join(CORPUS, "upstream", materialize.DEF_MUT_BASES[name]), "definition"
            raw = open(path, "rb").read()
        elif name == "gtm045":
            raw, kind = open(os.path.join(FIXTURES, materialize.GTM045_FIXTURE), "rb").read(), "bundle"
        else:
            (gz,) = glob.glob(os.path.join(CORPUS, "bases", name, "*.json.gz"))
            raw, kind = gzip.open(gz).read(), "bundle"
        bases[name] = (jsonmut.make_ctx(raw, kind), kind)
    first_ops = [op for op in jsonmut.OPS if op not in ("truncate", "notjson", "deep")]
    out = []
    for k in range(1500 * ns.seeds):
        name = rng.choice(sorted(bases))
        ctx, kind = bases[name]
        once, _ = jsonmut.mutate(ctx, rng.choice(first_ops), rng.randrange(1 << 30))
        try:
            json.dumps(json.loads(once), allow_nan=False)
            twice, _ = jsonmut.mutate(jsonmut.make_ctx(once, kind), rng.choice(jsonmut.OPS), rng.randrange(1 << 30))
        except (ValueError, RecursionError):
            continue
        path = os.path.join(out_dir, f"c{k:05d}.json")
        with open(path, "wb") as f:
            f.write(twice)
        if kind == "bundle":
            out.append(record(f"cmp-{k:05d}", "bundle", {"input": {"file": path}}))
        else:
            out.append(record(f"cmp-{k:05d}", "definition", {"input": {"file": path}, "build": build_of[name]}))
    return out


def suite_refs(ns):
    rng = random.Random(ns.salt)
    seeds = [r for _, r in RC.extra_refs() if r] + [
        RC.VALID_GIT, f"{RC.REG}@1.2.3{RC.DIG}", f"{RC.OBJ}{RC.DIG}", f"{RC.S3}{RC.DIG}",
        f"registry://acme/glue@1.0.0-rc.1+build.5{RC.DIG}", f"object+https://cdn.example.com:8443/a/b.zip?x=1{RC.DIG}",
        f"git+https://gitlab.com/group/sub/proj.git@{RC.C40}{RC.DIG}", f"registry://acme/glue@sha256:{RC.D64}{RC.DIG}"]
    alphabet = list("abcXYZ019@#:/.?&=%+-_~!$'()*,;[] \t\n") + [
        "\x01", "\x1f", "\x7f", "\x80", "\u00a0", "\u00e9", "\u0301", "\u200b", "\u200e", "\u202e", "\u2028", "\u3000",
        "\ufeff", "\uff0f", "\U0001f600", "\ufffd", "%2e", "%2F", "%00", "..", "//", "@@", "##"]
    refs = set()
    while len(refs) < 1500 * ns.seeds:
        s = rng.choice(seeds)
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            op, i = rng.randrange(7), rng.randrange(len(s) + 1)
            j = rng.randrange(len(s) + 1)
            if op == 0:
                s = s[:i] + rng.choice(alphabet) + s[i:]
            elif op == 1:
                s = s[:i] + s[i + 1:]
            elif op == 2:
                s = s[:i] + rng.choice(alphabet) + s[i + 1:]
            elif op == 3 and i < len(s):
                s = s[:i] + s[i].swapcase() + s[i + 1:]
            elif op == 4:
                s = s[:min(i, j)] + s[max(i, j):]
            elif op == 5:
                s = s[:max(i, j)] + s[min(i, j):max(i, j)] + s[max(i, j):]
            else:
                s = s[:i]
        refs.add(s)
    return [record(f"refz-{k:05d}", "ref", {"ref": r}) for k, r in enumerate(sorted(refs))]


def suite_files(ns):
    roots = [FIXTURES] + ([ns.upstream] if ns.upstream else [])
    files = sorted({p for r in roots for p in glob.glob(os.path.join(r, "**", "*.json"), recursive=True)})
    bundles = [p for p in files if p.endswith(".anip-package.json")]
    definitions = [p for p in files if "definition" in os.path.basename(p)]
    locks = [p for p in files if "lock" in os.path.basename(p) and p.startswith(FIXTURES)]
    out = [record(f"fb-{i:03d}", "bundle", {"input": {"file": b}, "attach": True, "phase": 1}) for i, b in enumerate(bundles)]
    out += [record(f"fd-{i:03d}", "definition", {"input": {"file": d}, "phase": 1,
                                                 "build": {"package_id": "diff-pkg", "package_version": "1.0.0"}})
            for i, d in enumerate(definitions)]
    out += [record(f"fl-{i:04d}", "lock", {"bundle": {"file": b}, "lock": {"file": lk}})
            for i, (b, lk) in enumerate((b, lk) for b in bundles if b.startswith(FIXTURES) for lk in locks)]
    definition = os.path.join(FIXTURES, "current-runtime-service-definition.json")
    build = {"package_id": "current-runtime-compat", "package_version": "0.1.0"}
    generated_at = [
        "2026-05-15t00:00:00z", "2026-05-15T00:00:00,5Z", "2026-05-15T00:00Z", "2026-05-15T00:00:00+24:00", "2026-05-15T00:00:00+23:60",
        "2026-05-15T00:00:00.Z", "2026-05-15T00:00:00.1234567891Z", "2026-5-15T00:00:00Z", "2026-05-15T00:00:00+0200",
        "2026-05-15T00:00:00Z ", "2026-05-15T00:00:60Z", "0001-01-01T00:00:00+01:00", "10000-01-01T00:00:00Z", "2024-02-29T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-05-15T1:00:00Z", "\uff12026-05-15T00:00:00Z", "x"]
    ids = ["a", "pkg.with.dots", "..", "-x", "x y", "\u00fc-pkg", "a" * 200, "pkg:1", " current-runtime-compat", "cur/../x", "/abs", "pkg\tx"]
    versions = ["1", "v1.0.0", "1.0.0-rc.1+b", "01.0.0", " 0.1.0", "x/y", "..", "9" * 100, "1.0.0\u00e9", "-1"]
    extras = [["--name", "\u00dcn\u00efcode"], ["--name", ""], ["--port", "0"], ["--port", "-1"], ["--port", "65536"], ["--port", "abc"],
              ["--port", "+5"], ["--product-revision-ref", "p:r:1"], ["--developer-revision-ref", " "], ["--project-ref", ""],
              ["--source-doc-url", "not a url"], ["--showcase-url", "ftp://x"], ["--write-definition", "--name", "N"]]
    variants = [dict(build, generated_at=g) for g in generated_at] + [dict(build, package_id=i) for i in ids] + \
        [dict(build, package_version=v) for v in versions] + [dict(build, extra=e) for e in extras]
    out += [record(f"fa-{i:03d}", "definition", {"input": {"file": definition}, "build": b, "no_verify_def": True, "phase": 1})
            for i, b in enumerate(variants)]
    return out


def suite_otherjson(ns):
    roots = [FIXTURES] + ([ns.upstream] if ns.upstream else [])
    files = sorted({p for r in roots for p in glob.glob(os.path.join(r, "**", "*.json"), recursive=True)
                    if not p.endswith(".anip-package.json") and "definition" not in os.path.basename(p)})
    out = [record(f"ob-{i:04d}", "bundle", {"input": {"file": p}, "attach": True, "phase": 1}) for i, p in enumerate(files)]
    return out + [record(f"od-{i:04d}", "definition", {"input": {"file": p}, "phase": 1,
                                                       "build": {"package_id": "diff-pkg", "package_version": "1.0.0"}})
                  for i, p in enumerate(files)]


def suite_locks(ns):
    bundle_of = {}
    for r in corpus_records():
        if r["id"].startswith("lockmut"):
            bundle_of[r["case"]["lock"]["lock_base"]] = r["case"]["bundle"]
    fields = ["source_kind", "package_id", "contract_signature", "receipt_signature", "package_version", "lock_schema_version",
              "definition_digest", "package_execution_signature", "publisher_id", "publisher_type", "registry_url", "receipt_algorithm",
              "registry_active_key_id", "receipt_issued_at", "schema_version", "manifest_digest", "receipt_key_id", "artifact_type",
              "lock_digest", "receipt_authority", "registry_signing_mode"]
    hows = ["number", "upper", "empty", "drop", "null", "dup_before", "case_key", "pad", "bool", "flip", "object", "dup_after", "array"]
    ops = ["trailing_garbage", "truncate_half", "empty_file", "bom", "top_array", "schema_number", "numeric_version_1e21",
           "numeric_version_int", "deep_unknown_100", "all_keys_upper", "crlf_pretty", "utf8_invalid_in_value", "not_json",
           "schema_padded", "u2028_in_package_id", "truncate_last", "schema_v2", "schema_empty", "all_fields_padded",
           "extra_unknown_field", "schema_upper", "deep_unknown_10001", "reorder_keys", "null_document", "truncate_10", "empty_object"]
    out = []
    for base, bundle in sorted(bundle_of.items()):
        specs = [{"field": f, "how": h} for f in fields for h in hows] + [{"file_op": o} for o in ops]
        out += [record(f"lk-{base}-{k:04d}", "lock", {"bundle": bundle, "lock": dict(s, lock_base=base)}) for k, s in enumerate(specs)]
    return out


def suite_materials(ns):
    rng = random.Random(ns.salt)
    scalars = [RC.VALID_GIT, f"{RC.REG}@1.0.0#sha256:" + "ab" * 32, f"{RC.OBJ}{RC.DIG}", " " + RC.VALID_GIT, "", "bad ref", 5, None,
               True, [], {}, 1.5, RC.VALID_GIT.upper()]
    digest = "sha256:" + "11" * 32
    keys = ["ref", "uri", "url", "custom_code_bundle_ref", "implementation_material_ref", "title", "bundle_tree_sha256",
            "tree_sha256", "local_tree_sha256", "kind", "x", "digest", "source"]

    def value(depth=0):
        r = rng.random()
        if r < 0.35 or depth > 1:
            return rng.choice(scalars)
        if r < 0.65:
            return {k: rng.choice(scalars + [digest, digest.upper(), "sha256:zz", " " + digest]) for k in rng.sample(keys, rng.randint(0, 4))}
        if r < 0.85:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        return {"custom_code_bundles": [value(depth + 1) for _ in range(rng.randint(0, 2))]}
    paths = [["manifest", k] for k in ["custom_code_bundle_ref", "custom_code_bundle_refs", "custom_code_bundles", "implementation_material",
                                      "implementation_materials", "implementation_material_refs", "implementation_material_ref"]]
    paths += [["package", "implementation_materials"], ["lock", "custom_code_bundle_ref"], ["lock", "implementation_materials"]]
    return [record(f"mat-{k:04d}", "bundle", {"attach": True, "input": {
        "base": rng.choice(["bl-current-runtime", "gtm045", "bl-linear"]),
        "patch": [[rng.choice(paths), value()] for _ in range(rng.choice([1, 1, 2]))]}}) for k in range(500 * ns.seeds)]


def suite_attach(ns):
    rng = random.Random(ns.salt)
    bundles = [{"base": b} for b in ["bl-current-runtime", "bl-linear", "bl-gtm040", "bl-work-item"]] + \
        [{"file": p} for p in sorted(glob.glob(os.path.join(FIXTURES, "**", "*.anip-package.json"), recursive=True))]
    refs = [RC.VALID_GIT, f"{RC.REG}@1.2.3{RC.DIG}", f"{RC.OBJ}{RC.DIG}", "  ", "", "nonsense", RC.VALID_GIT.upper()]
    versions = ["2.0.0", " 2.0.0", "", "  ", "v2", "2.0.0-rc.1+b.5", "\u00fc", "x" * 300, "../x"]
    titles = ["Glue", "  Glue  ", "", "\u00dcn\u00efc\u00f6d\u00e9", "glue\u0007bell", "x" * 500, "tab\there", "new\nline", "<b>&amp;</b>", "\u2028"]
    digests = ["sha256:" + "4c" * 32, "SHA256:" + "AB" * 32, "sha256:" + "ab" * 31, "sha256:" + "g" * 64, "  sha256:" + "cd" * 32 + "\t", "",
               "sha512:" + "ab" * 32, "sha256" + "ab" * 32]
    out = []
    for k in range(400 * ns.seeds):
        args = []
        if rng.random() < 0.9:
            args += ["--package-version", rng.choice(versions)]
        r = rng.random()
        if r < 0.6:
            args += ["--custom-code-bundle-ref", rng.choice(refs)]
        elif r < 0.8:
            args += ["--implementation-material-ref", rng.choice(refs)]
        elif r < 0.95:
            args += ["--implementation-material-ref", rng.choice(refs), "--custom-code-bundle-ref", rng.choice(refs)]
        if rng.random() < 0.5:
            args += ["--implementation-material-title", rng.choice(titles)]
        if rng.random() < 0.4:
            args += ["--bundle-tree-sha256", rng.choice(digests)]
        if rng.random() < 0.15:
            args += ["--custom-code-bundle", rng.choice(["/nonexistent/dir", "/etc/hostname", "  ", ""])]
        if rng.random() < 0.2:
            args += ["--output", "@OUTFILE@"]
        out.append(record(f"att-{k:04d}", "attach", {"bundle": rng.choice(bundles) if rng.random() < 0.97 else None, "args": args}))
    return out


def suite_trees(ns):
    names = sorted(set(re.findall(r'tree\("(t_[a-z0-9_]+)"\)|\["(t_[a-z0-9_]+)"\]', open(os.path.join(CORPUS, "harness", "trees.py")).read())))
    names = sorted({a or b for a, b in names})
    out = []
    for n in names:
        out.append(record(f"tr-{n}", "tree_raw", {"dir": {"synth": n}}))
        for t in ["python", "java", "go", "typescript", "csharp"]:
            out.append(record(f"ta-{n}-{t}", "tree_applied", {"dir": {"synth": n}, "target": t,
                                                              "bundle": {"file": "<FIXTURES>/gtm-pipeline-q2-review-0.4.5.anip-package.json"}}))
    return out


SUITES = {"reseed": suite_reseed, "compound": suite_compound, "refs": suite_refs, "files": suite_files, "otherjson": suite_otherjson, "locks": suite_locks, "materials": suite_materials,
          "attach": suite_attach, "trees": suite_trees}


def go_side(go, case, env, rundir):
    """What the Go CLI does on the case now, in the shape of a recorded case's steps."""
    blobs = {}

    def keep(b):
        blobs[R.sha(b)] = b
        return R.sha(b)

    def ran(cmd):
        r = R.run([x.replace("<RUN>", rundir) for x in cmd], cwd=rundir)
        out, err = R.norm(r["out"], rundir), R.norm(r["err"], rundir)
        return r, {"exit": r["exit"], "stdout": R.text(out), "stdout_sha256": R.sha(out), "stdout_len": len(out), "stderr": R.text(err)}

    A, _, _ = R.case_args(case, env, rundir, "go")
    G = {}
    for step, a in A.items():
        if step not in STEPS:
            continue
        r, g = ran(R.go_cmd(go, step, a))
        if step == "lock_write" and os.path.exists(a["lockout"]):
            g["lock_sha256"] = keep(open(a["lockout"], "rb").read())
        if step == "attach" and a.get("outfile") and os.path.exists(a["outfile"]):
            g["outfile_sha256"] = keep(open(a["outfile"], "rb").read())
        if step == "build_local":
            g["files"] = {os.path.relpath(os.path.join(d, f), a["outdir"]): keep(open(os.path.join(d, f), "rb").read())
                          for d, _, fs in os.walk(a["outdir"]) for f in fs}
            key = f"{a['pid']}-{a['ver']}.anip-package.json"
            built = os.path.join(a["outdir"], key)
            if r["exit"] == 0 and os.path.exists(built):
                G["verify_built"] = dict(ran(R.go_cmd(go, "verify_built", {"bundle": built}))[1],
                                         bundle_rel=os.path.relpath(built, rundir), bundle_key=key)
        G[step] = g
    if "tree_raw" in A:
        r, g = ran([go, "package", "attach-implementation"] + A["tree_raw"]["flags"])
        if r["exit"] == 0:
            found = re.search(rb'"bundle_tree_sha256":\s*"([^"]*)"', r["out"])
            g["digest"] = found.group(1).decode() if found else None
        G["tree_raw"] = g
    if "tree_applied" in A:
        a = A["tree_applied"]
        r, g = ran(R.go_cmd(go, "tree_applied", a))
        found = re.search(rb"got (sha256:[0-9a-f]{64})", r["err"])
        if found:
            g["digest"] = found.group(1).decode()
        G["tree_applied"] = g
        plain = os.path.join(rundir, "go-proj0")
        ran([go, "generate", "--package-bundle", a["bundle"], "--target", a["target"], "--output", plain])
        r, g = ran(R.go_cmd(go, "report_file", a))
        g["generated_files"] = sorted(os.path.relpath(os.path.join(d, f), plain) for d, _, fs in os.walk(plain) for f in fs)
        report = os.path.join(rundir, "go-proj1", "custom-code-bundle-report.json")
        if r["exit"] == 0 and os.path.exists(report):
            g["report_sha256"] = keep(R.norm(open(report, "rb").read(), rundir))
        G["report_file"] = g
    return G, blobs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trustloop")
    ap.add_argument("--anip", required=True, help="a Go anip CLI (upstream 832f709 for the corpus's answers)")
    ap.add_argument("--suite", action="append", choices=sorted(SUITES), help="repeatable; default: every suite")
    ap.add_argument("--seeds", type=int, default=1, help="new seeds per case (reseed), or size multiplier")
    ap.add_argument("--salt", type=int, default=1, help="varies the new seeds and the random suites")
    ap.add_argument("--upstream", help="an upstream checkout whose example bundles and definitions `files` also runs")
    ap.add_argument("--only", metavar="REGEX")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", metavar="OUT")
    ns = ap.parse_args()
    go = os.path.abspath(ns.anip)
    records = [r for s in (ns.suite or sorted(SUITES)) for r in SUITES[s](ns) if not ns.only or re.search(ns.only, r["id"])]

    recorded_compare = R.compare_case

    def live(case, rec, env, tl, blobs):
        steps, made = go_side(go, case, env, os.path.join(env.work, "run", case["id"]))

        class Blobs(R.Blobs):
            def get(self, h):
                return made[h] if h in made else super().get(h)
        return recorded_compare(case, dict(rec, steps=steps), env, tl, Blobs(*blobs.dirs))
    R.compare_case = live

    with tempfile.TemporaryDirectory(prefix="anip-live-") as tmp:
        cases = os.path.join(tmp, "cases.jsonl.gz")
        with gzip.open(cases, "wt") as f:
            f.writelines(json.dumps(r) + "\n" for r in records)

        def upstream_file(rel):
            p = os.path.join(CORPUS, "upstream", rel)
            return (p, None) if os.path.isfile(p) else (None, f"upstream file {rel}")
        src = driver.Source(expected=[cases], bases=[os.path.join(CORPUS, "bases")], blobs=[os.path.join(CORPUS, "blobs")],
                            fixtures=os.path.abspath(FIXTURES), upstream_file=upstream_file,
                            upstream_dir=lambda rel: (None, f"upstream folder {rel}"))
        summary = driver.replay(src, ns.trustloop, jobs=ns.jobs)
    driver.print_report(summary, f"live beside {go}")
    if ns.json:
        driver.write_json(summary, ns.json)
    print(f"{summary['passed']} passed, {summary['failed']} failed, {len(summary['not_run'])} not run")
    sys.exit(0 if summary["failed"] == 0 and not summary["not_run"] else 1)


if __name__ == "__main__":
    main()
