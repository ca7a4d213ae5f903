"""The one exception type every trustloop failure raises."""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple


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

    def __reduce__(
        self,
    ) -> Tuple[Callable[..., "TrustloopError"], Tuple[str, str, List[Dict[str, Any]], Optional[int]], Dict[str, Any]]:
        # Exception's own reduce would rebuild from ``args`` (the message alone) and lose
        # ``code``, ``findings`` and ``exit_code``; a ProcessPoolExecutor worker raising
        # this error would then break the pool. The instance dict carries any other attribute.
        return (type(self), (self.code, self.message, self.findings, self.exit_code), dict(self.__dict__))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"TrustloopError(code={self.code!r}, message={self.message!r})"

