from typing import Any, Dict, List

# The one native entry and what it is derived from. `call(op, *args)` runs the operation
# of the core's table named `op` (its flat name: `verify_bundle`, `anpkg_validate`,
# `assets_pa_write`), converting each argument by the table's parameter kind
# (`operations()[i]["params"]`): bytes → `bytes`, text → `str`, int → `int`, bool →
# `bool`, json/options → JSON-shaped objects, files → `Dict[str, bytes]`; `None` omits an
# optional argument. Results are Python objects built natively: the objects `json.loads`
# of the CLI's `--json` output gives, or `bytes`, `str`, `int`, `[(name, bytes)]`, or a
# tuple of those. The public modules (`trustloop.anip`, …) are the typed API.

__version__: str
REGISTRY_MAX_BODY_BYTES: int
REGISTRY_TIMEOUT_SECONDS: int

def call(op: str, *args: Any) -> Any: ...
def operations() -> List[Dict[str, Any]]: ...
def codes() -> List[Dict[str, str]]: ...
def _panic_for_test() -> None: ...
