"""The official report formats, by version key (the ``format`` key of a report file)."""

from __future__ import annotations

from .spec import AMOUNT, COUNT, SIGNED_COUNT, CellKind, Column, ReportFormat, Row, Section, Table
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

FORMATS: dict[str, ReportFormat] = {f.version: f for f in (FORMAT_2021, FORMAT_2019)}
DEFAULT_FORMAT = FORMAT_2021


def by_version(version: str) -> ReportFormat:
    return FORMATS[version]


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
    "format_for_year",
]
