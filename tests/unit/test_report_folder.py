"""A folder of reports without a screen: ``ReportFolder`` (the index, agencies.toml, last
year's report where ``check`` looks), the one rule of what a year's total counts
(``year_total.left_out_because``), and ``sum`` and the folder view agreeing on it."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.folder.county import analyse
from tui_report.folder.report_folder import ReportFolder
from tui_report.folder.rows import inspect_file, listed_rows
from tui_report.folder.year_facts import facts_of_file
from tui_report.folder.year_total import (
    LeftOut,
    Standing,
    YearTotal,
    left_out_because,
    year_total,
)
from tui_report.report.model import CellRef
from tui_report.storage.tops import ReportId
from tui_report.tui.launch import make_folder_app

from ..county_data import AGENCIES, APPS, county, renamed_unit, unit_report, write

# --- ReportFolder -------------------------------------------------------------------------


def test_collect_indexes_every_folder_it_searches(tmp_path: Path):
    county(tmp_path / "a")
    (tmp_path / "a" / "notes.toml").write_text('title = "不是报告"\n', encoding="utf-8")
    reports = ReportFolder()
    skipped: list[Path] = []
    files = reports.collect([tmp_path / "a"], skipped)
    assert [f.name for f in skipped] == ["notes.toml"]
    assert {f.name for f in files} == {p.name for p in (tmp_path / "a").glob("*-20*.toml")}
    assert ReportId(str(tmp_path / "a" / "gongan-2024.toml"), "示例县公安局", 2024) in (
        reports.reports()
    )


def test_last_years_report_is_found_in_the_year_folder_beside(tmp_path: Path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    last = write(tmp_path / "2023", "gongan.toml", unit_report("示例县公安局", 2023))
    this = write(tmp_path / "2024", "gongan.toml", unit_report("示例县公安局", 2024))
    reports = ReportFolder()
    reports.collect([tmp_path / "2024"])
    facts = facts_of_file(this)
    assert facts is not None
    found = reports.last_year(facts)
    assert [f.path for f in found] == [str(last)]
    assert reports.last_year_files(str(this), "示例县公安局", 2024) == [str(last)]


def test_names_agencies_toml_makes_one_are_one_agency(tmp_path: Path):
    last, this = renamed_unit(tmp_path)
    facts = facts_of_file(this)
    assert facts is not None
    assert ReportFolder.of_folder(tmp_path).last_year(facts) == []  # two names, two agencies
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    reports = ReportFolder.around([tmp_path])
    assert reports.names_error is None
    assert reports.same_agency("洪泽县人民政府", "淮安市洪泽区人民政府")
    assert [f.path for f in reports.last_year(facts)] == [str(last)]


def test_a_wrong_agencies_toml_is_kept_as_an_error_and_not_used(tmp_path: Path):
    renamed_unit(tmp_path)
    (tmp_path / "agencies.toml").write_text('[agencies]\n"甲" = 3\n', encoding="utf-8")
    reports = ReportFolder.around([tmp_path])
    assert reports.names_error is not None and "agencies.toml" in reports.names_error
    assert not reports.same_agency("洪泽县人民政府", "淮安市洪泽区人民政府")
    assert ReportFolder.of_folder(tmp_path).names_error is None  # the editor goes on without


def test_the_latest_year_of_an_agency(tmp_path: Path):
    county(tmp_path)
    reports = ReportFolder()
    reports.add_tree(tmp_path)
    assert reports.latest_year("示例县公安局") == 2024
    assert reports.latest_year("示例县民政局") == 2023
    assert reports.latest_year("示例县财政局") is None


# --- the rule of what a total counts -------------------------------------------------------

FINE = Standing(year=2024, version="2021")


@pytest.mark.parametrize(
    ("standing", "duplicate", "why", "reason"),
    [
        (FINE, False, None, None),
        (Standing(unreadable=True, year=2024), True, LeftOut.UNREADABLE, "无法读取"),
        (Standing(unreadable=True), False, LeftOut.UNREADABLE, "无法读取（年度不明）"),
        (Standing(year=2024, version="2021", total_of=12, own_errors=1), True, LeftOut.TOTAL,
         "是 12 份报告的合计（sum 写出）"),
        (Standing(year=2024, version="2021", own_errors=2), True, LeftOut.ERRORS, "有 2 个错误"),
        (Standing(year=2024, version="2021", link_errors=1), False, LeftOut.ERRORS,
         "与上年报告比对有 1 个错误"),
        (Standing(year=2024, version="2021", own_errors=1, link_errors=2), False, LeftOut.ERRORS,
         "有 3 个错误（含与上年报告比对）"),
        (FINE, True, LeftOut.DUPLICATE, "同一机关同一年度另有报告"),
        (Standing(year=2024, version="2019"), False, LeftOut.FORMAT, "用的是 2019 年格式"),
    ],
)  # fmt: skip
def test_what_leaves_a_report_out_and_in_which_order(standing, duplicate, why, reason):
    found = left_out_because(standing, duplicate=duplicate)
    assert (found.why, found.reason) == (why, reason) if found else why is None


def test_include_invalid_counts_errors_and_nothing_else():
    with_errors = Standing(year=2024, version="2021", own_errors=1, link_errors=1)
    assert left_out_because(with_errors, duplicate=False, include_invalid=True) is None
    found = left_out_because(with_errors, duplicate=True, include_invalid=True)
    assert found is not None and found.why is LeftOut.DUPLICATE


# --- sum and the folder view agree ---------------------------------------------------------


def carry_over_wrong(folder: Path) -> Path:
    """jiaoyu-2024's 上年结转 no longer last year's 结转下年度 (its own numbers balance)."""
    path = folder / "jiaoyu-2024.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "carried_over = [1, 1, 1, 1, 1, 1]", "carried_over = [1, 1, 1, 1, 1, 0]"
        ).replace("new_received = [12, 2, 0, 0, 1, 0]", "new_received = [12, 2, 0, 0, 1, 1]"),
        encoding="utf-8",
    )
    return path


def a_draft_with_an_error(folder: Path) -> Path:
    """A draft of 公安局's 2024 report beside the final one, with a 勾稽关系 error."""
    draft = unit_report("示例县公安局", 2024, 25, [1, 1, 1, 1, 1, 1])
    draft.set(CellRef(APPS, "granted", "natural_person"), 99)
    return write(folder, "gongan-2024-初稿.toml", draft)


def view_total(folder: Path, year: int) -> YearTotal:
    rows = [inspect_file(r.path) for r in listed_rows(folder)]
    return year_total(rows, year, analyse(rows, ReportFolder.around([folder]).names))


def summed(folder: Path, capsys) -> tuple[int, dict, str]:
    code = main(["sum", str(folder), "--year", "2024", "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out)[-1] if out else {}, err


def test_sum_leaves_out_a_report_whose_carry_over_is_wrong(tmp_path: Path, capsys):
    county(tmp_path)
    wrong = carry_over_wrong(tmp_path)
    code, total, err = summed(tmp_path, capsys)
    assert code == 0
    assert f"{wrong}: 与上年报告比对有 1 个错误，不计入合计" in err
    alone = tomllib.loads((tmp_path / "gongan-2024.toml").read_text(encoding="utf-8"))
    assert total["新收"] == sum(alone["applications"]["new_received"])  # 公安局's alone


def test_sum_and_the_folder_view_agree_on_year_links_and_a_draft(tmp_path: Path, capsys):
    """A report with a wrong carry-over, one with its own error, and a draft with an error
    beside a final report: both count the same reports, leave out the same ones for the
    same reasons, and add up the same numbers."""
    county(tmp_path)
    carry_over_wrong(tmp_path)
    a_draft_with_an_error(tmp_path)
    total = view_total(tmp_path, 2024)
    code, summed_total, err = summed(tmp_path, capsys)
    assert code == 0
    left_out = {Path(row.path).name: reason for row, reason in total.left_out}
    assert left_out == {
        "jiaoyu-2024.toml": "与上年报告比对有 1 个错误",
        "shuili-2024.toml": "有 2 个错误",  # as test_county says
        "gongan-2024-初稿.toml": "有 2 个错误",  # the same error
    }
    for name, reason in left_out.items():
        assert f"{tmp_path / name}: {reason}，不计入合计" in err
    assert total.counted == 1  # the final report of 公安局
    assert total.numbers == [summed_total[k] for k in list(summed_total)[1:7]]


async def test_the_folder_view_shows_the_total_sum_writes(tmp_path: Path, capsys):
    """The same, through the screen the clerk sees."""
    county(tmp_path)
    carry_over_wrong(tmp_path)
    a_draft_with_an_error(tmp_path)
    _, summed_total, _ = summed(tmp_path, capsys)
    async with make_folder_app(tmp_path, cursor_blink=False).run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.total is not None and screen.total.year == 2024
        assert screen.total.numbers == [summed_total[k] for k in list(summed_total)[1:7]]
        assert "不计入 3 份：有错误 3" in str(screen.query_one("#folder-note").render())


def test_two_final_reports_of_one_agency_the_view_leaves_out_and_sum_refuses(
    tmp_path: Path, capsys
):
    county(tmp_path)
    carry_over_wrong(tmp_path)
    twin = tmp_path / "gongan-2024-定稿.toml"
    shutil.copy(tmp_path / "gongan-2024.toml", twin)
    total = view_total(tmp_path, 2024)
    twins = {
        Path(r.path).name for r, why in total.left_out if total.why[r.path] is LeftOut.DUPLICATE
    }
    assert twins == {"gongan-2024.toml", "gongan-2024-定稿.toml"}
    assert total.counted == 0
    code, summed_total, err = summed(tmp_path, capsys)
    assert code == 2 and summed_total == {}
    assert "同一机关同一年度有多份报告" in err
    said = next(line for line in err.splitlines() if "同一机关同一年度有多份报告" in line)
    assert str(tmp_path / "gongan-2024.toml") in said and str(twin) in said
