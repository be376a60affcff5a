"""A total written by ``sum -o`` into the folder is no unit's report (issue 25 item 11, the
review of issue 21 items 2 and 9): the next ``sum`` and ``check`` of the folder never
take it as last year's report of a unit, as a second report of a unit's agency and
year, or (``sum --format xlsx``) as a unit that has no report this year. ``check``
still checks the total itself and says what it is."""

from __future__ import annotations

import json
from pathlib import Path

from tui_report.cli import main
from tui_report.folder.agencies import AgencyNames
from tui_report.folder.report_folder import ReportFolder
from tui_report.folder.totals import missing_reports
from tui_report.storage import read_report

from ..county_data import two_years


def _county(folder: Path) -> Path:
    folder.mkdir()
    two_years(folder, "示例县教育局", "jiaoyu", (10, 12))
    two_years(folder, "示例县公安局", "gongan", (20, 25))
    return folder


def _sum(capsys, *arguments: str) -> tuple[int, str, str]:
    status = main(["sum", *arguments])
    out, err = capsys.readouterr()
    return status, out, err


def _check_json(capsys, folder: Path) -> tuple[int, dict]:
    status = main(["check", "--json", str(folder)])
    out, _ = capsys.readouterr()
    return status, json.loads(out)


def test_last_years_total_named_as_a_unit_is_not_that_units_last_year(tmp_path: Path, capsys):
    folder = _county(tmp_path / "county")
    total = folder / "total-2023.toml"  # named for a unit (the agency given by mistake)
    made = _sum(capsys, str(folder), "--year", "2023", "--agency", "示例县教育局", "-o", str(total))
    assert made[0] == 0, made[2]
    assert read_report(total).report.total_of == 2

    status, found = _check_json(capsys, folder)
    entries = {Path(e["file"]).name: e for e in found["files"]}
    assert entries["jiaoyu-2024.toml"]["previous"] == str(folder / "jiaoyu-2023.toml")
    assert entries["jiaoyu-2024.toml"]["previous_others"] == []
    assert entries["jiaoyu-2024.toml"]["errors"] == 0  # not compared with the total's 结转
    assert status == 0
    assert entries["total-2023.toml"]["total_of"] == 2  # the total itself is checked
    assert entries["total-2023.toml"]["readable"] is True

    status, out, err = _sum(capsys, str(folder), "--year", "2024", "--format", "json")
    assert status == 0, err
    rows = {row["发布机关"]: row for row in json.loads(out)}
    assert set(rows) == {"示例县公安局", "示例县教育局", "合计"}  # both units count
    assert rows["示例县教育局"]["错误"] == 0
    assert "与上年报告比对" not in err


def test_this_years_total_is_no_second_report_of_its_agency(tmp_path: Path, capsys):
    folder = _county(tmp_path / "county")
    total = folder / "合计-2024.toml"
    made = _sum(capsys, str(folder), "--year", "2024", "--agency", "示例县公安局", "-o", str(total))
    assert made[0] == 0, made[2]

    main(["check", str(folder)])
    out, _ = capsys.readouterr()
    assert "同一机关 2024 年度有 2 份报告" not in out
    assert f"{total}: 0 个错误" in out and "2 份报告的合计，由 sum 写出" in out

    status, out, err = _sum(capsys, str(folder), "--year", "2024")
    assert status == 0, err
    assert "示例县公安局" in out
    assert f"{total}: 是 2 份报告的合计（sum 写出），不计入" in err  # said, not counted


def test_the_index_keeps_totals_out_of_last_year_and_twins(tmp_path: Path, capsys):
    folder = _county(tmp_path / "county")
    total = folder / "total-2023.toml"
    _sum(capsys, str(folder), "--year", "2023", "--agency", "示例县教育局", "-o", str(total))
    reports = ReportFolder()
    reports.collect([folder])
    assert str(total) in reports.index.totals
    assert str(total) not in {r.path for r in reports.reports()}
    found = reports.last_year_files(str(folder / "jiaoyu-2024.toml"), "示例县教育局", 2024)
    assert found == [str(folder / "jiaoyu-2023.toml")]


def test_last_years_total_is_no_unit_missing_this_year(tmp_path: Path, capsys):
    folder = _county(tmp_path / "county")
    total = folder / "全县-2023.toml"
    made = _sum(capsys, str(folder), "--year", "2023", "--agency", "示例县", "-o", str(total))
    assert made[0] == 0, made[2]
    files = sorted(folder.glob("*-2024.toml"))
    assert missing_reports(files, 2024, AgencyNames()) == []

    workbook = tmp_path / "全县.xlsx"
    status, _, err = _sum(
        capsys, str(folder), "--year", "2024", "--format", "xlsx", "-o", str(workbook)
    )
    assert status == 0, err
    from openpyxl import load_workbook

    cells = [
        str(cell.value)
        for sheet in load_workbook(workbook, read_only=True).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert not any("全县-2023.toml" in cell for cell in cells)
    assert "示例县" not in cells  # the total's agency is no unit without a report
