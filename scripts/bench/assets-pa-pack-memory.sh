#!/usr/bin/env bash
# Peak memory of packing an asset project of N glyph banks (default 2,000) with the
# release CLI: generates the project under /tmp, runs `trustloop assets-pa pack` under
# /usr/bin/time -v and prints the peak RSS. The archive alone is N × 34,816 bytes
# (about 66 MiB for 2,000 banks); the packer streams it, so the peak stays far below.
# Usage: scripts/bench/assets-pa-pack-memory.sh [BANKS] [TILES_PER_BANK]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"

banks="${1:-2000}"
tiles="${2:-8}"
work="$(mktemp -d /tmp/trustloop-pack-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || tl_die "/usr/bin/time is missing (apt-get install time)"
tl_log "building the trustloop CLI (release)"
cargo build --release -p trustloop-cli --quiet
tl="$CARGO_TARGET_DIR/release/trustloop"

tl_log "generating $banks glyph banks × $tiles tiles in $work"
python3 scripts/bench/assets-pa-project.py "$work" "$banks" "$tiles"

tl_log "packing"
/usr/bin/time -v "$tl" assets-pa pack "$work" --json >"$work/report.json" 2>"$work/time.txt" || {
    cat "$work/time.txt"; tl_die "pack failed"; }
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
report = json.load(open(f"{work}/report.json"))
time = dict(l.strip().split(": ", 1) for l in open(f"{work}/time.txt") if ": " in l)
rss_kib = int(time["Maximum resident set size (kbytes)"])
size = next(a["size"] for a in report["artifacts"] if a["path"].endswith("/assets.pa"))
print(f"ok={report['ok']} assets={report['assets']} preload={report['preload']}")
print(f"assets.pa: {size} bytes ({size / 2**20:.1f} MiB)")
print(f"wall clock: {time['Elapsed (wall clock) time (h:mm:ss or m:ss)']}")
print(f"peak RSS: {rss_kib} KiB ({rss_kib / 1024:.1f} MiB)")
sys.exit(0 if report["ok"] and rss_kib < 64 * 1024 else 1)
PY
