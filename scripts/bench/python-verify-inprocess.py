#!/usr/bin/env python3
"""ANIP verify in-process from Python: two builds of the native module side by side.

Usage: python-verify-inprocess.py BEFORE.so AFTER.so BUNDLE [ROUNDS] [CALLS]

Each build's `_native.abi3.so` is put into its own copy of the `trustloop` package
(a native module can be initialised once per process, so each round starts one child
per build, alternating which goes first). A child warms up, then times CALLS verify
calls of BUNDLE (CPU time of the child, `time.process_time`, the import excluded).
Prints each build's median CPU per call and the median of the per-round ratios
AFTER/BEFORE. Both builds must return the same result.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings-python", "python", "trustloop")

CHILD = """
import sys, time, hashlib, json
from trustloop import _native
data = open(sys.argv[1], "rb").read()
calls = int(sys.argv[2])
first = _native.call("verify_bundle", data, None, {})
start = time.process_time()
for _ in range(calls):
    _native.call("verify_bundle", data, None, {})
cpu = (time.process_time() - start) / calls
print(cpu, hashlib.sha256(json.dumps(first, sort_keys=True).encode()).hexdigest())
"""


def package_with(so, root):
    target = os.path.join(root, "trustloop")
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    shutil.copy(so, os.path.join(target, "_native.abi3.so"))
    return root


def run(root, bundle, calls):
    out = subprocess.run([sys.executable, "-c", CHILD, bundle, str(calls)], env={**os.environ, "PYTHONPATH": root},
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), out[1]


def main():
    before, after, bundle = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 11
    calls = int(sys.argv[5]) if len(sys.argv) > 5 else 50
    with tempfile.TemporaryDirectory() as tmp:
        roots = {"before": package_with(before, os.path.join(tmp, "a")), "after": package_with(after, os.path.join(tmp, "b"))}
        times = {"before": [], "after": []}
        results = set()
        for r in range(rounds):
            order = ["before", "after"] if r % 2 == 0 else ["after", "before"]
            for name in order:
                cpu, digest = run(roots[name], bundle, calls)
                times[name].append(cpu)
                results.add(digest)
        if len(results) != 1:
            sys.exit("the two builds return different results")
    ratios = [a / b for a, b in zip(times["after"], times["before"])]
    print(f"{os.path.basename(bundle)} ({os.path.getsize(bundle)} bytes), {rounds} rounds x {calls} calls")
    for name in ("before", "after"):
        print(f"  {name}: median CPU per call {statistics.median(times[name]) * 1e3:.3f} ms")
    print(f"  after/before: {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
