"""Replays the JSON Schema cross-check corpus through Python jsonschema (the reference).

The documents come from `tests/tests/anpkg_schemas.rs` run with
`TRUSTLOOP_ANPKG_XCHECK_DUMP=<dir>`: `corpus.jsonl` (kind, label, document,
trustloop's first schema error) and `micro.jsonl` (one-keyword schema, value,
trustloop's first error). For every document this script computes the first error
the way anolis-workbench 0.22.0's validator does (`Draft7Validator`, errors sorted by
`list(e.path)`, `$.a.b: message`): micro documents under their own schema, corpus
documents under

* trustloop's schemas (`core/src/anpkg/schemas/`): isolates the evaluator, so verdicts
  and messages must equal trustloop's exactly;
* the schemas shipped in the installed `anolis_workbench` package (loaded at run time,
  never copied): checks that trustloop's schemas decide like upstream's.

Usage: <venv>/bin/python tests/anpkg/schema_xcheck/reference.py <dir>
Exit status 1 on any difference; prints counts and a closing `N passed, N failed`.
"""

import json
import pathlib
import sys
from importlib import resources

import jsonschema

REPO = pathlib.Path(__file__).resolve().parents[3]
KINDS = ("machine-profile", "runtime-config")


def first_error(validator, doc):
    errors = list(validator.iter_errors(doc))
    if not errors:
        return None
    try:
        errors.sort(key=lambda e: list(e.path))
    except TypeError:  # mixed int/str path parts; upstream would crash too
        return "<unsortable>"
    e = errors[0]
    path = "$." + ".".join(str(p) for p in e.path) if e.path else "$"
    return f"{path}: {e.message}"


def validators(load):
    return {k: jsonschema.Draft7Validator(json.loads(load(k))) for k in KINDS}


def main(dump_dir):
    dump_dir = pathlib.Path(dump_dir)
    ours = validators(lambda k: (REPO / "core/src/anpkg/schemas" / f"{k}.schema.json").read_text("utf-8"))
    upstream_dir = resources.files("anolis_workbench").joinpath("schemas")
    upstream = validators(lambda k: upstream_dir.joinpath(f"{k}.schema.json").read_text("utf-8"))

    counts = dict(documents=0, verdict_same_schema=0, message_same_schema=0, verdict_upstream_schema=0, message_upstream_schema=0)
    failures, upstream_diffs = [], []
    for line in (dump_dir / "corpus.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        kind, doc, tl = rec["kind"], rec["doc"], rec["trustloop"]
        counts["documents"] += 1
        py = first_error(ours[kind], doc)
        if (py is None) == (tl is None):
            counts["verdict_same_schema"] += 1
        else:
            failures.append(("verdict", rec, py))
        if py == tl:
            counts["message_same_schema"] += 1
        elif (py is None) == (tl is None):
            failures.append(("message", rec, py))
        up = first_error(upstream[kind], doc)
        if (up is None) == (tl is None):
            counts["verdict_upstream_schema"] += 1
        else:
            upstream_diffs.append(("verdict", rec, up))
        if up == tl:
            counts["message_upstream_schema"] += 1
        elif (up is None) == (tl is None):
            upstream_diffs.append(("message", rec, up))

    micro = dict(micro_documents=0, micro_verdict=0, micro_message=0)
    for line in (dump_dir / "micro.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        rec.setdefault("kind", "micro")
        rec.setdefault("label", json.dumps(rec["schema"]))
        micro["micro_documents"] += 1
        py = first_error(jsonschema.Draft7Validator(rec["schema"]), rec["doc"])
        tl = rec["trustloop"]
        if (py is None) == (tl is None):
            micro["micro_verdict"] += 1
        else:
            failures.append(("verdict", rec, py))
        if py == tl:
            micro["micro_message"] += 1
        elif (py is None) == (tl is None):
            failures.append(("message", rec, py))
    counts.update(micro)
    total = counts["documents"] + counts["micro_documents"]

    for what, rec, other in (failures + upstream_diffs)[:40]:
        print(f"DIFF ({what}) {rec['kind']} {rec['label']}\n  doc: {json.dumps(rec['doc'])}\n"
              f"  trustloop: {rec['trustloop']}\n  python:    {other}")
    for k, v in counts.items():
        print(f"{k}: {v}")
    failed = len(failures) + len(upstream_diffs)
    print(f"{total - min(failed, total)} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
