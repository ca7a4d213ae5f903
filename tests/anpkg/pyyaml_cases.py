"""Writes a cases.json: YAML documents, each with what PyYAML's `yaml.safe_load` gives
(`repr` of the value, or null where it raises an error). Shared by the generators in
yaml_linebreaks/ and yaml_pyyaml_rules/; the core's tests read the files
(core/src/emulate/python/yaml/pyyaml_cases.rs)."""
import json

import yaml


def answer(text):
    try:
        return repr(yaml.safe_load(text))
    except yaml.YAMLError:
        return None


def write(docs, path):
    """The distinct documents of `docs`, in order, with their answers, to `path`."""
    cases = [{"yaml": d, "expected": answer(d)} for d in dict.fromkeys(docs)]
    path.write_text(json.dumps({"pyyaml": yaml.__version__, "cases": cases}, indent=1) + "\n")
    errors = sum(1 for c in cases if c["expected"] is None)
    print(f"{len(cases)} cases ({errors} PyYAML errors) -> {path}")
