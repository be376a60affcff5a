"""``sum --format xlsx``: the overview and the county total in the official tables, read
back with openpyxl — merged cells where the template has them, numbers as numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tui_report.cli import main
from tui_report.folder.totals import overview_columns
from tui_report.formats import FORMAT_2021
from tui_report.formats.template import placed_cells, published_tables
from tui_report.report.model import CellRef
from tui_report.storage import read_report, render_new

from ..county_data import VALID_2024, county


@pytest.fixture
def workbook(tmp_path: Path, capsys):
    folder = county(tmp_path / "county")
    fees = folder / "gongan-2024.toml"
    report = read_report(fees).report
    report.set(CellRef("art20_8", "fees", "amount"), Decimal("5949.088667"))
    fees.write_text(render_new(report), encoding="utf-8")
    files = [str(folder / name) for name in VALID_2024]
    assert main(["sum", *files, "--format", "json", "-o", str(tmp_path / "total.toml")]) == 0
    overview = json.loads(capsys.readouterr().out)
    target = tmp_path / "全县.xlsx"
    assert main(["sum", *files, "--format", "xlsx", "-o", str(target)]) == 0
    assert "已写入 Excel 文件" in capsys.readouterr().err
    book = openpyxl.load_workbook(target)
    return book, overview, read_report(tmp_path / "total.toml").report


HEADER_ROW = 3  # under the workbook's title and the sheet's subtitle
PARTS = [s.heading for s in FORMAT_2021.sections if s.key in published_tables(FORMAT_2021)]


def test_sheet_one_is_the_overview_with_numbers(workbook):
    book, overview, _ = workbook
    assert book.sheetnames == ["各单位概况", "未计入合计", *PARTS]
    sheet = book["各单位概况"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[HEADER_ROW - 1] == overview_columns(FORMAT_2021)
    body = [list(r) for r in rows[HEADER_ROW:] if any(v is not None for v in r[1:])]
    assert body == [list(item.values()) for item in overview]
    assert all(isinstance(v, int) for row in body for v in row[1:7])  # not text
    assert body[-1][0] == "合计"


def test_each_table_of_the_total_is_the_template_with_its_merged_cells(workbook):
    book, _, _ = workbook
    for section in FORMAT_2021.sections:
        layout = published_tables(FORMAT_2021).get(section.key)
        if layout is None:
            continue
        sheet = book[section.heading]
        assert sheet.cell(2, 1).value == section.heading
        merged = {str(r) for r in sheet.merged_cells.ranges}
        top = HEADER_ROW  # the table starts under the title and the heading
        expected = set()
        for r, c, cell in placed_cells(layout):
            if cell.rowspan > 1 or cell.colspan > 1:
                first = f"{get_column_letter(c + 1)}{top + r}"
                last = f"{get_column_letter(c + cell.colspan)}{top + r + cell.rowspan - 1}"
                expected.add(f"{first}:{last}")
            assert sheet.cell(top + r, c + 1).value == (cell.text or None) or cell.ref
        assert expected <= merged
        width = get_column_letter(layout.width)
        assert merged - expected == {f"A1:{width}1", f"A2:{width}2"}  # title, heading
    sheet = book["三、收到和处理政府信息公开申请情况"]
    outcome = HEADER_ROW + 3  # under three header rows
    assert sheet.cell(outcome + 2, 1).value == "三、本年度办理结果"
    assert any(
        r.min_row == outcome + 2 and r.max_row == outcome + 2 + 21
        for r in sheet.merged_cells.ranges
    )  # rowspan 22, as in the template


def test_the_tables_hold_the_totals_as_numbers(workbook):
    book, _, total = workbook
    values = {}
    for heading in PARTS:
        for row in book[heading].iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float):
                    values.setdefault(cell.value, []).append(cell)
    table = FORMAT_2021.table("applications")
    grid = total.grid(table)
    grand = grid[table.row_index["new_received"]][-1]
    assert grand in values  # 一、本年新收 总计, computed
    fees = total.get(CellRef("art20_8", "fees", "amount"))
    assert fees == Decimal("5949.088667")  # the sum kept every decimal (the other is 0)
    (amount,) = [c for v, cells in values.items() for c in cells if abs(v - float(fees)) < 1e-9]
    assert amount.number_format == "0.000000"
    labels = [
        c.value
        for heading in PARTS
        for row in book[heading].iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert not any(label.replace(".", "").isdigit() for label in labels)  # no number as text


def test_xlsx_without_a_file_on_a_terminal_is_refused(tmp_path: Path, capsys, monkeypatch):
    folder = county(tmp_path / "county")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["sum", str(folder / "gongan-2024.toml"), "--format", "xlsx"]) == 2
    assert "须用 -o 指定" in capsys.readouterr().err


def test_an_existing_workbook_is_kept_unless_forced(tmp_path: Path, capsys):
    folder = county(tmp_path / "county")
    target = tmp_path / "全县.xlsx"
    target.write_bytes(b"old")
    args = ["sum", str(folder / "gongan-2024.toml"), "--format", "xlsx", "-o", str(target)]
    assert main(args) == 2
    assert "文件已存在" in capsys.readouterr().err and target.read_bytes() == b"old"
    assert main([*args, "--force"]) == 0
    assert openpyxl.load_workbook(target).sheetnames == ["各单位概况", "未计入合计", *PARTS]


def test_the_workbook_says_which_reports_its_total_leaves_out(tmp_path: Path, capsys):
    """The file sent to the city said 合计 of two reports and nothing of the third, left
    out for its errors (said only on the terminal of whoever ran ``sum``)."""
    import openpyxl

    from tui_report.cli import main

    from ..county_data import county

    folder = county(tmp_path / "county")
    files = [str(folder / f"{stem}-2024.toml") for stem in ("jiaoyu", "gongan", "shuili")]
    (folder / "broken-2024.toml").write_text("[applications\n", encoding="utf-8")
    files.append(str(folder / "broken-2024.toml"))
    target = tmp_path / "全县.xlsx"
    assert main(["sum", *files, "--format", "xlsx", "-o", str(target)]) == 2  # unreadable
    book = openpyxl.load_workbook(target)
    rows = list(book["各单位概况"].iter_rows(values_only=True))
    total_at = next(i for i, row in enumerate(rows) if row[0] == "合计")
    assert [row[0] for row in rows[3:total_at]] == ["示例县教育局", "示例县公安局"]
    notes = [row[0] for row in rows[total_at + 1 :] if row[0]]
    assert notes[0].startswith("不计入合计的报告 2 份") and "见“未计入合计”页" in notes[0]
    listed = [" ".join(map(str, row)) for row in book["未计入合计"].iter_rows(values_only=True)]
    assert "不计入合计的报告（2 份） None None" in listed
    assert any("shuili-2024.toml" in n and "个错误" in n for n in listed)
    assert any("broken-2024.toml" in n and "TOML 语法错误" in n for n in listed)
    assert "不计入 2 份" in capsys.readouterr().err
