"""Mutation cases for the `.anpkg` validator differential (spec §15, §17).

Each case starts from an extracted fixture package, mutates it, recomputes the
checksums (upstream's `_recompute_checksums` rule, §14.3) unless told not to, and is
validated by both tools as a directory and, re-zipped, as an archive.

A case is `Case(name, mutate, base=..., recompute=True, modes=("dir", "zip"))`;
`mutate(root: Path)` edits files in place. Names cite the spec rule they exercise.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional


@dataclass
class Case:
    name: str
    mutate: Callable[[Path], None]
    base: str = "sim-quickstart"
    recompute: bool = True
    modes: tuple = ("dir", "zip")
    # Documented trustloop divergence: compare exit codes only, and require this code.
    divergence: Optional[str] = None
    runtime_bin: Optional[str] = None  # name of a fake runtime (see run.py)
    env: dict = field(default_factory=dict)
    # Arguments only trustloop gets (its extensions, e.g. --replay-env).
    trustloop_args: tuple = ()


RT = "runtime/anolis-runtime.yaml"
MP = "machine-profile.yaml"
SIM = "providers/sim0.yaml"
SUMS = "meta/checksums.sha256"


def write(rel: str, text, mode: str = "w"):
    def f(root: Path):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            with open(p, "ab" if mode == "a" else "wb") as fh:
                fh.write(text)
        else:
            with open(p, mode, encoding="utf-8", newline="") as fh:
                fh.write(text)
    return f


def append(rel: str, text):
    return write(rel, text, "a")


def replace(rel: str, old: str, new: str, count: int = 1):
    def f(root: Path):
        p = root / rel
        s = p.read_text(encoding="utf-8")
        if old not in s:
            raise AssertionError(f"{rel}: {old!r} not found")
        p.write_bytes(s.replace(old, new, count).encode("utf-8"))
    return f


def remove(rel: str):
    def f(root: Path):
        p = root / rel
        if p.is_dir():
            import shutil
            shutil.rmtree(p)
        else:
            p.unlink()
    return f


def chain(*fs):
    def f(root: Path):
        for g in fs:
            g(root)
    return f


def rt_replace(old, new):
    return replace(RT, old, new)


def mp_replace(old, new):
    return replace(MP, old, new)


AUTO = "automation:\n  enabled: false"
HTTP_CORS = "  cors_allowed_origins:\n  - http://localhost:3000\n  - http://127.0.0.1:3000\n"
ARGS = "  args:\n  - --config\n  - providers/sim0.yaml\n"


def args(*items):
    lines = "".join(f"  - {i}\n" for i in items)
    return rt_replace(ARGS, f"  args:\n{lines}" if items else "  args: []\n")


def hooks(calls):
    return rt_replace(AUTO, AUTO + "\n  mode_transition_hooks:\n    before_transition:\n    - " + calls)


def sums_edit(fn):
    """Edit the (recomputed) checksum text; use with recompute=False after recomputing."""
    def f(root: Path):
        from run import recompute_checksums  # noqa: PLC0415
        recompute_checksums(root)
        p = root / SUMS
        p.write_bytes(fn(p.read_text(encoding="utf-8")).encode("utf-8"))
    return f


def symlink(rel, target):
    def f(root: Path):
        p = root / rel
        if p.exists() or p.is_symlink():
            p.unlink()
        p.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, p)
    return f


def outside_file(name, text):
    """A file next to the package root (outside it)."""
    def f(root: Path):
        (root.parent / name).write_text(text, encoding="utf-8")
    return f


def cases() -> list[Case]:
    c: list[Case] = []
    add = c.append

    # --- Structure (S) ---------------------------------------------------------------
    for rel in [MP, RT, "meta/provenance.json", SUMS]:
        add(Case(f"S1-S4 missing {rel}", remove(rel), recompute=(rel != SUMS)))
    add(Case("S5 providers/ missing", chain(remove("providers"), rt_replace("providers/sim0.yaml", "runtime/anolis-runtime.yaml"), mp_replace("config: providers/sim0.yaml", "config: runtime/anolis-runtime.yaml"))))
    add(Case("S6 only providers/sim0.txt", chain(remove(SIM), write("providers/sim0.txt", "x: 1\n"))))
    add(Case("S6 providers/x.yaml is a directory", chain(remove(SIM), write("providers/x.yaml/a.txt", "x"))))
    add(Case("S6 .yml accepted", chain(remove(SIM), write("providers/sim0.yml", "a: 1\n"), rt_replace("providers/sim0.yaml", "providers/sim0.yml"), mp_replace("config: providers/sim0.yaml", "config: providers/sim0.yml"))))
    add(Case("S6 uppercase .YAML only", chain(remove(SIM), write("providers/sim0.YAML", "a: 1\n"))))

    # --- Checksums (C) -----------------------------------------------------------------
    add(Case("C7 drift (no recompute)", append(RT, "\n# tampered\n"), recompute=False))
    add(Case("C7 drift in provider (no recompute)", append(SIM, "x: 1\n"), recompute=False))
    add(Case("C2 hash *path", sums_edit(lambda s: s.replace("  ", " *", 1)), recompute=False))
    add(Case("C2 single space", sums_edit(lambda s: s.replace("  ", " ", 1)), recompute=False))
    add(Case("C2 tab separator", sums_edit(lambda s: s.replace("  ", "\t", 1)), recompute=False))
    add(Case("C2 bad line 3", sums_edit(lambda s: "\n".join(l if i != 2 else "garbage" for i, l in enumerate(s.split("\n")))), recompute=False))
    add(Case("C2 three spaces keep a leading space", sums_edit(lambda s: s.replace("  ", "   ", 1)), recompute=False))
    add(Case("C4 uppercase digest", sums_edit(lambda s: s[:64].upper() + s[64:]), recompute=False))
    add(Case("C4 short digest", sums_edit(lambda s: s[1:]), recompute=False))
    add(Case("C3 duplicated line", sums_edit(lambda s: s + s.split("\n")[0] + "\n"), recompute=False))
    add(Case("C3 duplicate before bad digest", sums_edit(lambda s: s + "ZZ  machine-profile.yaml\n"), recompute=False))
    add(Case("C CRLF", sums_edit(lambda s: s.replace("\n", "\r\n")), recompute=False))
    add(Case("C CR only", sums_edit(lambda s: s.replace("\n", "\r")), recompute=False))
    add(Case("C blank lines and whitespace", sums_edit(lambda s: "\n\n  " + s.replace("\n", "  \n\n")), recompute=False))
    add(Case("C no final newline", sums_edit(lambda s: s.rstrip("\n")), recompute=False))
    add(Case("C6 unlisted notes.txt", chain(sums_edit(lambda s: s), write("notes.txt", "hello\n")), recompute=False))
    add(Case("C6 listed extra files pass", chain(write("notes.txt", "hello\n"), write(".hidden", "x"))))
    add(Case("C6 ./x listed vs x", sums_edit(lambda s: s.replace("  machine-profile.yaml", "  ./machine-profile.yaml")), recompute=False))
    add(Case("C5 entry for the checksum file tolerated", sums_edit(lambda s: s + "a" * 64 + "  meta/checksums.sha256\n"), recompute=False))
    add(Case("C5 bad digest for the checksum file", sums_edit(lambda s: s + "zz  meta/checksums.sha256\n"), recompute=False))
    add(Case("C6 missing line", sums_edit(lambda s: "\n".join(s.split("\n")[1:])), recompute=False))
    add(Case("C6 string order a-b vs a/b", chain(write("providers/a-b.yaml", "a: 1\n"), write("providers/a/b.yaml", "a: 1\n"), sums_edit(lambda s: s), write("zz.txt", "x")), recompute=False))
    add(Case("C7 first mismatch in sorted order", chain(sums_edit(lambda s: s), append("providers/sim0.yaml", "a: 1\n"), append(RT, "b: 1\n")), recompute=False))
    add(Case("C non-UTF-8 checksum file (U1)", chain(sums_edit(lambda s: s), append(SUMS, b"\xff\n")), recompute=False))
    add(Case("C unicode line separator splits lines", sums_edit(lambda s: s.replace("\n", "\u2028", 1)), recompute=False))

    # --- Token scan (T) ----------------------------------------------------------------
    add(Case("T influxdb.token reintroduced", rt_replace("telemetry:\n  enabled: false", "telemetry:\n  enabled: false\n  influxdb:\n    token: reintroduced-secret")))
    for key in ["token", "api_token", "auth_token", "TOKEN", "Tokenizer", "influx_token", "x_token", "'x.token'"]:
        add(Case(f"T key {key} in provider", append(SIM, f"{key}: abc\n")))
    add(Case("T tokens list", append(SIM, "tokens:\n- a\n")))
    add(Case("T providers[0].token", rt_replace("- id: sim0", "- id: sim0\n  token: x")))
    add(Case("T key token.x passes", append(SIM, "'token.x': abc\n")))
    for val in ['""', '"   "', "12345", "null", "{v: a}", "[]"]:
        add(Case(f"T token: {val} passes", append(SIM, f"token: {val}\n")))
    add(Case("T password passes", append(SIM, "password: hunter2\n")))
    add(Case("T token in .txt passes", write("notes.txt", "token: abc\n")))
    add(Case("T token in .xml passes", write("runtime/behaviors/x.xml", "<token>abc</token>\n")))
    add(Case("T token in JSON", write("meta/extra.json", '{"a": [{"my_token": "x"}]}')))
    add(Case("T JSON duplicate keys, last wins", write("meta/extra.json", '{"token": "x", "token": ""}')))
    add(Case("T JSON NaN accepted", write("meta/extra.json", '{"a": NaN, "b": -Infinity}')))
    add(Case("T placeholder is flagged", append(SIM, "api_token: ${INFLUXDB_TOKEN}\n")))
    add(Case("T int key path", append(SIM, "1: {token: x}\n")))
    add(Case("T bool key path", append(SIM, "yes: {token: x}\n")))
    add(Case("T float key path", append(SIM, "1.5: {token: x}\n")))
    add(Case("T date key path", append(SIM, "2026-04-03: {token: x}\n")))
    add(Case("T path order (Path sort: a/b before a-b)", chain(write("providers/a-b.yaml", "token: x\n"), write("providers/a/b.yaml", "token: y\n"))))
    add(Case("T leak before a later broken YAML", chain(append(SIM, "token: x\n"), write("providers/zz.yaml", "a: [\n"))))
    add(Case("T token in .yml extension", write("providers/extra.yml", "token: abc\n")))
    add(Case("T token in .YAML skipped", write("providers/extra.YAML", "token: abc\n")))
    add(Case("T merge key brings token", append(SIM, "base: &b {token: x}\nother:\n  <<: *b\n")))
    add(Case("T unicode whitespace token passes", append(SIM, 'token: "\\u3000"\n')))

    # --- U1: documents upstream cannot read --------------------------------------------
    add(Case("U1 broken YAML", write("providers/zz.yaml", "a: [\n")))
    add(Case("U1 multi-document YAML", write("providers/zz.yaml", "a: 1\n---\nb: 2\n")))
    add(Case("U1 invalid JSON provenance", write("meta/provenance.json", "{not json")))
    add(Case("U1 non-UTF-8 provider", append(SIM, b'x: "\xe9"\n')))
    add(Case("U1 JSON with BOM", write("meta/extra.json", "\ufeff{}")))
    add(Case("U1 control character in YAML", append(SIM, "x: \x01\n")))
    add(Case("U1 invalid date", append(SIM, "d: 2026-02-30\n")))
    add(Case("U1 unknown tag", append(SIM, "d: !foo x\n")))
    add(Case("U1 unhashable key", append(SIM, "? [a]\n: b\n")))
    add(Case("U1 plain = value", append(SIM, "d: =\n")))
    # PyYAML never skips a tab between tokens, and wants `?` before an empty key.
    add(Case("U1 tab inside a plain scalar", rt_replace("cors_allow_credentials: false", "cors_allow_credentials: \tfalse")))
    add(Case("U1 tab after a value", append(SIM, "x: 1\t\n")))
    add(Case("U1 tab after a quoted value", append(SIM, "x: 'a'\t# c\n")))
    add(Case("U1 empty implicit key", append(SIM, ": x\n")))
    add(Case("U1 empty key in a flow mapping", append(SIM, "x: {: y}\n")))
    add(Case("U1 '?' in a plain scalar of a flow sequence", append(SIM, "x: [http://localhost:3000?a=1]\n")))
    add(Case("U1 anchor given twice", append(SIM, "x: &a 1\ny: &a 2\n")))
    add(Case("U1 anchor name with a dot", append(SIM, "x: &a.b 1\n")))
    add(Case("U1 flow key over two lines", append(SIM, "x: {ab\n  cd: 1}\n")))
    add(Case("YAML tabs in quotes, block scalars and comments pass", append(SIM, "x: \"a\tb\"  # c\td\ny: |\n  e\tf\n")))
    add(Case("YAML explicit empty key passes", append(SIM, "? # c\n: x\n")))
    add(Case("YAML comment right after a quote or bracket passes", append(SIM, "x: 'a'#c\ny: [b]#d\n")))
    add(Case("YAML tab leading a quoted continuation line passes", append(SIM, "x: \"a\n\t  b\"\n")))
    # PyYAML has no indentation rule inside quoted scalars and flow collections.
    add(Case("YAML flow sequence continued under its key passes", rt_replace(
        "  cors_allowed_origins:\n  - http://localhost:3000\n  - http://127.0.0.1:3000\n",
        "  cors_allowed_origins: [http://localhost:3000,\n  http://127.0.0.1:3000]\n")))
    add(Case("YAML quoted scalar continued at column 0 passes", append(SIM, "x:\n  y: 'a\nb'\n")))
    add(Case("U1 flow key with its ':' on the next line", append(SIM, "x: {a\n  : 1}\n")))
    # PyYAML ends an anchor name at ':' (an anchored empty key).
    add(Case("YAML anchor name running into ':'", rt_replace("  cors_allow_credentials: false", "  &cors_allow_credentials: false")))
    add(Case("YAML BOM at start passes", chain(lambda r: (r / SIM).write_bytes(b"\xef\xbb\xbf" + (r / SIM).read_bytes()))))
    add(Case("YAML document end marker passes", append(SIM, "...\n")))

    # --- Manifest schema (P) -----------------------------------------------------------
    add(Case("P contracts not allowed", append(MP, "contracts: {}\n")))
    add(Case("P machine_id Bad_ID", mp_replace("machine_id: sim-quickstart", "machine_id: Bad_ID")))
    add(Case("P machine_id trailing newline passes ($ quirk)", mp_replace("machine_id: sim-quickstart", 'machine_id: "sim-quickstart\\n"')))
    add(Case("P machine_id empty", mp_replace("machine_id: sim-quickstart", 'machine_id: ""')))
    add(Case("P machine_id int", mp_replace("machine_id: sim-quickstart", "machine_id: 5")))
    add(Case("P missing manual", mp_replace("  manual: runtime/anolis-runtime.yaml", "  other: runtime/anolis-runtime.yaml")))
    add(Case("P empty file", write(MP, "")))
    add(Case("P1 root is a list", write(MP, "- a\n")))
    add(Case("P1 root is false", write(MP, "false\n")))
    add(Case("P behaviors null", append(MP, "behaviors: null\n")))
    add(Case("P behaviors non-unique", append(MP, "behaviors: [a, a]\n")))
    add(Case("P behaviors item int", append(MP, "behaviors: [1]\n")))
    add(Case("P schema_version 2", mp_replace("schema_version: 1", "schema_version: 2")))
    add(Case("P schema_version 1.0 passes", mp_replace("schema_version: 1", "schema_version: 1.0")))
    add(Case("P schema_version true", mp_replace("schema_version: 1", "schema_version: true")))
    add(Case("P schema_version '1'", mp_replace("schema_version: 1", "schema_version: '1'")))
    add(Case("P display_name date", mp_replace("display_name: sim-quickstart", "display_name: 2026-04-03")))
    add(Case("P display_name datetime", mp_replace("display_name: sim-quickstart", "display_name: 2026-04-03 10:00:00+02:00")))
    add(Case("P extra keys sorted", append(MP, "zzz: 1\naaa: 2\n")))
    add(Case("P extra key + missing display_name (tie order)", chain(mp_replace("display_name: sim-quickstart\n", ""), append(MP, "contracts: {}\n"))))
    add(Case("P providers empty", mp_replace("providers:\n  sim0:\n    config: providers/sim0.yaml", "providers: {}")))
    add(Case("P provider id with space", mp_replace("  sim0:\n    config", '  "bad id":\n    config')))
    add(Case("P provider notes allowed", mp_replace("    config: providers/sim0.yaml", "    config: providers/sim0.yaml\n    notes: hi")))
    add(Case("P provider extra key", mp_replace("    config: providers/sim0.yaml", "    config: providers/sim0.yaml\n    extra: 1")))
    add(Case("P strategy bad", mp_replace("strategy: pinned-ref", "strategy: x")))
    add(Case("P strategy int", mp_replace("strategy: pinned-ref", "strategy: 5")))
    add(Case("P compatibility missing", mp_replace("compatibility:", "compatibilityx:")))
    add(Case("P components extra", mp_replace("components:\n", "components:\n  foo: 1\n")))
    add(Case("P components.optional bad name", mp_replace("components:\n", "components:\n  optional:\n    'a b': {package: x, version: '1'}\n")))
    add(Case("P safety estop bad", append(MP, "safety: {estop_topology: x}\n")))
    add(Case("P validation expected_providers empty", append(MP, "validation: {expected_providers: []}\n")))
    add(Case("P runtime_profiles extra key non-string", mp_replace("  manual: runtime/anolis-runtime.yaml", "  manual: runtime/anolis-runtime.yaml\n  custom: 5")))
    add(Case("P version yes is a bool", mp_replace("    version: 0.1.39", "    version: yes")))

    # --- Runtime schema (R5) -----------------------------------------------------------
    add(Case("R5 http.port 70000", rt_replace("port: 8080", "port: 70000")))
    add(Case("R5 http.port 0", rt_replace("port: 8080", "port: 0")))
    add(Case("R5 http.port string", rt_replace("port: 8080", "port: x")))
    add(Case("R5 http.port hex", rt_replace("port: 8080", "port: 0x1F90")))
    add(Case("R5 http.port 8080.0 passes", rt_replace("port: 8080", "port: 8080.0")))
    add(Case("R5 http.port .inf", rt_replace("port: 8080", "port: .inf")))
    add(Case("R5 http.port big int", rt_replace("port: 8080", "port: 0x10000000000000000000")))
    add(Case("R5 http.port sexagesimal", rt_replace("port: 8080", "port: 134:40")))
    add(Case("R5 http.enabled yes passes", rt_replace("enabled: true\n  bind", "enabled: yes\n  bind")))
    add(Case("R5 http.enabled 'true' string", rt_replace("enabled: true\n  bind", "enabled: 'true'\n  bind")))
    add(Case("R5 http disabled port 70000 passes", chain(rt_replace("enabled: true\n  bind", "enabled: false\n  bind"), rt_replace("port: 8080", "port: 70000"))))
    add(Case("R5 runtime.mode AUTO", rt_replace("  name: anolis-main", "  name: anolis-main\n  mode: AUTO")))
    add(Case("R5 runtime.mode null", rt_replace("  name: anolis-main", "  name: anolis-main\n  mode:")))
    add(Case("R5 runtime not object", rt_replace("runtime:\n  name: anolis-main\n  shutdown_timeout_ms: 2000\n  startup_timeout_ms: 30000\n", "runtime: 5\n")))
    add(Case("R5 shutdown_timeout 100", rt_replace("shutdown_timeout_ms: 2000", "shutdown_timeout_ms: 100")))
    add(Case("R5 providers []", write(RT, "providers: []\n")))
    add(Case("R5 provider without command", rt_replace("  command: ../anolis-provider-sim/build/dev-release/anolis-provider-sim\n", "")))
    add(Case("R5 provider not object", rt_replace("providers:\n- id: sim0", "providers:\n- x\n- id: sim0")))
    add(Case("R5 provider empty object", rt_replace("- id: sim0\n  command: ../anolis-provider-sim/build/dev-release/anolis-provider-sim\n", "- foo: 1\n")))
    add(Case("R5 args item int", args("--config", "providers/sim0.yaml", "5")))
    add(Case("R5 automation enabled alone", rt_replace(AUTO, "automation:\n  enabled: true")))
    add(Case("R5 automation tick 0", rt_replace(AUTO, "automation:\n  enabled: true\n  behavior_tree: runtime/behaviors/x.xml\n  tick_rate_hz: 0")))
    add(Case("R5 automation list", rt_replace(AUTO, "automation: [1]")))
    add(Case("R5 cors credentials with '*'", chain(rt_replace("cors_allow_credentials: false", "cors_allow_credentials: true"), rt_replace(HTTP_CORS, "  cors_allowed_origins: '*'\n"))))
    add(Case("R5 cors credentials with ['*']", chain(rt_replace("cors_allow_credentials: false", "cors_allow_credentials: true"), rt_replace("- http://localhost:3000", "- '*'"))))
    add(Case("R5 cors '*' without credentials passes", rt_replace(HTTP_CORS, "  cors_allowed_origins: '*'\n")))
    add(Case("R5 cors empty list", rt_replace(HTTP_CORS, "  cors_allowed_origins: []\n")))
    add(Case("R5 cors int", rt_replace(HTTP_CORS, "  cors_allowed_origins: 5\n")))
    add(Case("R5 restart policy without max_attempts", rt_replace("restart_policy:\n    enabled: false", "restart_policy:\n    enabled: true")))
    add(Case("R5 restart policy negative backoff", rt_replace("restart_policy:\n    enabled: false", "restart_policy:\n    enabled: true\n    max_attempts: 1\n    backoff_ms: [-1]\n    timeout_ms: 1000")))
    add(Case("R5 restart policy ok", rt_replace("restart_policy:\n    enabled: false", "restart_policy:\n    enabled: true\n    max_attempts: 3\n    backoff_ms: [100, 200]\n    timeout_ms: 5000")))
    for shape in ["{name: p, type: double, default: 1.5, min: 0, max: 2}", "{name: p, type: int64, default: 1, allowed_values: [1]}",
                  "{name: p, type: int64, default: 1.0}", "{name: p, type: bool, default: true, min: 0}", "{name: p, type: string, default: a, allowed_values: [a, b]}",
                  "{name: p, type: foo, default: 1}", "{}", "{name: '', type: bool, default: false}"]:
        add(Case(f"R5 parameter {shape}", rt_replace(AUTO, AUTO + f"\n  parameters:\n  - {shape}")))
    add(Case("R5 hook with empty calls", hooks("calls: []")))
    add(Case("R5 call without function", hooks("calls: [{device_handle: a/b}]")))
    add(Case("R5 call {} (required before anyOf)", hooks("calls: [{}]")))
    add(Case("R5 call args list value", hooks("calls: [{device_handle: a/b, function_id: 1, args: {x: [1]}}]")))
    add(Case("R5 hook from bad", hooks("{calls: [{device_handle: a/b, function_name: f}], from: x}")))
    add(Case("R5 logging level bad", rt_replace("level: info", "level: x")))
    add(Case("R5 logging level null", rt_replace("level: info", "level:")))
    add(Case("R5 polling 5.5", rt_replace("interval_ms: 500", "interval_ms: 5.5")))
    add(Case("R5 telemetry batch_size 1.0 passes", rt_replace("telemetry:\n  enabled: false", "telemetry:\n  enabled: false\n  influxdb: {batch_size: 1.0}")))
    add(Case("R5 empty runtime", write(RT, "")))
    add(Case("R4 runtime root list", write(RT, "- a\n")))
    # 0.22.0 additions.
    add(Case("R5 health and safety valid", append(RT, "health:\n  staleness: {warn_after_ms: 0, stale_after_ms: 10}\n  excluded_signals:\n  - {device_handle: sim0/dev, signals: [temp]}\nsafety:\n  on_startup: leave\n  safe_state: {zero_is_safe: true, setpoints: [{device_handle: a/b, function_id: 1}]}\n  stop_chain:\n    status: {signal: a/b/c, active: true}\n    devices: [a/b, {handle: c/d, expect: power_loss}]\n")))
    add(Case("R5 health warn_after_ms -1", append(RT, "health:\n  staleness: {warn_after_ms: -1}\n")))
    add(Case("R5 excluded device_handle sim0", append(RT, "health:\n  excluded_signals: [{device_handle: sim0, signals: [a]}]\n")))
    add(Case("R5 excluded signals []", append(RT, "health:\n  excluded_signals: [{device_handle: a/b, signals: []}]\n")))
    add(Case("R5 excluded signals ['']", append(RT, "health:\n  excluded_signals: [{device_handle: a/b, signals: ['']}]\n")))
    add(Case("R5 health []", append(RT, "health: []\n")))
    add(Case("R5 safety.on_startup reset", append(RT, "safety: {on_startup: reset}\n")))
    add(Case("R5 stop_chain extra", append(RT, "safety:\n  stop_chain: {foo: 1}\n")))
    add(Case("R5 stop_chain.status without signal", append(RT, "safety:\n  stop_chain:\n    status: {active: true}\n")))
    add(Case("R5 setpoint without function", append(RT, "safety:\n  safe_state:\n    setpoints: [{device_handle: a/b}]\n")))
    add(Case("R5 telemetry.health_interval_ms -1", rt_replace("telemetry:\n  enabled: false", "telemetry:\n  enabled: false\n  health_interval_ms: -1")))
    add(Case("R5 stop_chain device bad", append(RT, "safety:\n  stop_chain:\n    devices: [a]\n")))
    add(Case("R5 two errors: smaller path first (P3)", chain(rt_replace("port: 8080", "port: 70000"), rt_replace("level: info", "level: x"))))

    # --- References (R) ----------------------------------------------------------------
    add(Case("R11 --config ../../outside.yaml", args("--config", "../../outside.yaml")))
    add(Case("R11 --config /etc/passwd", args("--config", "/etc/passwd")))
    add(Case("R11 --config C:\\x", args("--config", "'C:\\x'")))
    add(Case("R11 --config C:/x", args("--config", "C:/x")))
    add(Case("R10 no --config", args("--foo", "providers/sim0.yaml")))
    add(Case("R10 trailing --config", args("providers/sim0.yaml", "--config")))
    add(Case("R10 --config=path", args("--config=providers/sim0.yaml")))
    add(Case("R10 empty args", args()))
    add(Case("R10 --config in the middle", args("--verbose", "--config", "providers/sim0.yaml", "--x")))
    add(Case("R10 first --config wins", args("--config", "providers/sim0.yaml", "--config", "machine-profile.yaml")))
    add(Case("R12 --config machine-profile.yaml", args("--config", "machine-profile.yaml")))
    add(Case("R12 runtime/../providers/sim0.yaml passes", args("--config", "runtime/../providers/sim0.yaml")))
    add(Case("R12 ./providers//sim0.yaml passes", args("--config", "./providers//sim0.yaml")))
    add(Case("R11 providers\\sim0.yaml not found", args("--config", "'providers\\sim0.yaml'")))
    add(Case("R11 --config blank", args("--config", "'  '")))
    add(Case("R11 --config missing file", args("--config", "providers/nope.yaml")))
    add(Case("R11 --config is a directory", args("--config", "providers")))
    add(Case("R9 args missing", rt_replace(ARGS, "")))
    add(Case("R6 whitespace-only id", rt_replace("- id: sim0", "- id: '  '")))
    add(Case("R7 duplicate runtime ids pass", rt_replace("polling:", "- id: sim0\n  command: x\n  args: [--config, providers/sim0.yaml]\npolling:")))
    add(Case("R8 manifest sim1 not in runtime", chain(mp_replace("providers:\n  sim0:\n    config: providers/sim0.yaml", "providers:\n  sim0:\n    config: providers/sim0.yaml\n  sim1:\n    config: providers/sim0.yaml"))))
    add(Case("R7 runtime id missing from manifest", rt_replace("- id: sim0", "- id: sim9")))
    add(Case("R7 int manifest key", mp_replace("  sim0:\n    config", "  12:\n    config")))
    add(Case("R15 manifest config any package file", mp_replace("config: providers/sim0.yaml", "config: machine-profile.yaml")))
    add(Case("R15 manifest config escapes", mp_replace("config: providers/sim0.yaml", "config: ../x.yaml")))
    add(Case("R15 manifest config missing", mp_replace("config: providers/sim0.yaml", "config: providers/none.yaml")))
    add(Case("R13 behavior under runtime/behaviors passes", chain(write("runtime/behaviors/t.xml", "<root />\n"), rt_replace(AUTO, "automation:\n  enabled: true\n  behavior_tree: runtime/behaviors/t.xml"))))
    add(Case("R14 behavior elsewhere", chain(write("behaviors/t.xml", "<root />\n"), rt_replace(AUTO, "automation:\n  enabled: true\n  behavior_tree: behaviors/t.xml"))))
    add(Case("R13 disabled with bad path still fails", rt_replace(AUTO, "automation:\n  enabled: false\n  behavior_tree: runtime/behaviors/missing.xml")))
    add(Case("R13 empty behavior_tree falls back to behavior_tree_path", rt_replace(AUTO, "automation:\n  enabled: false\n  behavior_tree: ''\n  behavior_tree_path: providers/sim0.yaml")))
    add(Case("R13 blank behavior_tree skips", rt_replace(AUTO, "automation:\n  enabled: false\n  behavior_tree: '  '\n  behavior_tree_path: providers/sim0.yaml")))
    add(Case("R17 behaviors[0] missing", append(MP, "behaviors: [runtime/behaviors/none.xml]\n")))
    add(Case("R18 behaviors[0] outside runtime/behaviors", append(MP, "behaviors: [./providers//sim0.yaml]\n")))
    add(Case("R17 behaviors ok", chain(write("runtime/behaviors/t.xml", "<root />\n"), append(MP, "behaviors: [runtime/behaviors/t.xml]\n"))))
    add(Case("R20 check_http_script absolute", append(MP, "validation: {check_http_script: /x}\n")))
    add(Case("R20 check_http_script escaping", append(MP, "validation: {check_http_script: ../x}\n")))
    add(Case("R20 check_http_script directory", append(MP, "validation: {check_http_script: providers}\n")))
    add(Case("R20 check_http_script missing passes", append(MP, "validation: {check_http_script: x/y.sh}\n")))
    add(Case("R20 check_http_script blank passes", append(MP, "validation: {check_http_script: '  '}\n")))
    add(Case("R3 extra profile escaping", mp_replace("  manual: runtime/anolis-runtime.yaml", "  manual: runtime/anolis-runtime.yaml\n  telemetry: ../t.yaml")))
    add(Case("R3 extra profile missing", mp_replace("  manual: runtime/anolis-runtime.yaml", "  manual: runtime/anolis-runtime.yaml\n  telemetry: runtime/t.yaml")))
    add(Case("R3 second profile is a copy", chain(lambda r: (r / "runtime/t.yaml").write_bytes((r / RT).read_bytes()), mp_replace("  manual: runtime/anolis-runtime.yaml", "  manual: runtime/anolis-runtime.yaml\n  telemetry: runtime/t.yaml"))))
    add(Case("R3 second profile bad schema (label)", chain(lambda r: (r / "runtime/t.yaml").write_bytes((r / RT).read_bytes().replace(b"port: 8080", b"port: 0")), mp_replace("  manual: runtime/anolis-runtime.yaml", "  manual: runtime/anolis-runtime.yaml\n  telemetry: ./runtime//t.yaml"))))
    add(Case("R5 label uses normalised path", chain(mp_replace("manual: runtime/anolis-runtime.yaml", "manual: ./runtime//anolis-runtime.yaml"), rt_replace("port: 8080", "port: 0"))))
    add(Case("R4 profile pointing at a non-YAML mapping", chain(write("runtime/x.txt", "- 1\n"), mp_replace("  manual: runtime/anolis-runtime.yaml", "  manual: runtime/anolis-runtime.yaml\n  full: runtime/x.txt"))))

    # --- Directory-only: symlinks --------------------------------------------------------
    add(Case("X3 symlinked provider config pointing outside", chain(outside_file("outside-sim0.yaml", "provider: {name: sim0}\n"), remove(SIM), symlink(SIM, "../../outside-sim0.yaml")), modes=("dir",)))
    add(Case("X3 symlink inside the package passes", chain(lambda r: (r / "providers/real.yaml").write_bytes((r / SIM).read_bytes()), remove(SIM), symlink(SIM, "real.yaml")), modes=("dir",)))
    add(Case("X3 symlinked directory inside", chain(symlink("runtime/p", "../providers"), args("--config", "runtime/p/sim0.yaml")), modes=("dir",)))

    # --- Other fixture packages -----------------------------------------------------------
    add(Case("imported-profile: behaviors rewritten", append(MP, "behaviors: [runtime/behaviors/none.xml]\n"), base="imported-profile"))
    add(Case("imported-profile: ezo args without --config", replace(RT, "- --config\n  - providers/ezo0.yaml", "- providers/ezo0.yaml"), base="imported-profile"))
    add(Case("export-behavior: behavior file removed", remove("runtime/behaviors/local.xml"), base="export-behavior"))
    add(Case("export-behavior: token reintroduced", replace(RT, "    bucket: anolis\n", "    bucket: anolis\n    token: super-secret\n"), base="export-behavior"))

    # --- Replay (RP) ---------------------------------------------------------------------
    add(Case("RP4 stderr detail", lambda r: None, runtime_bin="stderr-exit1"))
    add(Case("RP4 stdout-only detail", lambda r: None, runtime_bin="stdout-exit4"))
    add(Case("RP4 silent exit 5", lambda r: None, runtime_bin="silent-exit5"))
    # Upstream passes its whole environment; trustloop only an allowlist plus --replay-env
    # names (docs/conformance/anpkg-validate.md), never the two secrets.
    add(Case("RP3 environment scrubbed", lambda r: None, runtime_bin="env-check",
             env={"ANOLIS_WORKBENCH_RUNTIME_TOKEN": "t", "CREDENTIALS_DIRECTORY": "/c", "TRUSTLOOP_DIFF_MARKER": "kept"},
             trustloop_args=("--replay-env", "TRUSTLOOP_DIFF_MARKER", "--replay-env", "ANOLIS_WORKBENCH_RUNTIME_TOKEN")))
    add(Case("RP3 environment from an allowlist (trustloop)", lambda r: None, runtime_bin="env-check",
             env={"TRUSTLOOP_DIFF_MARKER": "kept"}, divergence="ANPKG_REPLAY_FAILED"))
    add(Case("RP3 cwd and argument", lambda r: None, runtime_bin="cwd-check"))
    add(Case("RP passes", lambda r: None, runtime_bin="ok"))
    add(Case("RP2 missing binary", lambda r: None, runtime_bin="missing"))
    add(Case("RP5 non-executable binary (U1)", lambda r: None, runtime_bin="not-executable"))
    add(Case("RP no replay when static fails", rt_replace("port: 8080", "port: 0"), runtime_bin="stderr-exit1"))
    return c
