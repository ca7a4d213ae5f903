"""Cross-host hostile-input runner (scripts/suites/50-hostile.sh).

Reads tests/hostile/cases.json and runs every case in every host it names, each run
as a child process under `prlimit --as=<cap>`: the CLI binary directly, Python, Node
and WASM through the small runners in tests/hostile/hosts/. A run passes when the
child exits normally and reports the expected finding code (null: accepted). A
signal, an abort, an out-of-memory failure or an unexpected code fails it. Peak RSS
(from wait4) is printed for the record, never judged: pass/fail does not depend on
timing or on measured memory, only on the cap.

Env: TRUSTLOOP_HOSTILE (reproducer folder), TRUSTLOOP_BIN (the CLI), TRUSTLOOP_ROOT,
HOSTILE_FILTER (substring of case ids to run), HOSTILE_HOSTS (comma list).
Prints one line per run and ends with "N passed, N failed"; exits 1 on any failure.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

ROOT = os.environ["TRUSTLOOP_ROOT"]
HOSTILE = os.environ["TRUSTLOOP_HOSTILE"]
CLI = os.environ["TRUSTLOOP_BIN"]
HOSTS_DIR = os.path.join(ROOT, "tests", "hostile", "hosts")
# A safety net so a hang cannot stall the suite; reported as "hung", a failure.
WATCHDOG_SECONDS = 600


def host_argv(host, op, arg, table, mem_mb):
    if host == "cli":
        return [CLI] + [a.replace("{input}", arg) for a in table["cli_ops"][op]]
    if host == "python":
        return [sys.executable, os.path.join(HOSTS_DIR, "python_host.py"), op, arg]
    if host == "node":
        return ["node", os.path.join(HOSTS_DIR, "node_host.js"), op, arg]
    if host == "wasm":
        # V8 reserves ~10 GB of address space for any wasm memory (guard regions), so
        # prlimit cannot cap the module's heap; V8's page limit does (64 KiB pages).
        return ["node", f"--wasm-max-mem-pages={mem_mb * 16}", os.path.join(HOSTS_DIR, "wasm_host.js"), op, arg]
    raise ValueError(f"unknown host {host}")


def prepare_input(case, tmp):
    """The path the operation gets: the reproducer itself, or a project folder holding
    it under `project_file`, after the case's optional `setup` shell command."""
    env = dict(os.environ, HOSTILE=HOSTILE, TMP=tmp)
    if case.get("setup"):
        subprocess.run(["bash", "-c", case["setup"]], cwd=tmp, env=env, check=True)
    src = case["input"].replace("{hostile}", HOSTILE).replace("{tmp}", tmp)
    if "project_file" in case:
        project = os.path.join(tmp, "project")
        os.makedirs(project, exist_ok=True)
        shutil.copyfile(src, os.path.join(project, case["project_file"]))
        return project
    return src


def run_capped(argv, cap_mb, cwd):
    """Runs argv under `prlimit --as`; returns (status, stdout, stderr, peak_rss_kb)."""
    capped = ["prlimit", f"--as={cap_mb << 20}", "--"] + argv
    proc = subprocess.Popen(capped, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=dict(os.environ, RUST_BACKTRACE="0"))
    out = {}

    def drain(name, stream):
        # Keep at most 64 KB of each stream: a runaway message must not grow the runner.
        data = stream.read(65536)
        while stream.read(65536):
            pass
        out[name] = data

    readers = [threading.Thread(target=drain, args=(n, s)) for n, s in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for r in readers:
        r.start()
    timer = threading.Timer(WATCHDOG_SECONDS, lambda: os.kill(proc.pid, signal.SIGKILL))
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    for r in readers:
        r.join()
    proc.returncode = 0  # reaped by wait4 above; keep Popen from waiting again
    return status, out["stdout"].decode("utf-8", "replace"), out["stderr"].decode("utf-8", "replace"), usage.ru_maxrss


def outcome(host, status, stdout):
    """(code, problem): the reported finding code, or why the run is a failure."""
    if os.WIFSIGNALED(status):
        return None, f"killed by signal {os.WTERMSIG(status)}"
    rc = os.WEXITSTATUS(status)
    if host == "cli" and rc not in (0, 1, 2):
        return None, f"exit {rc}"
    if host != "cli" and rc != 0:
        return None, f"exit {rc}"
    try:
        lines = [line for line in stdout.splitlines() if line.strip()]
        doc = json.loads(stdout) if host == "cli" else json.loads(lines[-1])
    except (ValueError, IndexError):
        return None, f"exit {rc}, no JSON result on stdout"
    if not isinstance(doc, dict):
        return None, "result is not a JSON object"
    # The CLI's success reports (export) have no code: accepted.
    return doc.get("code"), None


def main():
    with open(os.path.join(ROOT, "tests", "hostile", "cases.json")) as f:
        table = json.load(f)
    only = os.environ.get("HOSTILE_FILTER", "")
    hosts_wanted = set(filter(None, os.environ.get("HOSTILE_HOSTS", "").split(",")))
    passed = failed = 0
    for case in table["cases"]:
        if only and only not in case["id"]:
            continue
        expected = case["expect_code"]
        allowed = expected if isinstance(expected, list) else [expected]
        with tempfile.TemporaryDirectory(prefix="tl-hostile-") as tmp:
            arg = prepare_input(case, tmp)
            for host in case["hosts"]:
                if hosts_wanted and host not in hosts_wanted:
                    continue
                cap_mb = case["mem_mb"] + table["host_address_space_mb"][host]
                status, stdout, stderr, rss_kb = run_capped(host_argv(host, case["op"], arg, table, case["mem_mb"]), cap_mb, tmp)
                code, problem = outcome(host, status, stdout)
                if problem is None and code not in allowed:
                    problem = f"code {code}, expected {' or '.join(map(str, allowed))}"
                where = f"{case['id']:<28} {host:<6} cap {cap_mb:>6} MB  peak RSS {rss_kb >> 10:>5} MB"
                if problem is None:
                    passed += 1
                    print(f"PASS {where}  code {code}")
                else:
                    failed += 1
                    print(f"FAIL {where}  {problem}")
                    tail = stderr.strip().splitlines()[-5:]
                    for line in tail:
                        print(f"       | {line}")
                sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
