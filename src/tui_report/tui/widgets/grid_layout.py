"""How a table is laid out in the editor's grid: pure arithmetic, no Textual.

The row-label column is capped and shortened; number columns have fixed
widths wide enough for every value, so a number is never shown cut. When the
terminal is too narrow for all columns, whole columns are left out (and the
view moves with the cursor), never part of a number.

The label column's width and the headers depend on the table and the terminal
width only, not on the values: typing a nine-digit number widens its column
(which may push a column at the right out of view) but never moves the labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len as width

from ...formats import Table
from ...report.values import Value
from ...text.textwidth import wrap_header

MIN_NUMBER_WIDTH = 4
MIN_LABEL_WIDTH = 10
MAX_LABEL_WIDTH = 40  # labels may be shortened to this to keep whole headers on one line
CELL_PADDING = 2  # one space each side of a number
INDENT = "  "


def number_widths(table: Table, shown: list[list[str]]) -> list[int]:
    """Each column's width: its widest value, at least four columns."""
    return [
        max([MIN_NUMBER_WIDTH] + [width(line[i]) for line in shown])
        for i in range(len(table.columns))
    ]


def shown_alike(values: list[Value | None], before: list[Value | None]) -> bool:
    """Whether a row of values is shown as before without formatting it again: the same
    whole numbers (a decimal equal to another may be written otherwise, 1.5 and 1.50;
    an unknown value shows what the file had there)."""
    return values == before and all(
        type(value) is int and type(old) is int for value, old in zip(values, before, strict=True)
    )


def header_rows(table: Table, widths: list[int]) -> list[list[str]]:
    """Column headers wrapped into their widths, as rows of lines (all the same height)."""
    wrapped = [
        wrap_header(c.label, w, width).split("\n")
        for c, w in zip(table.columns, widths, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    return [[lines[i] if i < len(lines) else "" for lines in wrapped] for i in range(height)]


@dataclass(frozen=True)
class Fit:
    """Which columns are shown in a given width, and how wide the label column is."""

    label_width: int
    first: int  # index of the first visible number column
    last: int  # index after the last visible one

    @property
    def visible(self) -> range:
        return range(self.first, self.last)


def fit(total: int, widths: list[int], natural_label: int, keep: int = 0) -> Fit:
    """Fit the label column and as many whole number columns as possible into ``total``.

    ``keep`` is a column that must be visible (the cursor's).
    """
    cells = [w + CELL_PADDING for w in widths]
    room = total - sum(cells)
    if room >= MIN_LABEL_WIDTH:
        return Fit(min(room, max(natural_label, MIN_LABEL_WIDTH)), 0, len(widths))
    return fit_columns(total, MIN_LABEL_WIDTH, widths, keep)


def fit_columns(total: int, label: int, widths: list[int], keep: int = 0) -> Fit:
    """Beside a label column of a given width, as many whole number columns as fit,
    ``keep`` (the cursor's) among them."""
    cells = [w + CELL_PADDING for w in widths]
    first = 0
    while True:
        used, last = label, first
        while last < len(cells) and used + cells[last] <= total:
            used += cells[last]
            last += 1
        if keep < last or last == first:
            return Fit(label, first, max(last, first + 1))
        first += 1
