#!/usr/bin/env python3
"""How a batch call scales with cores: `anip.verify_many` of N small signed bundles
(default 1,000; built from examples/anip with build_local) in one call, in a child
process with RAYON_NUM_THREADS=1 and one with =2, paired and order-alternated (each
round runs both, alternating which goes first). The child times the call itself (not
interpreter start-up); the ratio is the median of the per-round ratios T1/T2. It also prints the call's CPU
time over its wall time (how many cores the batch kept busy): on a machine others load,
a second thread adds CPU time without wall-clock gain, which this shows.

Usage: .venv/bin/python scripts/bench/batch-cores.py [--runs 11] [--bundles 1000]
(the trustloop module must be importable: `bash scripts/test.sh python` installs it).
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time, pathlib
from trustloop import anip
bundles = [p.read_bytes() for p in sorted(pathlib.Path(sys.argv[1]).iterdir())]
anip.verify_many(bundles[:8])  # warm the pool
t, c = time.perf_counter(), time.process_time()
out = anip.verify_many(bundles)
print(time.perf_counter() - t, time.process_time() - c)
assert all(e["result"]["status"] == "ok" for e in out), "a bundle did not verify"
"""


def make_bundles(n, into):
    from trustloop import anip
    definition = (ROOT / "examples/anip/order-desk-service-definition.json").read_bytes()
    for i in range(n):
        files = anip.build_local(definition, package_id="order-desk", package_version=f"1.{i // 1000}.{i % 1000}")
        bundle = next(b for name, b in files.items() if name.endswith(".anip-package.json"))
        (into / f"{i:05}.json").write_bytes(bundle)
    return len(bundle)


def timed(threads, folder):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    out = subprocess.run([sys.executable, "-c", CHILD, folder], env=env, check=True, capture_output=True, text=True)
    wall, cpu = map(float, out.stdout.split())
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--bundles", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        size = make_bundles(args.bundles, Path(tmp))
        one, two, ratios = [], [], []
        for i in range(args.runs):
            if i % 2 == 0:
                a, b = timed(1, tmp), timed(2, tmp)
            else:
                b, a = timed(2, tmp), timed(1, tmp)
            one.append(a); two.append(b); ratios.append(a[0] / b[0])
    med = statistics.median
    print(json.dumps({
        "bundles": args.bundles, "bundle_bytes": size, "runs": args.runs, "cores": os.cpu_count(),
        "load_average": os.getloadavg(),
        "one_thread_ms": round(med(w for w, _ in one) * 1000, 1), "two_threads_ms": round(med(w for w, _ in two) * 1000, 1),
        # CPU time / wall time of the call: how many cores the batch kept busy.
        "one_thread_parallelism": round(med(c / w for w, c in one), 2), "two_threads_parallelism": round(med(c / w for w, c in two), 2),
        "speedup_paired_median": round(med(ratios), 3), "speedups": [round(r, 3) for r in ratios],
    }, indent=2))


if __name__ == "__main__":
    main()
