"""The one exception type every trustloop failure raises."""
from __future__ import annotations

from typing import Any, Dict, List, Optional


class TrustloopError(Exception):
    """A core error: the operation could not produce a result.

    ``code`` is a stable SCREAMING_SNAKE finding code (see ``docs/codes.md``),
    ``message`` the human text (upstream's wording where upstream has one) and
    ``findings`` the structured findings, each ``{code, severity, message, location}``.
    ``exit_code`` is the exit code the ``trustloop`` CLI gives for the same failure of
    the same operation (``None`` where the operation has no CLI command).
    """

    code: str
    message: str
    findings: List[Dict[str, Any]]
    exit_code: Optional[int]

    def __init__(
        self, code: str, message: str, findings: List[Dict[str, Any]] | None = None, exit_code: Optional[int] = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.findings = list(findings or [])
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"TrustloopError(code={self.code!r}, message={self.message!r})"

