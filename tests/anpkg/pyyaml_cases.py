"""Writes a cases.json: YAML documents, each with what PyYAML's `yaml.safe_load` gives
(`repr` of the value, or null where it raises an error), or another of its loaders. Shared by the generators in
yaml_linebreaks/ and yaml_pyyaml_rules/; the core's tests read the files
(core/src/emulate/python/yaml/pyyaml_cases.rs)."""
import json

import yaml


def answer(text, loader=yaml.SafeLoader):
    try:
        return repr(yaml.load(text, Loader=loader))
    except yaml.YAMLError:
        return None


def write(docs, path, loader=yaml.SafeLoader):
    """The distinct documents of `docs`, in order, with their answers (`loader`'s:
    `yaml.safe_load`'s by default), to `path`."""
    cases = [{"yaml": d, "expected": answer(d, loader)} for d in dict.fromkeys(docs)]
    path.write_text(json.dumps({"pyyaml": yaml.__version__, "cases": cases}, indent=1) + "\n")
    errors = sum(1 for c in cases if c["expected"] is None)
    print(f"{len(cases)} cases ({errors} {loader.__name__} errors) -> {path}")
