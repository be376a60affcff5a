"""``sum --format xlsx`` as the city receives and prints it, and ``sum --format csv``:
every sheet headed by the title and year and set up for A4 landscape one page wide with
its header rows repeated (issue 22); what the total leaves out listed by agency and file,
and the agencies with no report this year (issue 21 item 14); text never a formula
(issue 20 item 6) and characters a cell cannot hold shown, not a traceback (item 7)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tui_report.cli import main
from tui_report.storage import render_new

from ..county_data import VALID_2024, county, unit_report

FORMULAS = ['=HYPERLINK("http://example.org/","点击")', "=1+1", "+1+2", "-3+4", "@SUM(A1)"]


def sum_to(tmp_path: Path, files: list[Path], *extra: str) -> openpyxl.Workbook:
    target = tmp_path / "全县.xlsx"
    code = main(["sum", *map(str, files), "--format", "xlsx", "-o", str(target), *extra])
    assert code in (0, 2)
    return openpyxl.load_workbook(target)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return county(tmp_path / "county")


@pytest.fixture
def book(tmp_path: Path, folder: Path, capsys) -> openpyxl.Workbook:
    files = [folder / name for name in (*VALID_2024, "shuili-2024.toml")]
    found = sum_to(tmp_path, files, "--agency", "示例县")
    capsys.readouterr()
    return found


def test_every_sheet_prints_on_a4_landscape_one_page_wide(book):
    for sheet in book:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert "&P" in sheet.oddFooter.center.text  # page numbers
    assert book["各单位概况"].print_title_rows == "$3:$3"
    assert book["三、收到和处理政府信息公开申请情况"].print_title_rows == "$3:$5"
    assert book["四、政府信息公开行政复议、行政诉讼情况"].print_title_rows == "$3:$5"


def test_every_sheet_has_the_title_and_year(book):
    for sheet in book:
        assert sheet.cell(1, 1).value.startswith("示例县2024年政府信息公开工作年度报告汇总")
        assert sheet.cell(1, 1).font.b and sheet.cell(2, 1).value


def test_headers_are_centred_bold_and_bordered_and_each_table_has_its_widths(book):
    overview = book["各单位概况"]
    for cell in overview[3]:
        assert cell.font.b and cell.alignment.horizontal == "center"
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
    numbers = [c for row in overview.iter_rows(min_row=4) for c in row[1:] if c.value is not None]
    assert numbers and all(c.border.top.style == "thin" for c in numbers)
    widths = {
        sheet.title: [sheet.column_dimensions[letter].width for letter in "ABCD"] for sheet in book
    }
    assert widths["二、主动公开政府信息情况"] != widths["三、收到和处理政府信息公开申请情况"]


def test_wrapped_labels_get_rows_high_enough(book):
    sheet = book["三、收到和处理政府信息公开申请情况"]
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if cell.value == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
                assert sheet.row_dimensions[cell.row].height >= 2 * 14  # two lines at least
                return
    raise AssertionError("label not found")


def test_properties_name_the_sender_not_the_library(tmp_path, book):
    assert book.properties.creator == "示例县"
    assert book.properties.title == "示例县2024年政府信息公开工作年度报告汇总"
    with zipfile.ZipFile(tmp_path / "全县.xlsx") as package:
        for name in ("docProps/app.xml", "docProps/core.xml"):
            assert b"openpyxl" not in package.read(name).lower(), name


def test_left_out_reports_by_agency_and_file_and_units_without_a_report(book):
    sheet = book["未计入合计"]
    rows = [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]
    assert ("示例县水利局", "shuili-2024.toml", "有 2 个错误") in [
        (a, Path(f).name, r) for a, f, r, *_ in [row for row in rows if len(row) == 3]
    ]
    missing = [row for row in rows if len(row) == 2 and str(row[1]).endswith(".toml")]
    assert [(a, Path(f).name) for a, f in missing] == [("示例县民政局", "minzheng-2023.toml")]
    note = [v for row in book["各单位概况"].iter_rows(values_only=True) for v in row if v]
    assert "不计入合计的报告 1 份，本年没有报告的单位 1 个，见“未计入合计”页。" in note


def test_units_without_a_report_are_found_in_last_years_sibling_folder(tmp_path, capsys):
    """reports/2024/ summed: last year's reports are in reports/2023/."""
    flat = county(tmp_path / "flat")
    for year in ("2023", "2024"):
        (tmp_path / "county" / year).mkdir(parents=True)
        for path in flat.glob(f"*-{year}.toml"):
            shutil.copy(path, tmp_path / "county" / year / path.name)
    this_year = tmp_path / "county" / "2024"
    book = sum_to(tmp_path, [this_year])
    capsys.readouterr()
    rows = list(book["未计入合计"].iter_rows(values_only=True))
    assert any(row[0] == "示例县民政局" and row[1].endswith("minzheng-2023.toml") for row in rows)
    assert not any(row[0] == "示例县教育局" for row in rows)  # it has its 2024 report


def test_an_unreadable_file_is_listed_with_its_agency_where_its_top_says(tmp_path, folder, capsys):
    broken = folder / "broken-2024.toml"
    broken.write_text(render_new(unit_report("示例县财政局", 2024)) + "\n[oops\n", encoding="utf-8")
    book = sum_to(tmp_path, [folder / VALID_2024[0], broken])
    capsys.readouterr()
    rows = list(book["未计入合计"].iter_rows(values_only=True))
    (line,) = [row for row in rows if row[1] and str(row[1]).endswith("broken-2024.toml")]
    assert line[0] == "示例县财政局" and line[2].startswith("第 ") and "TOML" in line[2]


def test_text_is_never_a_formula(tmp_path, folder, capsys):
    """Issue 20 item 6: agencies such as =HYPERLINK(…) and =1+1 ran as formulas in the
    city's workbook, and a left-out file named =1+2.toml showed Err:501."""
    files = []
    for i, agency in enumerate(FORMULAS):
        path = tmp_path / f"f{i}-2024.toml"
        path.write_text(render_new(unit_report(agency, 2024)), encoding="utf-8")
        files.append(path)
    odd = tmp_path / "=1+2.toml"
    odd.write_text("not a report = [", encoding="utf-8")
    target = tmp_path / "公式.xlsx"
    args = ["sum", *map(str, files), str(odd), "--format", "xlsx", "-o", str(target)]
    assert main([*args, "--agency", "=2+2"]) == 2  # the unreadable file
    capsys.readouterr()
    book = openpyxl.load_workbook(target)
    texts = set()
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    assert set(FORMULAS) <= texts  # kept verbatim
    assert str(odd) in texts
    with zipfile.ZipFile(target) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(name) for name in sheets)


def test_csv_fields_that_would_start_a_formula_are_quoted(tmp_path, capsys):
    files = []
    for i, agency in enumerate([*FORMULAS, "\t制表符局"]):
        path = tmp_path / f"f{i}-2024.toml"
        path.write_text(render_new(unit_report(agency, 2024)), encoding="utf-8")
        files.append(str(path))
    assert main(["sum", *files, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    agencies = [line.split(",")[0] for line in lines[1:-1]]
    assert '"\'=HYPERLINK(""http://example.org/"" ' not in agencies  # quoted by csv itself
    import csv

    read = [row[0] for row in csv.reader(lines[1:-1])]
    assert read == ["'" + agency for agency in FORMULAS] + ["'\t制表符局"]
    assert lines[-1].startswith("合计,")


def test_characters_a_cell_cannot_hold_are_shown(tmp_path, capsys):
    """Issue 20 item 7: a C0 control or U+FFFF in an agency ended the workbook with a
    traceback (openpyxl's IllegalCharacterError)."""
    path = tmp_path / "odd-2024.toml"
    path.write_text(render_new(unit_report("测试\x01局\uffff\u202e", 2024)), encoding="utf-8")
    book = sum_to(tmp_path, [path], "--agency", "某\x07县")
    assert "Traceback" not in capsys.readouterr().err
    names = [row[0] for row in book["各单位概况"].iter_rows(values_only=True)]
    assert "测试␁局⟨U+FFFF⟩⟨U+202E⟩" in names
    assert book["各单位概况"].cell(1, 1).value.startswith("某␇县2024年")
