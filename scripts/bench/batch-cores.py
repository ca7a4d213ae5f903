#!/usr/bin/env python3
"""How a batch call scales with cores: `anip.verify_many` of N small signed bundles
(default 1,000; built from examples/anip with build_local) in one call, in a child
process allowed one CPU and one allowed two (CPU affinity, so rayon's pool and the
calling thread, which builds the Python results, get one core or two), paired and
order-alternated (each round runs both, alternating which goes first). The child times
the call itself (not interpreter start-up): its first call ("cold": the process's heaps
still grow, page faults included) and the median of three more ("warm", as a service
verifying batch after batch runs); the ratio is the median of the per-round ratios
T1/T2. It also prints the call's CPU time over its wall time (how many cores the batch
kept busy): on a machine others load, a second thread adds CPU time without wall-clock
gain, which this shows.

Each round also runs the machine's ceiling: two one-core children at once, each pinned to
its own CPU, each doing the whole one-core batch. They share nothing (no GIL, no pool, no
serial part), so 2 x (one-core time) / (their mean time) is what two cores give two
independent copies of this work here; a batch's speed-up cannot beat it. On a VM whose
second vCPU slows the first (a busy or SMT-shared host, lower boost clocks) it is below 2.

Usage: .venv/bin/python scripts/bench/batch-cores.py [--runs 11] [--bundles 1000] [--host python|node]
(the trustloop module must be importable, it makes the bundles: `bash scripts/test.sh
python` installs it; `--host node` times `verifyMany` of bindings-node, whose addon
`bash scripts/test.sh node` builds).
"""
import argparse, json, os, statistics, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time, pathlib
from trustloop import anip
bundles = [p.read_bytes() for p in sorted(pathlib.Path(sys.argv[1]).iterdir())]
anip.verify_many(bundles[:8])  # start the pool
times = []
for _ in range(4):  # the first call grows the process's heaps (cold); three more run warm
    t, c = time.perf_counter(), time.process_time()
    out = anip.verify_many(bundles)
    times.append((time.perf_counter() - t, time.process_time() - c))
    assert all(e["result"]["status"] == "ok" for e in out), "a bundle did not verify"
    del out
cold, warm = times[0], sorted(times[1:])[1]
print(*cold, *warm)
"""

# The same in Node (`--host node`): `verifyMany` of the package at argv[2].
CHILD_NODE = """
const fs = require('fs'), path = require('path');
const { verifyMany } = require(process.argv[2]);
const dir = process.argv[1];
const bundles = fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f)));
verifyMany(bundles.slice(0, 8));
const times = [];
for (let k = 0; k < 4; k++) {
  const t = process.hrtime.bigint(), c = process.cpuUsage();
  const out = verifyMany(bundles);
  const cpu = process.cpuUsage(c);
  times.push([Number(process.hrtime.bigint() - t) / 1e9, (cpu.user + cpu.system) / 1e6]);
  if (!out.every((e) => e.result && e.result.status === 'ok')) throw new Error('a bundle did not verify');
}
const warm = times.slice(1).sort((a, b) => a[0] - b[0])[1];
console.log(...times[0], ...warm);
"""


def make_bundles(n, into):
    from trustloop import anip
    definition = (ROOT / "examples/anip/order-desk-service-definition.json").read_bytes()
    for i in range(n):
        files = anip.build_local(definition, package_id="order-desk", package_version=f"1.{i // 1000}.{i % 1000}")
        bundle = next(b for name, b in files.items() if name.endswith(".anip-package.json"))
        (into / f"{i:05}.json").write_bytes(bundle)
    return len(bundle)


def start(cpus, folder, host):
    """The child, started on the CPUs `cpus` (its output piped)."""
    env = {k: v for k, v in os.environ.items() if k != "RAYON_NUM_THREADS"}
    child = [sys.executable, "-c", CHILD, folder] if host == "python" else ["node", "-e", CHILD_NODE, folder, str(ROOT / "bindings-node")]
    return subprocess.Popen(child, env=env, stdout=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.sched_setaffinity(0, cpus))


def times_of(child, *others):
    """(cold wall, cold CPU, warm wall, warm CPU) the child printed; a failed child
    stops the bench (and the children running beside it)."""
    out, _ = child.communicate()
    if child.returncode != 0:
        for other in others:
            other.kill()
        raise SystemExit(f"the child failed ({child.returncode})")
    return tuple(map(float, out.split()))


def timed(cores, folder, host):
    """The child's times on the first `cores` CPUs this process may use."""
    return times_of(start(sorted(os.sched_getaffinity(0))[:cores], folder, host))


def timed_side_by_side(folder, host):
    """The times of two one-core children run at once, one on each of the first two CPUs."""
    children = [start([cpu], folder, host) for cpu in sorted(os.sched_getaffinity(0))[:2]]
    return [times_of(child, *children) for child in children]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--bundles", type=int, default=1000)
    ap.add_argument("--host", choices=("python", "node"), default="python")
    args = ap.parse_args()
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("batch-cores.py compares one core with two: this process may use only one CPU")
    with tempfile.TemporaryDirectory() as tmp:
        size = make_bundles(args.bundles, Path(tmp))
        one, two, apart = [], [], []
        for i in range(args.runs):
            if i % 2 == 0:
                one.append(timed(1, tmp, args.host)); two.append(timed(2, tmp, args.host))
            else:
                two.append(timed(2, tmp, args.host)); one.append(timed(1, tmp, args.host))
            apart.append(timed_side_by_side(tmp, args.host))
    med = statistics.median
    report = {"host": args.host, "bundles": args.bundles, "bundle_bytes": size, "runs": args.runs, "cores": os.cpu_count(), "load_average": os.getloadavg()}
    for name, wall, cpu in (("cold", 0, 1), ("warm", 2, 3)):
        report[name] = {
            "one_core_ms": round(med(r[wall] for r in one) * 1000, 1), "two_cores_ms": round(med(r[wall] for r in two) * 1000, 1),
            # CPU time / wall time of the call: how many cores the batch kept busy.
            "two_cores_parallelism": round(med(r[cpu] / r[wall] for r in two), 2),
            "speedup_paired_median": round(med(a[wall] / b[wall] for a, b in zip(one, two)), 3),
            "speedups": sorted(round(a[wall] / b[wall], 3) for a, b in zip(one, two)),
            # Two independent one-core children at once: the most two cores give here.
            "machine_ceiling_paired_median": round(med(2 * a[wall] / statistics.mean(p[wall] for p in pair) for a, pair in zip(one, apart)), 3),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
