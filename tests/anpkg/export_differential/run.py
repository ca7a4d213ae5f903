#!/usr/bin/env python3
"""Differential export suite: trustloop vs anolis-workbench 0.22.0 (spec §15).

For every case (the fixture inputs of §16.2, the Appendix A project, >= 200 seeded
generated projects and the E1-E8 error projects) the same project folder is exported
by the reference (`ANOLIS_DATA_DIR=<scratch>/systems anolis-package <name> <out>`)
and by `trustloop anpkg export <scratch>/systems/<name> <out> --data-root <scratch>`,
then compared:
  * both succeed: the archives must be byte-identical, and the stderr warnings equal;
  * both fail: exit codes equal and the text after `ERROR: ` equal (for
    `Failed reading <path>: <yaml error>` only up to the path: the YAML error text is
    libyaml's upstream); where the reference crashes with a traceback, exit codes only;
  * documented divergences (spec ANPKG-ORACLE-5, docs/conformance/anpkg-export.md)
    must diverge exactly as documented.
Prints the counts; exits 1 on any disagreement or if fewer than --min-generated
generated projects were compared byte for byte.

Usage: run.py --oracle <venv>/bin/anolis-package --trustloop <bin> [--fixtures DIR]
              [--count 240] [--seed 20260416] [--jobs 2] [--keep DIR]
"""
import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

APPENDIX_A = {
    "machine-profile.yaml": generate.yaml.safe_dump({
        "schema_version": 1, "machine_id": "export-behavior", "display_name": "export-behavior",
        "runtime_profiles": {"manual": "config/anolis-runtime.manual.yaml", "automation": "config/anolis-runtime.automation.yaml"},
        "providers": {"sim0": {"config": "config/provider-sim.sim0.yaml"}},
        "behaviors": ["behaviors/local.xml"],
        "compatibility": {"runtime": {"config_contract": "01-runtime-config", "http_contract": "02-runtime-http"},
                          "providers": {"sim0": {"strategy": "local-build", "version": "unspecified"}}},
        "components": {"runtime": {"repo": "anolishq/anolis", "version": "0.1.27"},
                       "providers": {"sim": {"repo": "anolishq/anolis-provider-sim", "version": "0.2.5"}}},
    }, sort_keys=False).encode(),
    "config/anolis-runtime.manual.yaml": generate.yaml.safe_dump({
        "runtime": {"name": "anolis-main", "shutdown_timeout_ms": 2000, "startup_timeout_ms": 30000},
        "http": {"enabled": True, "bind": "127.0.0.1", "port": 8080},
        "providers": [{"id": "sim0", "command": "../anolis-provider-sim/build/dev-release/anolis-provider-sim",
                       "args": ["--config", "../anolis-projects/projects/export-behavior/config/provider-sim.sim0.yaml"],
                       "timeout_ms": 5000, "restart_policy": {"enabled": False}}],
        "polling": {"interval_ms": 500},
        "telemetry": {"enabled": True, "influxdb": {"url": "http://localhost:8086", "org": "anolis", "bucket": "anolis",
                                                    "token": "super-secret"}},
        "logging": {"level": "info"},
        "automation": {"enabled": True, "behavior_tree": "behaviors/local.xml"},
    }, sort_keys=False).encode(),
    "config/anolis-runtime.automation.yaml": b"{}",
    "config/provider-sim.sim0.yaml": b"provider:\n  name: sim0\nstartup_policy: degraded\ndevices:\n- id: tempctl0\n  type: tempctl\n  initial_temp: 25.0\nsimulation:\n  mode: non_interacting\n  tick_rate_hz: 10.0\n",
    "behaviors/local.xml": b"<root />\n",
    "workbench.json": b'{"schema_version": 2, "format": "machine-profile", "authored": true, "meta": {"name": "export-behavior", "created": "2026-04-16T19:01:02.999999+00:00", "profile_dir_name": "export-behavior"}, "launch": {"variant": "manual"}, "warnings": []}',
}


def read_tree(root):
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            out[os.path.relpath(p, root).replace(os.sep, "/")] = open(p, "rb").read()
    return out


def fixture_cases(fixtures):
    cases = []
    inputs = os.path.join(fixtures, "anpkg", "inputs")
    packages = os.path.join(fixtures, "anpkg", "packages")
    sim = read_tree(os.path.join(inputs, "sim-quickstart"))
    imp = read_tree(os.path.join(inputs, "imported-profile"))
    stubs = dict(imp)
    stubs["config/anolis-runtime.bioreactor.telemetry.yaml"] = b"{}"
    stubs["config/anolis-runtime.bioreactor.full.yaml"] = b"{}"
    ref = lambda n: open(os.path.join(packages, n), "rb").read()  # noqa: E731
    cases.append({"name": "sim-quickstart", "files": sim, "data_root": {}, "kind": "fixture", "expect": ref("sim-quickstart.anpkg")})
    cases.append({"name": "imported-profile", "files": imp, "data_root": {}, "kind": "fixture"})
    cases.append({"name": "imported-profile", "files": stubs, "data_root": {}, "kind": "fixture",
                  "expect": ref("imported-profile.anpkg"), "label": "imported-profile+stubs"})
    cases.append({"name": "export-behavior", "files": APPENDIX_A, "data_root": {}, "kind": "fixture",
                  "expect": ref("export-behavior.anpkg"), "label": "appendix-a"})
    return cases


def materialise(root, case):
    project = os.path.join(root, "systems", case["name"])
    os.makedirs(project, exist_ok=True)
    for rel, data in case["files"].items():
        p = os.path.join(project, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
    for rel, data in case.get("data_root", {}).items():
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
    return project


def error_line(stderr):
    lines = [l for l in stderr.splitlines() if l.startswith("ERROR: ")]
    return lines[-1][len("ERROR: "):] if lines else None


def warnings_of(stderr):
    return [l for l in stderr.splitlines() if l.startswith("exporting only the")]


def comparable(msg):
    if msg is not None and msg.startswith("Failed reading "):
        head, _, _ = msg.partition(": ")
        return head
    return msg


def zip_diff(a, b):
    try:
        za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    except zipfile.BadZipFile as e:
        return f"unreadable zip: {e}"
    na, nb = [i.filename for i in za.infolist()], [i.filename for i in zb.infolist()]
    if na != nb:
        return f"entries differ: reference={na} trustloop={nb}"
    # Content entries first: a differing file also changes its checksum line.
    for n in sorted(na, key=lambda n: n == "meta/checksums.sha256"):
        x, y = za.read(n), zb.read(n)
        if x != y:
            import difflib
            d = "\n".join(difflib.unified_diff(x.decode("utf-8", "replace").splitlines(), y.decode("utf-8", "replace").splitlines(),
                                               "reference/" + n, "trustloop/" + n, lineterm="", n=2))
            return f"{n} differs:\n{d[:3000]}"
    for ia, ib in zip(za.infolist(), zb.infolist()):
        fa = (ia.date_time, ia.compress_type, ia.create_system, ia.create_version, ia.extract_version, ia.flag_bits, ia.external_attr, ia.extra)
        fb = (ib.date_time, ib.compress_type, ib.create_system, ib.create_version, ib.extract_version, ib.flag_bits, ib.external_attr, ib.extra)
        if fa != fb:
            return f"{ia.filename}: zip header fields differ: reference={fa} trustloop={fb}"
    return "archive bytes differ (container layout)"


def run_case(args, idx, case):
    label = case.get("label", case["name"])
    root = tempfile.mkdtemp(prefix=f"anpkg-diff-{idx}-", dir=args.scratch)
    try:
        project = materialise(root, case)
        ref_out, tl_out = os.path.join(root, "reference.anpkg"), os.path.join(root, "trustloop.anpkg")
        env = dict(os.environ, ANOLIS_DATA_DIR=os.path.join(root, "systems"))
        ref = subprocess.run([args.oracle, case["name"], ref_out], env=env, cwd=root, capture_output=True, text=True)
        tl = subprocess.run([args.trustloop, "anpkg", "export", project, tl_out, "--data-root", root], cwd=root,
                            capture_output=True, text=True)
        kind = case["kind"]
        ref_bytes = open(ref_out, "rb").read() if ref.returncode == 0 and os.path.exists(ref_out) else None
        tl_bytes = open(tl_out, "rb").read() if tl.returncode == 0 and os.path.exists(tl_out) else None

        if kind == "divergence-alias":
            ok = ref.returncode == 0 and tl.returncode == 1 and "YAML aliases" in (error_line(tl.stderr) or "")
            return label, ("divergence" if ok else "MISMATCH"), "" if ok else f"reference rc={ref.returncode} trustloop rc={tl.returncode} {tl.stderr.strip()[-300:]}"
        if ref.returncode != tl.returncode:
            return label, "MISMATCH", f"exit codes differ: reference={ref.returncode} ({ref.stderr.strip()[-400:]}) trustloop={tl.returncode} ({tl.stderr.strip()[-400:]})"
        if ref.returncode == 0:
            if ref_bytes != tl_bytes:
                return label, "MISMATCH", zip_diff(ref_bytes or b"", tl_bytes or b"")
            if "expect" in case and case["expect"] != tl_bytes:
                return label, "MISMATCH", "differs from the stored fixture package"
            if warnings_of(ref.stderr) != warnings_of(tl.stderr):
                return label, "MISMATCH", f"warnings differ: {warnings_of(ref.stderr)} vs {warnings_of(tl.stderr)}"
            if tl.stdout.strip() != os.path.abspath(tl_out):
                return label, "MISMATCH", f"stdout is not the output path: {tl.stdout!r}"
            return label, "identical", ""
        ref_msg, tl_msg = error_line(ref.stderr), error_line(tl.stderr)
        if ref_msg is None:
            # Upstream traceback (ANPKG-VAL-U1 style): exit code only.
            return label, "error-crash", ""
        if comparable(ref_msg) != comparable(tl_msg):
            return label, "MISMATCH", f"messages differ:\n  reference: {ref_msg}\n  trustloop: {tl_msg}"
        return label, "error-same", ""
    finally:
        if args.keep:
            dest = os.path.join(args.keep, f"{idx:04d}-{label}")
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(root, dest, symlinks=True)
        shutil.rmtree(root, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--trustloop", required=True)
    ap.add_argument("--fixtures", default=os.environ.get("TRUSTLOOP_FIXTURES", ""))
    ap.add_argument("--count", type=int, default=240)
    ap.add_argument("--min-generated", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20260416)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default="")
    ap.add_argument("--scratch", default=None)
    args = ap.parse_args()

    cases = []
    if args.fixtures and os.path.isdir(os.path.join(args.fixtures, "anpkg")):
        cases += fixture_cases(args.fixtures)
    else:
        print(f"!!! fixtures folder {args.fixtures!r} is missing: the fixture re-exports DID NOT RUN", flush=True)
        if os.environ.get("CI", "").lower() == "true":
            return 1
    rng = random.Random(args.seed)
    cases += [generate.success_case(rng, i) for i in range(args.count)]
    cases += generate.error_cases(rng)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda ic: (ic[1]["kind"], run_case(args, ic[0], ic[1])), enumerate(cases)))

    counts = {}
    failures = []
    for kind, (label, outcome, detail) in results:
        counts[(kind, outcome)] = counts.get((kind, outcome), 0) + 1
        if outcome == "MISMATCH":
            failures.append((label, detail))
    for label, detail in failures[:20]:
        print(f"MISMATCH {label}: {detail}\n")
    generated_identical = counts.get(("generated", "identical"), 0)
    print("anpkg export differential (trustloop vs anolis-workbench 0.22.0, seed %d):" % args.seed)
    for kind in ["fixture", "generated", "identical", "error", "divergence-alias"]:
        row = {o: n for (k, o), n in counts.items() if k == kind}
        if row:
            print(f"  {kind:17s} " + ", ".join(f"{o}={n}" for o, n in sorted(row.items())))
    total = len(results)
    print(f"  total cases={total} identical packages={sum(n for (k, o), n in counts.items() if o == 'identical')} "
          f"(generated={generated_identical}) matching errors={sum(n for (k, o), n in counts.items() if o.startswith('error'))} "
          f"documented divergences={sum(n for (k, o), n in counts.items() if o == 'divergence')} mismatches={len(failures)}")
    if failures:
        return 1
    if generated_identical < args.min_generated:
        print(f"FAIL: only {generated_identical} generated projects compared byte for byte (need {args.min_generated})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
