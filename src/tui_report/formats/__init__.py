"""The official report formats, by version key (the ``format`` key of a report file)."""

from __future__ import annotations

from .spec import (
    AMOUNT,
    COUNT,
    KNOWN_FORMATS,
    SIGNED_COUNT,
    CellKind,
    Column,
    ReportFormat,
    Row,
    Section,
    Table,
)
from .spec import known_format as by_version
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

KNOWN_FORMATS.update({f.version: f for f in (FORMAT_2021, FORMAT_2019)})
FORMATS: dict[str, ReportFormat] = KNOWN_FORMATS  # by version key, the newest first
DEFAULT_FORMAT = FORMAT_2021


def format_for_year(year: int) -> ReportFormat:
    """The format in force for the reports of ``year``."""
    return FORMAT_2019 if year in (2019, 2020) else FORMAT_2021


__all__ = [
    "AMOUNT",
    "COUNT",
    "DEFAULT_FORMAT",
    "FORMATS",
    "FORMAT_2019",
    "FORMAT_2021",
    "SIGNED_COUNT",
    "CellKind",
    "Column",
    "ReportFormat",
    "Row",
    "Section",
    "Table",
    "by_version",
    "format_for_year",
]
