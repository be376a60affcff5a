"""An Excel workbook of a county's sum (``sum --format xlsx``), written with openpyxl.

- 各单位概况: one row per agency and the total, every count a number;
- 未计入合计: the reports the total leaves out (agency, file, why) and the agencies
  with a report last year and none this year, so that whoever receives the file sees
  what the total is short of;
- one sheet for each of the total's tables (parts 二, 三, 四) in the official
  template's layout — the same cells, merged cells and labels as the HTML and Word
  exports (``formats.template``), amounts with the decimals they were written with,
  so the city or province can add the sheets up again.

Every sheet starts with the title and year, and prints on A4 landscape pages one
page wide with its header rows repeated (``xlsx_sheets``). The workbook is written in
openpyxl's write-only mode: the overview's rows stream from ``sum``'s spool to the
file, however many agencies there are.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from ..formats.template import published_tables
from ..report.model import Report
from .metadata import APPLICATION, Properties
from .sanitize import visible_text
from .word_package import XML_HEAD
from .xlsx_sheets import (
    TITLE_ROWS,
    Look,
    cell,
    fit_row,
    letters,
    merge,
    number,
    print_setup,
    table_sheet,
    title_rows,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

OVERVIEW_SHEET = "各单位概况"
LEFT_OUT_SHEET = "未计入合计"
AGENCY_WIDTH, COUNT_WIDTH = 36, 12
FILE_WIDTH, REASON_WIDTH = 40, 40


@dataclass(frozen=True)
class LeftOutReport:
    """A report the total does not count: its agency ("" where the file cannot be read
    far enough to say), its file and why."""

    agency: str
    path: str
    reason: str


@dataclass(frozen=True)
class MissingReport:
    """An agency with a report last year (``last_year``, its file) and none this year."""

    agency: str
    last_year: str


def sum_workbook(
    out: IO[bytes],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    total: Report,
    left_out: Sequence[LeftOutReport] = (),
    missing: Sequence[MissingReport] = (),
    publisher: str = "",
) -> None:
    """Write the workbook: the overview (``columns`` and ``rows``, the total's row last),
    what the total leaves out, and the total in the template's tables. ``publisher``
    (who sends the roll-up: ``sum --agency``) heads every sheet's title."""
    from openpyxl import Workbook  # ~130 ms: only for sum --format xlsx

    publisher = visible_text(publisher)  # typed on a command line: anything may be in it
    title = f"{publisher}{total.year}年政府信息公开工作年度报告汇总"
    book = Workbook(write_only=True)
    look = Look.make()
    _overview(book.create_sheet(OVERVIEW_SHEET), look, title, columns, rows, left_out, missing)
    _left_out(book.create_sheet(LEFT_OUT_SHEET), look, title, left_out, missing)
    layouts = published_tables(total.format)
    for section in total.format.sections:
        layout = layouts.get(section.key)
        if layout is not None:
            sheet = book.create_sheet(_sheet_name(section.heading))
            table_sheet(sheet, look, f"{title}（合计）", section.heading, layout, total)
    _properties(book, title, publisher)
    buffer = io.BytesIO()
    book.save(buffer)
    out.write(_own_application(buffer.getvalue()))


def _overview(
    sheet: WriteOnlyWorksheet,
    look: Look,
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    left_out: Sequence[LeftOutReport],
    missing: Sequence[MissingReport],
) -> None:
    widths = [AGENCY_WIDTH] + [COUNT_WIDTH] * (len(columns) - 1)
    for letter, size in zip(letters(len(columns)), widths, strict=True):
        sheet.column_dimensions[letter].width = size
    header = TITLE_ROWS + 1
    print_setup(sheet, (header, header))
    sheet.freeze_panes = f"B{header + 1}"
    title_rows(sheet, look, title, OVERVIEW_SHEET, len(columns))
    fit_row(sheet, header, list(zip(columns, widths, strict=True)))
    sheet.append([cell(sheet, name, look.bold, look.centred, look.border) for name in columns])
    row_number = header
    for values, last in _marking_last(rows):
        row_number += 1
        fit_row(sheet, row_number, [(str(values[0]), AGENCY_WIDTH)])
        font = look.bold if last else look.plain
        written = [cell(sheet, values[0], font, look.left, look.border)]
        written += [cell(sheet, number(v), font, look.right, look.border) for v in values[1:]]
        sheet.append(written)
    notes = []
    if left_out:
        notes.append(f"不计入合计的报告 {len(left_out)} 份")
    if missing:
        notes.append(f"本年没有报告的单位 {len(missing)} 个")
    if notes:
        sheet.append([])
        line = f"{'，'.join(notes)}，见“{LEFT_OUT_SHEET}”页。"
        sheet.append([cell(sheet, line, look.bold, look.left)])
        merge(sheet, row_number + 2, 1, 1, len(columns))


def _marking_last(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[Sequence[Any], bool]]:
    """Each row, with whether it is the last (the total's)."""
    previous = None
    for row in rows:
        if previous is not None:
            yield previous, False
        previous = row
    if previous is not None:
        yield previous, True


def _left_out(
    sheet: WriteOnlyWorksheet,
    look: Look,
    title: str,
    left_out: Sequence[LeftOutReport],
    missing: Sequence[MissingReport],
) -> None:
    """The reports not in the total and why; the agencies with no report this year."""
    widths = (AGENCY_WIDTH, FILE_WIDTH, REASON_WIDTH)
    for letter, size in zip(letters(3), widths, strict=True):
        sheet.column_dimensions[letter].width = size
    print_setup(sheet, None)
    title_rows(sheet, look, title, "不计入合计的报告和本年没有报告的单位", 3)
    row = TITLE_ROWS
    lists = (
        (
            f"不计入合计的报告（{len(left_out)} 份）",
            ("发布机关", "文件", "原因"),
            [(item.agency or "（无法读取）", item.path, item.reason) for item in left_out],
        ),
        (
            f"本年没有报告的单位（{len(missing)} 个，上一年有报告）",
            ("发布机关", "上一年的报告"),
            [(item.agency, item.last_year) for item in missing],
        ),
    )
    for heading, header, lines in lists:
        sheet.append([])
        sheet.append([cell(sheet, heading, look.bold, look.left)])
        sheet.append([cell(sheet, name, look.bold, look.centred, look.border) for name in header])
        row += 3
        for line in lines or [("无",)]:
            row += 1
            fit_row(sheet, row, list(zip(line, widths, strict=False)))
            sheet.append([cell(sheet, text, look.plain, look.left, look.border) for text in line])


def _sheet_name(heading: str) -> str:
    """A part's heading as a sheet's name (Excel allows 31 characters, none of ``:\\/?*[]``)."""
    return "".join("_" if ch in ":\\/?*[]" else ch for ch in heading)[:31]


def _properties(book: Workbook, title: str, publisher: str) -> None:
    properties = Properties.of(title, "政府信息公开工作年度报告汇总", publisher or APPLICATION)
    book.properties.title = properties.title
    book.properties.subject = properties.subject
    book.properties.creator = properties.author
    book.properties.lastModifiedBy = properties.author
    book.properties.language = "zh-CN"
    book.properties.created = book.properties.modified = properties.made.replace(tzinfo=None)


APP_PART = "docProps/app.xml"
APP_PROPERTIES = (
    XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    f'extended-properties"><Application>{APPLICATION}</Application></Properties>'
)


def _own_application(workbook: bytes) -> bytes:
    """The workbook with its application named tui-report (openpyxl writes its own name
    there and offers no setting for it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = APP_PROPERTIES.encode("utf-8") if item.filename == APP_PART else None
            target.writestr(item, data if data is not None else source.read(item))
    return out.getvalue()
