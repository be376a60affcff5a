"""What an import says: warnings (the import succeeds) and the failure that stops it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportWarning:
    message: str
    line: int | None = None


class ImportFailure(Exception):
    """The input cannot be imported; ``message`` names the official label and ``line``
    the input line where it was looked for. Nothing is written."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.kind = "文本"  # what the input was: its lines are text lines unless extracted
