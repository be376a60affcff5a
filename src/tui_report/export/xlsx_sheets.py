"""Pieces of the Excel roll-up's sheets (openpyxl, write-only): cells that hold text as
text, the look of titles, headers and numbers, row heights for wrapped labels, the
print setup, and a sheet for one of the total's tables in the template's layout.

Every text cell is written as a string, never as a formula: an agency named
``=HYPERLINK(…)`` is text in the city's workbook, not a link that runs (openpyxl would
store a string starting with ``=`` as a formula). Text a cell cannot hold (control
characters, U+FFFF) is written as the editor shows it.

Each sheet prints on A4 landscape, one page wide, its header rows repeated on every
page, the page number at the foot.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..formats.template import TemplateCell, TemplateTable, placed_cells
from ..report.model import Report
from ..text.textwidth import width as display_width
from .sanitize import visible_text

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell  # (openpyxl: only for sum --format xlsx)
    from openpyxl.styles import Alignment, Border, Font
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FONT = "宋体"
LINE_PT = 14.25  # one line of 11 pt 宋体, as Excel lays it out
TITLE_PT = 16
LABEL_WIDTH = 40  # a column of row labels, in Excel's character widths
GROUP_WIDTHS = (10, 14)  # part 三's group columns (三、本年度办理结果, （三）不予公开)
NARROW_NUMBER, WIDE_NUMBER = 9, 16  # columns of numbers in a wide or a narrow table
PAGE_FOOTER = "第 &P 页，共 &N 页"
A4 = 9  # SpreadsheetML's paper size number


@dataclass(frozen=True)
class Look:
    """The fonts, borders and alignments of the workbook, made once."""

    plain: Font
    bold: Font
    title: Font
    border: Border
    centred: Alignment
    left: Alignment
    right: Alignment

    @classmethod
    def make(cls) -> Look:
        from openpyxl.styles import (
            Alignment,
            Border,
            Font,
            Side,
        )  # (openpyxl: only for sum --format xlsx)

        thin = Side(style="thin")
        return cls(
            Font(name=FONT, size=11),
            Font(name=FONT, size=11, bold=True),
            Font(name=FONT, size=TITLE_PT, bold=True),
            Border(left=thin, right=thin, top=thin, bottom=thin),
            Alignment(horizontal="center", vertical="center", wrap_text=True),
            Alignment(horizontal="left", vertical="center", wrap_text=True),
            Alignment(horizontal="right", vertical="center"),
        )


def cell(
    sheet: WriteOnlyWorksheet,
    value: Any,
    font: Font,
    alignment: Alignment | None = None,
    border: Border | None = None,
) -> WriteOnlyCell:
    """A cell holding ``value``: a number as a number, text always as text."""
    from openpyxl.cell import WriteOnlyCell  # (openpyxl: only for sum --format xlsx)

    if isinstance(value, str):
        value = visible_text(value)
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        written.data_type = "s"  # openpyxl takes "=…" for a formula; it is the agency's name
    written.font = font
    if alignment is not None:
        written.alignment = alignment
    if border is not None:
        written.border = border
    return written


def number(value: Any) -> Any:
    """Counts as integers, amounts as exact decimals: numbers either way."""
    if isinstance(value, Decimal) and int(value.as_tuple().exponent) >= 0:
        return int(value)
    return value


def number_format(value: Any) -> str:
    """A count as a whole number; an amount with the decimals it was written with."""
    if isinstance(value, Decimal):
        places = max(-int(value.as_tuple().exponent), 0)
        return "0." + "0" * places if places else "0"
    return "0"


def lines_in(text: str, columns: float) -> int:
    """How many lines ``text`` wraps to in a cell ``columns`` characters wide (a Chinese
    character takes two)."""
    room = max(columns - 1, 1)
    return max(1, math.ceil(display_width(text) / room)) if text else 1


def fit_row(sheet: WriteOnlyWorksheet, row: int, texts: Sequence[tuple[str, float]]) -> None:
    """Make row ``row`` high enough for each (text, column width) pair to wrap into."""
    lines = max((lines_in(text, columns) for text, columns in texts), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = lines * LINE_PT + 2


def letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter  # (openpyxl: only for sum --format xlsx)

    return [get_column_letter(i) for i in range(1, count + 1)]


def merge(sheet: WriteOnlyWorksheet, row: int, column: int, rows: int, columns: int) -> None:
    """Record a merged range; a write-only sheet writes its ranges with the file."""
    from openpyxl.worksheet.cell_range import CellRange  # (openpyxl: only for sum --format xlsx)

    sheet.merged_cells.add(
        CellRange(min_row=row, min_col=column, max_row=row + rows - 1, max_col=column + columns - 1)
    )


def print_setup(sheet: WriteOnlyWorksheet, header_rows: tuple[int, int] | None) -> None:
    """A4 landscape, one page wide (as many pages down as it takes), centred, rows
    ``header_rows`` (first, last) repeated at the top of every page, page numbers.
    Before the first row: a write-only sheet writes its setup when a row comes."""
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75  # inches
    sheet.page_margins.header = sheet.page_margins.footer = 0.3  # room for the page number
    sheet.oddFooter.center.text = PAGE_FOOTER
    if header_rows is not None:
        sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"


TITLE_ROWS = 2  # the workbook's title and the sheet's subtitle, on every sheet


def title_rows(sheet: WriteOnlyWorksheet, look: Look, title: str, subtitle: str, span: int) -> None:
    """The workbook's title across ``span`` columns and the sheet's own subtitle under
    it (the first rows: a write-only sheet's setup, print_setup, comes before them)."""
    sheet.row_dimensions[1].height = TITLE_PT * 1.6
    sheet.append([cell(sheet, title, look.title, look.centred)])
    merge(sheet, 1, 1, 1, span)
    sheet.append([cell(sheet, subtitle, look.bold, look.left)])
    merge(sheet, 2, 1, 1, span)


def column_widths(layout: TemplateTable) -> list[float]:
    """Each column's width: the label columns wide enough for most labels on one line,
    the numbers narrower where the table has many of them (part 三, part 四)."""
    numbers = layout.width - layout.label_columns
    groups = list(GROUP_WIDTHS[: max(layout.label_columns - 1, 0)])
    labels = [LABEL_WIDTH] if layout.label_columns else []
    each = WIDE_NUMBER if numbers <= 4 else NARROW_NUMBER
    return [*groups, *labels, *([each] * numbers)]


def table_sheet(
    sheet: WriteOnlyWorksheet,
    look: Look,
    title: str,
    heading: str,
    layout: TemplateTable,
    report: Report,
) -> None:
    """One part's table of the total, in the template's layout: the same cells, merged
    cells and labels as the HTML and Word exports, under the workbook's title."""
    widths = column_widths(layout)
    for letter, size in zip(letters(layout.width), widths, strict=True):
        sheet.column_dimensions[letter].width = size
    top = TITLE_ROWS + 1
    if layout.header_rows:
        print_setup(sheet, (top, top + layout.header_rows - 1))
    else:
        print_setup(sheet, None)
    title_rows(sheet, look, title, heading, layout.width)
    grid: list[list[tuple[int, TemplateCell] | None]] = [[None] * layout.width for _ in layout.rows]
    merges = []
    wrapped: dict[int, list[tuple[str, float]]] = {}
    for r, c, template_cell in placed_cells(layout):
        grid[r][c] = (c, template_cell)
        if template_cell.rowspan > 1 or template_cell.colspan > 1:
            merges.append((top + r, c + 1, template_cell.rowspan, template_cell.colspan))
        if template_cell.rowspan == 1 and template_cell.text:
            room = sum(widths[c : c + template_cell.colspan])
            wrapped.setdefault(r, []).append((template_cell.text, room))
    values = Values(report)
    for r, places in enumerate(grid):
        fit_row(sheet, top + r, wrapped.get(r, ()))
        out = []
        for place in places:  # None: covered by a merged cell (bordered all the same)
            if place is None:
                out.append(cell(sheet, None, look.plain, look.centred, look.border))
                continue
            _, template_cell = place
            out.append(_template_cell(sheet, look, template_cell, values))
        sheet.append(out)
    for merged in merges:
        merge(sheet, *merged)


def _template_cell(
    sheet: WriteOnlyWorksheet, look: Look, template_cell: TemplateCell, values: Values
) -> WriteOnlyCell:
    if template_cell.ref is not None:
        value = values(template_cell)
        written = cell(sheet, value, look.plain, look.centred, look.border)
        written.number_format = number_format(value)
        return written
    font = look.bold if template_cell.role in ("title", "header") else look.plain
    alignment = look.left if template_cell.role == "label" else look.centred
    return cell(sheet, template_cell.text or None, font, alignment, look.border)


class Values:
    """The number of the report's cell that a template cell shows (each table's grid
    computed once)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.grids: dict[str, list] = {}

    def __call__(self, template_cell: TemplateCell) -> Any:
        ref = template_cell.ref
        assert ref is not None
        table = self.report.format.table(ref.table)
        grid = self.grids.get(table.key)
        if grid is None:
            grid = self.grids[table.key] = self.report.grid(table)
        return number(grid[table.row_index[ref.row]][table.column_index[ref.column]])
