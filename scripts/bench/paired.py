#!/usr/bin/env python3
"""Paired, order-alternated whole-process timing of two commands (A and B).

Each round runs A then B, or B then A (alternating), so drift of a shared machine
hits both alike. Prints each command's median wall time and CPU time (user+sys of
the child) and the median of the per-round ratios B/A. Exit codes are ignored
(failures are timed too); output goes to /dev/null.

Usage: paired.py [--runs N] [--warmup N] -- A-command... --vs-- B-command...
"""
import resource, statistics, subprocess, sys, time


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv):
    runs, warmup = 11, 1
    while argv and argv[0].startswith("--") and argv[0] != "--":
        flag, value, argv = argv[0], int(argv[1]), argv[2:]
        if flag == "--runs":
            runs = value
        elif flag == "--warmup":
            warmup = value
        else:
            sys.exit(f"unknown flag {flag}")
    if not argv or argv[0] != "--" or "--vs--" not in argv:
        sys.exit(__doc__)
    cut = argv.index("--vs--")
    a, b = argv[1:cut], argv[cut + 1:]
    for _ in range(warmup):
        run(a), run(b)
    wa, wb, ca, cb, ratios, cpu_ratios = [], [], [], [], [], []
    for i in range(runs):
        if i % 2 == 0:
            (ta, ua), (tb, ub) = run(a), run(b)
        else:
            (tb, ub), (ta, ua) = run(b), run(a)
        wa.append(ta); wb.append(tb); ca.append(ua); cb.append(ub)
        ratios.append(tb / ta)
        if ua > 0:
            cpu_ratios.append(ub / ua)
    med = statistics.median
    print(f"A: median wall {med(wa) * 1000:9.2f} ms  cpu {med(ca) * 1000:9.2f} ms   {' '.join(a)}")
    print(f"B: median wall {med(wb) * 1000:9.2f} ms  cpu {med(cb) * 1000:9.2f} ms   {' '.join(b)}")
    cpu = f"{med(cpu_ratios):.3f}" if cpu_ratios else "n/a"
    print(f"B/A: wall {med(ratios):.3f} (paired median of {runs})  cpu {cpu}")


if __name__ == "__main__":
    main(sys.argv[1:])
