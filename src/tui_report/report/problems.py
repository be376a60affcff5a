"""Problems found in a report, as data: a rule id, a severity, a place, a message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .model import CellRef


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True)
class Location:
    """Where a problem is: in the report's terms and, when known, in the file.

    ``key`` is the TOML key (``applications.new_received``); ``line`` is 1-based.
    """

    section: str | None = None  # official heading, e.g. 三、收到和处理政府信息公开申请情况
    table: str | None = None
    row: str | None = None
    column: str | None = None
    key: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Problem:
    """One finding. ``cells`` are the cells involved, for highlighting in the editor;
    ``traceback``: a rule that failed keeps where and why (for ``check --json`` and
    ``TUI_REPORT_DEBUG=1``, never in the message a clerk reads)."""

    rule: str
    severity: Severity
    message: str
    location: Location = Location()
    cells: tuple[CellRef, ...] = ()
    traceback: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at_line(self, line: int | None) -> Problem:
        return replace(self, location=replace(self.location, line=line))

    def as_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "section": loc.section,
            "table": loc.table,
            "row": loc.row,
            "column": loc.column,
            "key": loc.key,
            "line": loc.line,
            "cells": [list(c) for c in self.cells],
            "traceback": self.traceback,
        }


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors
