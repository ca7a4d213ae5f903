#!/usr/bin/env python3
"""Differential test: `trustloop anpkg validate` against `anolis-validate` 0.22.0
(spec §15 ANPKG-ORACLE-3/4/5).

Every fixture package and every mutation of `cases.py` is validated by both tools,
as an extracted directory and as a re-zipped archive; the verdict (exit code) and the
message after `Validation failed: ` must be identical. Exceptions, all counted and
printed separately:
* the oracle crashes with a traceback (ANPKG-VAL-U1): exit codes must match (1) and
  trustloop must report one of the U1 finding codes;
* documented trustloop divergences (archive hardening, ANPKG-VAL-M6): trustloop's
  finding code is checked, the oracle's verdict is shown for information.

Usage: run.py [--trustloop BIN] [--oracle BIN] [--fixtures DIR] [-k SUBSTRING] [-v]
Environment: TRUSTLOOP_FIXTURES, CI=true (a missing fixtures folder or oracle fails).
Ends with one line `N passed, N failed`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE))

from cases import Case, cases  # noqa: E402

U1_CODES = {
    "ANPKG_NOT_A_ZIP", "ANPKG_ZIP_CORRUPT", "ANPKG_ZIP_ENCRYPTED", "ANPKG_FILE_NOT_UTF8", "ANPKG_YAML_SYNTAX",
    "ANPKG_YAML_MULTIPLE_DOCUMENTS", "ANPKG_YAML_CONSTRUCT", "ANPKG_YAML_LIMIT", "ANPKG_JSON_SYNTAX", "ANPKG_REPLAY_EXEC",
}
FIXTURE_PACKAGES = ["sim-quickstart", "imported-profile", "export-behavior"]
IS_CI = os.environ.get("CI", "").lower() in ("true", "1")


def recompute_checksums(root: Path) -> None:
    """Upstream test helper `_recompute_checksums` (§14.3)."""
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if rel != "meta/checksums.sha256" and p.is_file():
                files.append(rel)
    files.sort()
    lines = [f"{hashlib.sha256((root / r).read_bytes()).hexdigest()}  {r}" for r in files]
    (root / "meta").mkdir(exist_ok=True)
    (root / "meta/checksums.sha256").write_bytes(("\n".join(lines) + "\n").encode())


def zip_dir(root: Path, out: Path, compression=zipfile.ZIP_STORED, dir_entries=False) -> None:
    with zipfile.ZipFile(out, "w", compression) as z:
        for dirpath, dirnames, filenames in sorted(os.walk(root)):
            dirnames.sort()
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            if dir_entries and rel_dir != ".":
                z.writestr(rel_dir + "/", b"")
            for name in sorted(filenames):
                p = Path(dirpath) / name
                z.write(p, p.relative_to(root).as_posix())


FAKE_RUNTIMES = {
    "stderr-exit1": "echo 'ERROR: bad config' >&2\nexit 1\n",
    "stdout-exit4": "echo 'only stdout'\nexit 4\n",
    "silent-exit5": "exit 5\n",
    "ok": "echo 'Config valid: anolis-main, 1 provider(s), port 8080'\nexit 0\n",
    "env-check": (
        'if [ -n "${ANOLIS_WORKBENCH_RUNTIME_TOKEN+x}" ] || [ -n "${CREDENTIALS_DIRECTORY+x}" ]; then echo "ERROR: secret env leaked" >&2; exit 1; fi\n'
        'if [ "${TRUSTLOOP_DIFF_MARKER:-}" != kept ]; then echo "ERROR: environment not inherited" >&2; exit 1; fi\nexit 0\n'
    ),
    "cwd-check": (
        'if [ "$#" != 2 ] || [ "$1" != --check-config ] || [ "$2" != runtime/anolis-runtime.yaml ]; then echo "ERROR: argv $*" >&2; exit 1; fi\n'
        'if [ ! -f runtime/anolis-runtime.yaml ] || [ ! -f machine-profile.yaml ]; then echo "ERROR: cwd is not the package root" >&2; exit 1; fi\nexit 0\n'
    ),
}


def make_runtimes(bin_dir: Path) -> dict:
    bin_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, body in FAKE_RUNTIMES.items():
        p = bin_dir / name
        p.write_text("#!/bin/sh\n" + body)
        p.chmod(0o755)
        paths[name] = str(p)
    ne = bin_dir / "not-executable"
    ne.write_text("#!/bin/sh\nexit 0\n")
    ne.chmod(0o644)
    paths["not-executable"] = str(ne)
    paths["missing"] = str(bin_dir / "no-such-runtime")
    return paths


class Runner:
    def __init__(self, trustloop: str, oracle: str, verbose: bool):
        self.trustloop = trustloop
        self.oracle = oracle
        self.verbose = verbose
        self.counts = {"runs": 0, "identical": 0, "u1": 0, "divergence": 0, "mismatch": 0}
        self.failures: list[str] = []
        self.lock = threading.Lock()

    @staticmethod
    def normalise(msg: str, pkg: str) -> str:
        msg = re.sub(r"/tmp/anolis-package-validate-[^/\s']+", "<ROOT>", msg)
        msg = re.sub(r"/[^\s']*/anolis-package-validate-[^/\s']+", "<ROOT>", msg)
        return msg.replace(pkg, "<ROOT>")

    def oracle_run(self, pkg: str, extra: list, env: dict):
        r = subprocess.run([self.oracle, pkg, *extra], capture_output=True, text=True, env=env, timeout=120)
        if r.returncode == 0:
            return 0, r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "", False
        lines = r.stderr.strip().splitlines()
        if lines and lines[-1].startswith("Validation failed: "):
            return r.returncode, lines[-1], False
        return r.returncode, (lines[-1] if lines else ""), True

    def trustloop_run(self, pkg: str, extra: list, env: dict):
        r = subprocess.run([self.trustloop, "anpkg", "validate", "--json", pkg, *extra], capture_output=True, text=True, env=env, timeout=120)
        try:
            out = json.loads(r.stdout)
        except ValueError:
            return r.returncode, f"<no JSON: {r.stderr.strip()[-300:]}>", None
        return r.returncode, out["message"], out["code"]

    def compare(self, label: str, pkg: str, extra: list = (), env: dict | None = None, divergence: str | None = None,
                trustloop_args: tuple = ()):
        env = {**os.environ, **(env or {})}
        o_rc, o_msg, o_crash = self.oracle_run(pkg, list(extra), env)
        t_rc, t_msg, t_code = self.trustloop_run(pkg, [*extra, *trustloop_args], env)
        o_n, t_n = self.normalise(o_msg, pkg), self.normalise(t_msg, pkg)
        if divergence:
            ok = t_rc == 1 and t_code == divergence
            kind = "divergence"
            detail = f"trustloop {t_code} ({t_msg}); oracle exit {o_rc}: {o_msg}"
        elif o_crash:
            ok = o_rc == t_rc == 1 and t_code in U1_CODES
            kind = "u1"
            detail = f"oracle traceback ({o_msg}); trustloop {t_code}: {t_msg}"
        else:
            ok = o_rc == t_rc and o_n == t_n
            kind = "identical"
            detail = f"oracle exit {o_rc}: {o_n}\n      trustloop exit {t_rc}: {t_n}"
        with self.lock:
            self.counts["runs"] += 1
            if ok:
                self.counts[kind] += 1
                if self.verbose:
                    print(f"ok   [{kind}] {label}: {t_n if kind != 'divergence' else detail}")
            else:
                self.counts["mismatch"] += 1
                self.failures.append(label)
                print(f"FAIL [{kind}] {label}\n      {detail}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trustloop", default=os.environ.get("TRUSTLOOP_BIN", str(REPO / "target/debug/trustloop")))
    ap.add_argument("--oracle", default=os.environ.get("ANPKG_ORACLE", str(REPO / ".venv/bin/anolis-validate")))
    ap.add_argument("--fixtures", default=os.environ.get("TRUSTLOOP_FIXTURES", str(REPO.parent / "shared/fixtures")))
    ap.add_argument("-k", default="", help="only cases whose name contains this")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()

    fixtures = Path(a.fixtures) / "anpkg/packages"
    if not fixtures.is_dir():
        print(f"NOT RUN: anpkg fixtures missing ({fixtures}); set TRUSTLOOP_FIXTURES", file=sys.stderr)
        return 1 if IS_CI else 0
    if not Path(a.oracle).exists():
        print(f"NOT RUN: oracle {a.oracle} missing (pip install anolis-workbench==0.22.0 into <repo>/.venv)", file=sys.stderr)
        return 1 if IS_CI else 0
    if not Path(a.trustloop).exists():
        print(f"ERROR: trustloop binary {a.trustloop} missing (cargo build -p trustloop-cli)", file=sys.stderr)
        return 1

    runner = Runner(a.trustloop, a.oracle, a.v)
    scratch = Path(tempfile.mkdtemp(prefix="anpkg-diff-"))
    try:
        bases = {}
        for name in FIXTURE_PACKAGES:
            archive = fixtures / f"{name}.anpkg"
            base = scratch / "bases" / name
            zipfile.ZipFile(archive).extractall(base)
            bases[name] = base
            if a.k in name or a.k in "fixtures":
                runner.compare(f"fixture {name} (archive)", str(archive))
                runner.compare(f"fixture {name} (directory)", str(base))
        runtimes = make_runtimes(scratch / "bin")
        run_fixed_cases(runner, scratch, bases, a.k)

        n_cases = 0
        jobs = []
        for i, case in enumerate(cases()):
            if a.k not in case.name:
                continue
            n_cases += 1
            for mode in case.modes:
                work = scratch / f"case{i:03d}-{mode}"
                pkg_dir = work / "pkg"
                shutil.copytree(bases[case.base], pkg_dir, symlinks=True)
                try:
                    case.mutate(pkg_dir)
                    if case.recompute:
                        recompute_checksums(pkg_dir)
                except Exception as e:  # a broken case is a harness bug
                    runner.counts["mismatch"] += 1
                    runner.failures.append(case.name)
                    print(f"FAIL [harness] {case.name}: {e!r}")
                    continue
                target = pkg_dir
                if mode == "zip":
                    target = work / "pkg.anpkg"
                    zip_dir(pkg_dir, target)
                extra = ["--runtime-bin", runtimes[case.runtime_bin]] if case.runtime_bin else []
                jobs.append((f"{case.name} ({mode})", str(target), extra, case.env, case.divergence, case.trustloop_args))
        with ThreadPoolExecutor(max_workers=int(os.environ.get("ANPKG_DIFF_JOBS", "4"))) as pool:
            list(pool.map(lambda j: runner.compare(*j), jobs))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    c = runner.counts
    print()
    print(f"anpkg validate differential vs anolis-validate 0.22.0: {n_cases} mutation cases, {c['runs']} validations")
    print(f"  identical verdict and message: {c['identical']}")
    print(f"  oracle traceback (U1), same exit code: {c['u1']}")
    print(f"  documented trustloop divergences (hardening): {c['divergence']}")
    print(f"  mismatches: {c['mismatch']}")
    for f in runner.failures:
        print(f"    - {f}")
    passed = c["identical"] + c["u1"] + c["divergence"]
    print(f"{passed} passed, {c['mismatch']} failed")
    return 0 if c["mismatch"] == 0 and c["runs"] > 0 else 1


def run_fixed_cases(runner: Runner, scratch: Path, bases: dict, k: str) -> None:
    """Materialisation and archive cases that are not file mutations (§17)."""
    fixed = scratch / "fixed"
    fixed.mkdir()
    sim = bases["sim-quickstart"]
    sim_zip = fixed / "sim.anpkg"
    zip_dir(sim, sim_zip)

    def want(name):
        return k in name

    if want("M2 missing path"):
        runner.compare("M2 missing path", str(fixed / "does-not-exist.anpkg"))
    if want("M3 zip named .bin"):
        shutil.copy(sim_zip, fixed / "pkg.bin")
        runner.compare("M3 zip named .bin", str(fixed / "pkg.bin"))
    if want("M3 text file .txt"):
        (fixed / "x.txt").write_text("not a zip\n")
        runner.compare("M3 text file .txt", str(fixed / "x.txt"))
    if want("M5 .anpkg that is not a zip"):
        (fixed / "x.anpkg").write_text("not a zip\n")
        runner.compare("M5 .anpkg that is not a zip", str(fixed / "x.anpkg"))
    if want("M5 .zip that is not a zip"):
        (fixed / "y.ZIP").write_text("not a zip\n")
        runner.compare("M5 .zip that is not a zip", str(fixed / "y.ZIP"))
    if want("M4 archive with directory entries"):
        zip_dir(sim, fixed / "dirs.anpkg", dir_entries=True)
        runner.compare("M4 archive with directory entries", str(fixed / "dirs.anpkg"))
    if want("M4 deflated archive"):
        zip_dir(sim, fixed / "deflate.anpkg", zipfile.ZIP_DEFLATED)
        runner.compare("M4 deflated archive", str(fixed / "deflate.anpkg"))
    if want("M4 archive with timestamps and ./ names"):
        with zipfile.ZipFile(fixed / "ts.anpkg", "w") as z:
            for p in sorted(sim.rglob("*")):
                if p.is_file():
                    info = zipfile.ZipInfo("./" + p.relative_to(sim).as_posix(), date_time=(2026, 4, 3, 12, 30, 0))
                    z.writestr(info, p.read_bytes())
        runner.compare("M4 archive with timestamps and ./ names", str(fixed / "ts.anpkg"))

    # Hardening (documented divergences): upstream sanitises or crashes; trustloop
    # rejects with its own code, never writing anything.
    def crafted(name, entries, code, prepare=None):
        if not want(name):
            return
        path = fixed / (re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".anpkg")
        with zipfile.ZipFile(path, "w") as z:
            for p in sorted(sim.rglob("*")):
                if p.is_file():
                    z.write(p, p.relative_to(sim).as_posix())
            for info, data in entries:
                z.writestr(info, data)
        if prepare:
            prepare(path)
        runner.compare(name, str(path), divergence=code)

    crafted("H zip slip ../../evil.yaml", [("../../evil.yaml", b"a: 1\n")], "ANPKG_ZIP_UNSAFE_PATH")
    crafted("H absolute member /abs/x.yaml", [("/abs/x.yaml", b"a: 1\n")], "ANPKG_ZIP_ABSOLUTE_PATH")
    link = zipfile.ZipInfo("providers/link.yaml")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    crafted("H symlink entry", [(link, b"/etc/passwd")], "ANPKG_ZIP_SYMLINK")
    crafted("H case-colliding names", [("providers/SIM0.yaml", b"a: 1\n")], "ANPKG_ZIP_CASE_COLLISION")
    crafted("H file and directory with one name", [("notes", b"x"), ("notes/x.txt", b"y")], "ANPKG_ZIP_PATH_CONFLICT")

    def set_encrypted(path):
        data = bytearray(path.read_bytes())
        for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(sig)
            data[at + off] |= 1
        path.write_bytes(bytes(data))

    crafted("H encrypted entry (U1 upstream)", [], "ANPKG_ZIP_ENCRYPTED", set_encrypted)


if __name__ == "__main__":
    sys.exit(main())
