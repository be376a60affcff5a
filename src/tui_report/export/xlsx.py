"""An Excel workbook of a county's sum (``sum --format xlsx``), written with openpyxl.

Sheet 1 is the overview, one row per agency and the total; sheet 2 is the total
report's tables in the official template's layout — the same cells, merged cells and
labels as the HTML and Word exports (``formats.template``), each part's table under
its heading. Every count and amount is a number (amounts keep their decimals as the
number format), so the city or province can add the sheets up again.

The workbook is written in openpyxl's write-only mode: the overview's rows stream
from ``sum``'s spool to the file, however many agencies there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from ..formats.template import placed_cells, published_tables
from ..model import Report
from .sanitize import clean_line

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

OVERVIEW_SHEET = "各单位概况"
TOTAL_SHEET = "合计"
LABEL_WIDTHS = (30, 18, 30)  # the columns of row labels in part 三 (group, subgroup, item)
NUMBER_WIDTH = 10
FONT = "宋体"


def sum_workbook(
    out: IO[bytes],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    total: Report,
    left_out: Sequence[str] = (),
) -> None:
    """Write the workbook: the overview (``columns`` and ``rows``, numbers as numbers),
    under it the reports its total leaves out and why, and the total in the template's
    layout."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    overview = book.create_sheet(OVERVIEW_SHEET)
    _overview(overview, columns, rows)
    _left_out(overview, left_out)
    tables = book.create_sheet(TOTAL_SHEET)
    _report_tables(tables, total)
    book.save(out)


def _overview(sheet: WriteOnlyWorksheet, columns: Sequence[str], rows: Iterable) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    sheet.column_dimensions["A"].width = 36
    for letter in _letters(len(columns))[1:]:
        sheet.column_dimensions[letter].width = 12
    sheet.freeze_panes = "B2"
    header = []
    for title in columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_value(value))
            cell.font = plain
            cells.append(cell)
        sheet.append(cells)


def _left_out(sheet: WriteOnlyWorksheet, left_out: Sequence[str]) -> None:
    """The reports not in the total, one line each, after an empty row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if not left_out:
        return
    sheet.append([])
    heading = WriteOnlyCell(sheet, value=f"不计入合计的报告（{len(left_out)} 份）")
    heading.font = Font(name=FONT, bold=True)
    sheet.append([heading])
    for reason in left_out:
        cell = WriteOnlyCell(sheet, value=clean_line(reason))
        cell.font = Font(name=FONT)
        sheet.append([cell])


def _report_tables(sheet: WriteOnlyWorksheet, report: Report) -> None:
    """The title, then each part's heading and its table, as in the template."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side

    fmt = report.format
    layouts = published_tables(fmt)
    width = max(layout.width for layout in layouts.values())
    for i, letter in enumerate(_letters(width)):
        size = LABEL_WIDTHS[i] if i < len(LABEL_WIDTHS) else NUMBER_WIDTH
        sheet.column_dimensions[letter].width = size
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    plain, bold = Font(name=FONT), Font(name=FONT, bold=True)
    grids: dict[str, list] = {}
    row_number = 0

    def append(cells: list) -> None:
        nonlocal row_number
        sheet.append(cells)
        row_number += 1

    def line(text: str, font: Font) -> None:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal="left", vertical="center")
        append([cell])

    title = WriteOnlyCell(sheet, value=f"{clean_line(report.agency)}{report.title}")
    title.font = Font(name=FONT, bold=True, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    append([title])
    _merge(sheet, row_number, 1, 1, width)
    for section in fmt.sections:
        layout = layouts.get(section.key)
        if layout is None:
            continue
        append([])
        line(section.heading, bold)
        top = row_number + 1
        grid: list[list[Any]] = [[None] * layout.width for _ in layout.rows]
        merges = []
        for r, c, cell in placed_cells(layout):
            grid[r][c] = cell
            if cell.rowspan > 1 or cell.colspan > 1:
                merges.append((top + r, c + 1, cell.rowspan, cell.colspan))
        for cells in grid:
            out = []
            for cell in cells:  # None: covered by a merged cell (bordered all the same)
                written = WriteOnlyCell(sheet, value=_cell_value(cell, report, grids))
                written.border = border
                written.font = bold if cell is not None and cell.role == "title" else plain
                is_label = cell is not None and cell.role == "label"
                written.alignment = left if is_label else centred
                if cell is not None and cell.ref is not None:
                    written.number_format = _number_format(written.value)
                out.append(written)
            append(out)
        for merge in merges:
            _merge(sheet, *merge)


def _cell_value(cell: Any, report: Report, grids: dict[str, list]) -> Any:
    """A template cell's content: its label, or the number of the report's cell."""
    if cell is None:
        return None
    if cell.ref is None:
        return cell.text or None
    table = report.format.table(cell.ref.table)
    grid = grids.get(table.key)
    if grid is None:
        grid = grids[table.key] = report.grid(table)
    return _value(grid[table.row_index[cell.ref.row]][table.column_index[cell.ref.column]])


def _value(value: Any) -> Any:
    """Counts as integers, amounts as exact decimals: numbers either way."""
    if isinstance(value, Decimal) and int(value.as_tuple().exponent) >= 0:
        return int(value)
    return value


def _number_format(value: Any) -> str:
    """A count as a whole number; an amount with the decimals it was written with."""
    if isinstance(value, Decimal):
        places = max(-int(value.as_tuple().exponent), 0)
        return "0." + "0" * places if places else "0"
    return "0"


def _merge(sheet: WriteOnlyWorksheet, row: int, column: int, rows: int, columns: int) -> None:
    """Record a merged range; a write-only sheet writes its ranges with the file."""
    from openpyxl.worksheet.cell_range import CellRange

    sheet.merged_cells.add(
        CellRange(min_row=row, min_col=column, max_row=row + rows - 1, max_col=column + columns - 1)
    )


def _letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i) for i in range(1, count + 1)]
