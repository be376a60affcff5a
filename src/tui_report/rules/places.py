"""Locations of cells and texts in the report's own terms, for problems."""

from __future__ import annotations

from ..formats import ReportFormat
from ..report.domain import TEXT_KEY
from ..report.model import CellRef
from ..report.problems import Location


def cell_location(fmt: ReportFormat, ref: CellRef) -> Location:
    table = fmt.table(ref.table)
    return Location(
        section=fmt.section_of_table[ref.table].heading,
        table=table.title,
        row=table.row(ref.row).qualified_label,
        column=table.column(ref.column).label,
        key=f"{ref.table}.{ref.row}",
    )


def text_location(fmt: ReportFormat, key: str) -> Location:
    section = fmt.section_of_text.get(key)
    return Location(section=section.heading if section else None, key=f"{key}.{TEXT_KEY}")
