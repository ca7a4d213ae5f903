"""Anolis ``.anpkg`` handoff packages (spec ``anpkg.md``): validate a package like
``anolis-validate`` and export a project like ``anolis-package``, byte-identical.

Results are the objects ``trustloop anpkg validate --json`` and ``trustloop anpkg
export --json`` print. Directory walking, the atomic write and the runtime replay run
in the native layer with the CLI's rules (limits, symlink handling, environment
scrubbing, timeout).
"""
from __future__ import annotations

import os as _os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _derive, _native
from .results import AnpkgExportReport, AnpkgValidateResult
from ._bytes import BytesLike, as_bytes, as_bytes_list, as_str

__all__ = ["validate", "validate_many", "export", "export_report", "export_files"]

PathLike = Union[str, "_os.PathLike[str]"]

_LIMITS = ("max_entries", "max_entry_size", "max_total_size", "max_ratio", "ratio_min_size")


def _path(value: object, name: str) -> str:
    if isinstance(value, (str, _os.PathLike)):
        return _os.fsdecode(_os.fspath(value))
    raise TypeError(f"{name} must be str or os.PathLike, not {type(value).__name__}")


def _names(values: object) -> list:
    """A sequence of environment variable names (``validate``'s ``all`` shadows the builtin there)."""
    if isinstance(values, (str, bytes)):
        raise TypeError("replay_env must be a sequence of variable names, not a string")
    try:
        names = list(values)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError("replay_env must be a sequence of variable names") from None
    if not all(isinstance(n, str) for n in names):
        raise TypeError("replay_env must be a sequence of variable names")
    return names


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError(f"{name} must be a non-negative int")
    return value


def validate(
    data_or_path: Union[bytes, bytearray, memoryview, PathLike],
    *,
    runtime_bin: Optional[PathLike] = None,
    timeout: float = 30.0,
    replay_env: Sequence[str] = (),
    all: bool = False,
    name: Optional[str] = None,
    max_entries: Optional[int] = None,
    max_entry_size: Optional[int] = None,
    max_total_size: Optional[int] = None,
    max_ratio: Optional[int] = None,
    ratio_min_size: Optional[int] = None,
) -> AnpkgValidateResult:
    """Validates a package: ``bytes`` are a zip archive; a ``str``/``os.PathLike`` is a
    ``.anpkg``/zip file or an extracted package directory.

    Returns ``{valid, path, message, code, findings, replay: {status, config}}`` (never
    raises for a bad package; ``valid`` says it). ``runtime_bin`` replays
    ``<bin> --check-config <config>`` from the package root (an archive is extracted to
    a temporary directory first) when static validation passed, in a process group of
    its own killed after ``timeout`` seconds, with only ``PATH``, ``HOME``, ``USER``,
    ``LOGNAME``, ``SHELL``, ``LANG``, ``LANGUAGE``, ``LC_*``, ``TZ``, ``TMPDIR``, ``TERM``
    and the names in ``replay_env`` in its environment (never
    ``ANOLIS_WORKBENCH_RUNTIME_TOKEN``/``CREDENTIALS_DIRECTORY``). ``all`` reports every finding instead of the first.
    ``name`` is the path shown for ``bytes`` (default ``package.anpkg``; its suffix
    matters as upstream's does). The ``max_*``/``ratio_min_size`` limits bound the archive
    (``max_total_size`` also bounds what a directory walk reads).
    """
    options: Dict[str, Any] = {}
    if not isinstance(all, bool):
        raise TypeError("all must be bool")
    if all:
        options["all"] = True
    if runtime_bin is not None:
        options["runtime_bin"] = _path(runtime_bin, "runtime_bin")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise TypeError("timeout must be a positive number of seconds")
    options["timeout_seconds"] = float(timeout)
    names = _names(replay_env)
    if names:
        options["replay_env"] = names
    for key, value in zip(_LIMITS, (max_entries, max_entry_size, max_total_size, max_ratio, ratio_min_size)):
        if value is not None:
            options[key] = _count(value, key)
    if isinstance(data_or_path, (str, _os.PathLike)):
        if name is not None:
            raise TypeError("name applies to bytes input only (a path is shown as itself)")
        text = _native.call("anpkg_validate", None, _path(data_or_path, "data_or_path"), options)
    else:
        if name is not None:
            options["path"] = as_str(name, "name")
        text = _native.call("anpkg_validate", as_bytes(data_or_path, "data_or_path"), None, options)
    return text


def validate_many(packages: Sequence[BytesLike], **options: Any) -> List[Dict[str, Any]]:
    """``validate`` of every archive (bytes) with the same options (``all``, the
    ``max_*``/``ratio_min_size`` limits by their core names), spread over every core with
    the GIL released: ``[{"result": AnpkgValidateResult} | {"error": …}]`` in input
    order. Bounded by the ``batch_items``/``batch_bytes`` limits (``BATCH_TOO_LARGE``)."""
    return _native.call("anpkg_validate_many", as_bytes_list(packages, "packages"), options)  # type: ignore[no-any-return]


def _export(
    op: str,
    project_dir: PathLike,
    output: Optional[PathLike],
    data_root: Optional[PathLike],
    max_file_size: Optional[int],
    max_total_size: Optional[int],
):
    options: Dict[str, Any] = {}
    if data_root is not None:
        options["data_root"] = _path(data_root, "data_root")
    if max_file_size is not None:
        options["max_file_size"] = _count(max_file_size, "max_file_size")
    if max_total_size is not None:
        options["max_total_size"] = _count(max_total_size, "max_total_size")
    out = None if output is None else _path(output, "output")
    return _native.call(op, _path(project_dir, "project_dir"), out, options)


def export(
    project_dir: PathLike,
    output: Optional[PathLike] = None,
    *,
    data_root: Optional[PathLike] = None,
    max_file_size: Optional[int] = None,
    max_total_size: Optional[int] = None,
) -> bytes:
    """Exports the canonical project folder ``project_dir`` (the one holding
    ``machine-profile.yaml``) to ``.anpkg`` bytes, identical to ``anolis-package``'s.

    With ``output`` the archive is also written atomically (``<output>.tmp``, then a
    rename; parent directories created). ``data_root`` is searched for the behavior tree
    after the project (default: the parent of the project's parent). Files are read
    only inside the project (behavior trees: or the data root), at most
    ``max_file_size`` bytes each (16 MiB) and ``max_total_size`` in all (64 MiB).
    Raises :class:`trustloop.TrustloopError` with upstream's ``ExportError`` message.
    """
    return _export("anpkg_export", project_dir, output, data_root, max_file_size, max_total_size)


def export_report(
    project_dir: PathLike,
    output: Optional[PathLike] = None,
    *,
    data_root: Optional[PathLike] = None,
    max_file_size: Optional[int] = None,
    max_total_size: Optional[int] = None,
) -> AnpkgExportReport:
    """Like :func:`export`, returning the report ``trustloop anpkg export --json`` prints:
    ``{sha256, size, entries, exported_at, omitted_variants, token_removed,
    source_project, warnings}`` plus ``path`` when ``output`` was written."""
    return _export("anpkg_export_report", project_dir, output, data_root, max_file_size, max_total_size)


def export_files(
    files: Mapping[str, Union[bytes, bytearray, memoryview]],
    *,
    project_name: str = "project",
    project_dir: str = "",
    data_root_files: Optional[Mapping[str, Union[bytes, bytearray, memoryview]]] = None,
) -> Tuple[bytes, AnpkgExportReport]:
    """Exports a project held in memory (project-relative POSIX path → bytes):
    ``(package, report)``, the same bytes :func:`export` writes for the same files.
    ``project_name`` is recorded as ``source_project``; ``project_dir`` is how messages
    show the project; ``data_root_files`` are searched for the behavior tree after the
    project (keyed relative to the data root). Nothing touches the disk."""
    project = {as_str(k, "project path"): as_bytes(v, "file content") for k, v in files.items()}
    data_root = {as_str(k, "data root path"): as_bytes(v, "file content") for k, v in (data_root_files or {}).items()}
    options = {"project_name": as_str(project_name, "project_name"), "project_dir": as_str(project_dir, "project_dir")}
    package, report = _native.call("anpkg_export_files", project, data_root, options)
    return package, report


# The operations of the table without a hand-written function above.
_derive.fill(globals(), "anpkg")
