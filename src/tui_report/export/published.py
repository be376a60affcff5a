"""The report as it is published: title, intro, the six parts with their prose and
their tables in the official template's layout, each number as it will be printed.

The writers for publication (plain text, HTML, Word) all read this one outline,
so that they agree on what a published report holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats.spec import CellRef, Section
from ..formats.template import TemplateTable, published_tables
from ..report.model import Grid, Report
from ..report.values import format_value
from .sanitize import clean_line, clean_text

# Printed where a value is unknown (a cell with an invalid or missing value, or a
# total of such cells), so that a forced export never passes a blank off as a value.
UNKNOWN = "？"


@dataclass(frozen=True)
class Part:
    """One of the six parts: its heading, its paragraphs and its table (if any)."""

    section: Section
    paragraphs: tuple[str, ...]
    table: TemplateTable | None


@dataclass(frozen=True)
class PublishedReport:
    agency: str
    title: str  # 2023年政府信息公开工作年度报告 (without the agency)
    intro: tuple[str, ...]
    parts: tuple[Part, ...]
    numbers: NumberText

    @property
    def full_title(self) -> str:
        """``<机关><年>年政府信息公开工作年度报告``, as the document's title."""
        return f"{self.agency}{self.title}"


class NumberText:
    """The printed text of a report cell: digits exactly as stored, ``？`` when unknown."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._grids: dict[str, tuple[Grid, dict[str, int], dict[str, int]]] = {}

    def __call__(self, ref: CellRef) -> str:
        found = self._grids.get(ref.table)
        if found is None:  # each table's grid (and where its cells are) once
            table = self.report.format.table(ref.table)
            found = (self.report.grid(table), table.row_index, table.column_index)
            self._grids[ref.table] = found
        grid, rows, columns = found
        value = grid[rows[ref.row]][columns[ref.column]]
        return UNKNOWN if value is None else format_value(value)

    def unknown(self) -> int:
        """How many entered cells have no usable value."""
        return sum(
            1
            for rows in self.report.cells.values()
            for values in rows.values()
            for v in values
            if v is None
        )


# Shares of a table's width (as on the template's A4 page, 15.6 cm of text):
# columns of numbers narrow (but wide enough for a heading of seven characters, such
# as 2019's 本年新制作数量, on one line), group labels (三、本年度办理结果) narrower
# than the row labels, which take the rest.
NUMBER_SHARE = 3.0 / 15.6  # at most; less when a table has many columns of numbers
NUMBERS_SHARE = 0.5  # at most, all columns of numbers beside part 三's three of labels
NUMBERS_BESIDE_ONE_LABEL = 0.6  # … beside part 二's one column of labels
GROUP_SHARE = 1.6 / 15.6


def column_shares(layout: TemplateTable) -> list[float]:
    """The fraction of the table's width that each column takes (they add up to 1)."""
    numbers = layout.width - layout.label_columns
    if not layout.label_columns:
        return [1 / numbers] * numbers
    together = NUMBERS_BESIDE_ONE_LABEL if layout.label_columns == 1 else NUMBERS_SHARE
    number = min(NUMBER_SHARE, together / numbers)
    groups = [GROUP_SHARE] * (layout.label_columns - 1)
    labels = 1 - number * numbers - sum(groups)
    return [*groups, labels, *([number] * numbers)]


def paragraphs(text: str) -> tuple[str, ...]:
    """Prose as paragraphs (one per line), control characters removed."""
    return tuple(line.strip() for line in clean_text(text).split("\n") if line.strip())


def published(report: Report) -> PublishedReport:
    """The report as published, its tables in the official template's layout."""
    fmt = report.format
    layouts = published_tables(fmt)
    parts = tuple(
        Part(
            section,
            paragraphs(report.texts[section.text_key]) if section.text_key else (),
            layouts.get(section.key),
        )
        for section in fmt.sections
    )
    return PublishedReport(
        clean_line(report.agency),
        report.title,
        paragraphs(report.texts[fmt.intro_key]),
        parts,
        NumberText(report),
    )
