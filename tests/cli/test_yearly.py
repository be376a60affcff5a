"""The yearly cycle and many reports: new --from, cross-year checks, diff, sum, directories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.cli import main
from tui_report.folder.checking import check_file
from tui_report.folder.report_folder import ReportFolder
from tui_report.folder.totals import add_up
from tui_report.folder.yearly import same_agency
from tui_report.report.model import CellRef, Report
from tui_report.rules import validate
from tui_report.storage import create_report_file, read_report

from ..builders import balanced_reports, set_row
from ..conftest import EXAMPLE, GUANTING

EXAMPLE_FORWARD = [1, 0, 0, 0, 0, 1]  # 四、结转下年度继续办理 of the example report


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def two_years(tmp_path: Path, capsys) -> tuple[Path, Path]:
    """The example report (2024) and a 2025 report started from it, in one folder."""
    last = tmp_path / "example-2024.toml"
    shutil.copy(EXAMPLE, last)
    this = tmp_path / "example-2025.toml"
    code, out, _ = run(capsys, "new", this, "--from", last)
    assert code == 0 and "已创建" in out
    return last, this


# --- new --from -------------------------------------------------------------------------------


def test_new_from_last_year_carries_over_exactly(two_years):
    _last, this = two_years
    report = read_report(this).report
    assert (report.agency, report.year) == ("示例市示例区人民政府", 2025)
    assert report.cells["applications"]["carried_over"] == EXAMPLE_FORWARD
    assert report.cells["art20_1"]["normative_documents"] == [0, 0, 38]  # 现行有效件数 kept
    assert report.cells["applications"]["new_received"] == [0] * 6
    assert report.texts["overview"].split("\n") == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    assert "信息处理费" in report.texts["other_matters"] and "____" in report.texts["other_matters"]
    assert "2025 年 1 月 1 日" in report.texts["intro"]


def test_new_from_keeps_text_when_asked(tmp_path: Path, capsys):
    this = tmp_path / "next.toml"
    assert run(capsys, "new", this, "--from", GUANTING, "--keep-text", "--year", "2024")[0] == 0
    report = read_report(this).report
    assert report.texts == read_report(GUANTING).report.texts
    assert report.year == 2024
    rules = [p.rule for p in validate(report)]
    assert "year-mismatch" in rules  # last year's statistics period is flagged, not rewritten


def test_new_from_says_only_what_it_carried(tmp_path: Path, capsys):
    """The 2019 trial format has no 现行有效件数: ``new --from`` a 2019-format report
    (into either format) must not claim to have kept it; from a 2021 report it does."""
    last = tmp_path / "2020.toml"
    assert run(capsys, "new", last, "--agency", "某县", "--year", "2020")[0] == 0
    assert read_report(last).report.format.version == "2019"
    for year in ("2020", "2021"):
        this = tmp_path / f"next-{year}.toml"
        code, out, _ = run(
            capsys, "new", this, "--from", last, "--year", year
        )  # format: the year's
        assert code == 0 and "上年结转取自" in out
        assert "现行有效件数" not in out
    code, out, _ = run(capsys, "new", tmp_path / "2025.toml", "--from", EXAMPLE)
    assert code == 0 and "现行有效件数沿用上年" in out


def test_new_needs_agency_and_year_or_from(tmp_path: Path, capsys):
    code, _, err = run(capsys, "new", tmp_path / "x.toml", "--agency", "某局")
    assert code == 2 and "--from" in err


# --- cross-year checks ----------------------------------------------------------------------


def test_next_year_started_from_last_has_no_cross_year_problems(two_years, capsys):
    """(It has 勾稽关系 errors: last year's open applications must be handled this year.)"""
    last, this = two_years
    _code, out, _ = run(capsys, "check", this)
    assert "[carry-over]" not in out and "[in-force-continuity]" not in out
    assert f"（上年报告：{last}）" in out  # found in the same folder, and said so


def test_wrong_carry_over_is_an_error(two_years, capsys):
    _, this = two_years
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [2, 0, 0, 0, 0, 1]")
    code, out, _ = run(capsys, "check", this)
    assert code == 1
    (line,) = [line for line in out.splitlines() if "[carry-over]" in line]
    assert "错误" in line
    assert "三 二、上年结转政府信息公开申请数量 · 自然人：本年为 2" in line
    assert "四、结转下年度继续办理为 1" in line


def test_in_force_continuity_is_a_warning(two_years, capsys):
    _, this = two_years
    replace(this, "normative_documents = [0, 0, 38]", "normative_documents = [3, 1, 38]")
    _, out, _ = run(capsys, "check", this)
    (line,) = [line for line in out.splitlines() if "[in-force-continuity]" in line]
    assert "警告" in line and "本年为 38" in line
    assert "38 + 本年制发件数 3 − 本年废止件数 1 = 40" in line
    replace(this, "normative_documents = [3, 1, 38]", "normative_documents = [3, 1, 40]")
    assert "[in-force-continuity]" not in run(capsys, "check", this)[1]


def test_previous_found_among_given_files_with_a_prefixed_agency_name(tmp_path: Path, capsys):
    last = tmp_path / "a" / "last.toml"
    this = tmp_path / "b" / "this.toml"
    last.parent.mkdir()
    this.parent.mkdir()
    shutil.copy(EXAMPLE, last)
    replace(last, 'agency = "示例市示例区人民政府"', 'agency = "示例省示例市示例区人民政府"')
    assert run(capsys, "new", this, "--from", last, "--agency", "示例市示例区人民政府")[0] == 0
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [1, 0, 0, 0, 0, 0]")
    code, out, _ = run(capsys, "check", this, last)
    assert code == 1 and "[carry-over]" in out and "其他：本年为 0" in out
    assert f"（上年报告：{last}）" in out


def test_explicit_previous(tmp_path: Path, capsys):
    this = tmp_path / "this.toml"
    assert run(capsys, "new", this, "--from", EXAMPLE)[0] == 0
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [0, 0, 0, 0, 0, 0]")
    code, out, _ = run(capsys, "check", this)  # EXAMPLE is in another folder: not found
    assert code == 0 and "上年报告" not in out
    code, out, _ = run(capsys, "check", this, "--previous", EXAMPLE)
    assert code == 1 and out.count("[carry-over]") == 2


def test_other_agencies_and_years_are_not_taken_as_last_year(two_years, capsys):
    last, this = two_years
    replace(last, 'agency = "示例市示例区人民政府"', 'agency = "另一个县人民政府"')
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [5, 0, 0, 0, 0, 1]")
    assert "[carry-over]" not in run(capsys, "check", this)[1]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("巨鹿县官亭镇人民政府", "巨鹿县官亭镇人民政府", True),
        ("巨鹿县官亭镇人民政府", "邢台市巨鹿县官亭镇人民政府", True),
        ("河北省巨鹿县人民政府", "巨鹿县人民政府", True),
        ("巨鹿县 官亭镇人民政府", "巨鹿县官亭镇人民政府", True),
        ("巨鹿县官亭镇人民政府", "巨鹿县王虎寨镇人民政府", False),
        ("巨鹿县人民政府", "平乡县人民政府", False),
        ("示例市示例区人民政府", "示例市示例区人民政府办公室", False),
        ("", "巨鹿县人民政府", False),
    ],
)
def test_same_agency(a: str, b: str, same: bool):
    assert same_agency(a, b) is same


async def lookup_done(pilot) -> None:
    """Wait for the editor's look for last year's report (a thread) and its result."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_editor_shows_cross_year_problems(two_years):
    from tui_report.tui.launch import make_app

    _, this = two_years
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [2, 0, 0, 0, 0, 1]")
    app = make_app(this, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_done(pilot)  # last year's report is looked for after the first paint
        editor = app.screen
        assert "上年：example-2024.toml" in str(editor.query_one("#header-line").render())
        # a new year started from last year does not balance until its outcomes are entered
        assert "carry-over" in [p.rule for p in editor.problems if p.is_error]
        await editor.show_cell(CellRef("applications", "carried_over", "natural_person"))
        await pilot.press("backspace")  # 二、上年结转 · 自然人 → 0
        await pilot.pause()
        assert "carry-over" in [p.rule for p in editor.problems]
        await pilot.press("1", "enter")
        assert "carry-over" not in [p.rule for p in editor.problems]
        assert editor.report.cells["applications"]["carried_over"] == EXAMPLE_FORWARD


async def test_editor_looks_for_last_year_again_when_year_or_agency_changes(two_years):
    from tui_report.tui.editor.previous_year import PREVIOUS_LOOKUP_DELAY
    from tui_report.tui.launch import make_app

    _, this = two_years
    replace(this, "year = 2025", "year = 2026")  # a slip: no 2025 report in the folder
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [2, 0, 0, 0, 0, 1]")
    app = make_app(this, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_done(pilot)
        editor = app.screen
        header = editor.query_one("#header-line")
        assert editor.previous is None and "上年：" not in str(header.render())
        await pilot.press("f9")
        await pilot.pause()
        year = editor.query_one("#year")
        year.focus()
        year.value = "2025"
        await pilot.pause(PREVIOUS_LOOKUP_DELAY + 0.1)
        await lookup_done(pilot)
        assert "上年：example-2024.toml" in str(header.render())
        assert "carry-over" in [p.rule for p in editor.problems]
        editor.query_one("#agency").value = "示例市另一区人民政府"
        await pilot.pause(PREVIOUS_LOOKUP_DELAY + 0.1)
        await lookup_done(pilot)
        assert editor.previous is None and "上年：" not in str(header.render())
        assert "carry-over" not in [p.rule for p in editor.problems]


# --- diff --------------------------------------------------------------------------------------


def test_diff_names_exactly_the_changed_cells(tmp_path: Path, capsys):
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    shutil.copy(EXAMPLE, a)
    shutil.copy(EXAMPLE, b)
    assert run(capsys, "diff", a, b)[:2] == (0, "两份报告的内容相同\n")
    replace(
        b, "unavailable_not_held = [8, 1, 0, 0, 1, 0]", "unavailable_not_held = [8, 3, 0, 0, 1, 0]"
    )
    replace(b, "fees = 128.40", "fees = 128.4")
    replace(b, "改进措施：丰富图解", "改进措施：增加图解")
    code, out, _ = run(capsys, "diff", a, b)
    assert code == 1
    assert out.splitlines() == [
        "二 第二十条第（八）项 行政事业性收费 · 本年收费金额（单位：万元）：128.40 → 128.4",
        "三 （四）1.本机关不掌握相关政府信息 · 商业企业：1 → 3",
        "五、存在的主要问题及改进情况：",
        "  - 第 2 段：改进措施：丰富图解、视频等解读形式；开展答复文书评查，提升答复规范化水平。",
        "  + 第 2 段：改进措施：增加图解、视频等解读形式；开展答复文书评查，提升答复规范化水平。",
    ]


def test_diff_across_formats_lists_cells_of_either_format_alone():
    from tui_report.formats import FORMAT_2019, FORMAT_2021
    from tui_report.report.diffing import changed_values
    from tui_report.report.templates import new_report

    old = new_report("测试局", 2020, FORMAT_2019)
    new = new_report("测试局", 2020, FORMAT_2021)
    old.set(CellRef("applications", "other_handling", "natural_person"), 4)
    new.set(CellRef("applications", "other_fee_unpaid", "natural_person"), 2)
    lines = changed_values(old, new)
    assert "格式：2019 → 2021" in lines
    assert "三 （六）其他处理 · 自然人：4 → （新格式无此项）" in lines
    assert any(line.endswith("· 自然人：（旧格式无此项） → 2") for line in lines)


def test_diff_across_formats_counts_the_zeros_of_either_format_alone_in_report_order():
    from tui_report.formats import FORMAT_2019, FORMAT_2021
    from tui_report.report.diffing import changed_values
    from tui_report.report.templates import new_report

    old = new_report("测试局", 2020, FORMAT_2019)
    new = new_report("测试局", 2020, FORMAT_2021)
    old.set(CellRef("art20_5", "licensing", "previous_items"), 7)
    lines = changed_values(old, new)
    assert not any(
        "（旧格式无此项） → 0" in line or "0 → （新格式无此项）" in line for line in lines
    )
    applications = FORMAT_2021.table("applications")
    only_new = sum(
        1
        for row in applications.entered_rows
        for column in applications.entered_columns
        if not FORMAT_2019.has_cell("applications", row.key, column.key)
    )
    assert f"三、收到和处理政府信息公开申请情况：另有 {only_new} 个旧格式没有的数，都是 0" in lines
    kept = "二 第二十条第（五）项 行政许可 · 上一年项目数量：7 → （新格式无此项）"
    assert kept in lines
    # part by part: everything of part 二 (either format's tables) before part 三
    parts = [line.split(" ", 1)[0][0] for line in lines[1:]]
    assert parts == sorted(parts, key="二三四".index)


def test_diff_of_unreadable_file_is_exit_2(tmp_path: Path, capsys):
    assert run(capsys, "diff", EXAMPLE, tmp_path / "missing.toml")[0] == 2


# --- sum ----------------------------------------------------------------------------------------


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(balanced_reports(), min_size=1, max_size=6))
def test_sum_of_valid_reports_is_the_cellwise_sum_and_valid(tmp_path: Path, reports: list[Report]):
    folder = tmp_path / f"county{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for i, report in enumerate(reports):
        report.agency = f"第{i}单位"
        create_report_file(report, folder / f"r{i}.toml")
    total = add_up([read_report(p).report for p in ReportFolder().collect([folder])], "合计")
    for table in total.format.tables:
        for row in table.entered_rows:
            for i in range(len(table.entered_columns)):
                assert total.cells[table.key][row.key][i] == sum(
                    r.cells[table.key][row.key][i] for r in reports
                )
    assert [p for p in validate(total) if p.is_error] == []


def test_sum_command_prints_the_overview_and_writes_a_valid_total(tmp_path: Path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.toml")
    shutil.copy(EXAMPLE, folder / "b.toml")
    replace(folder / "b.toml", 'agency = "示例市示例区人民政府"', 'agency = "示例县人民政府"')
    total = tmp_path / "total.toml"
    code, out, err = run(capsys, "sum", folder, "-o", total, "--agency", "示例市")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == [
        "发布机关",
        "新收",
        "上年结转",
        "办结",
        "结转下年度",
        "行政复议",
        "行政诉讼",
        "错误",
    ]
    assert lines[2].split() == ["示例市示例区人民政府", "51", "4", "53", "2", "4", "2", "0"]
    assert lines[-1].split() == ["合计", "102", "8", "106", "4", "8", "4"]
    report = read_report(total).report
    assert report.agency == "示例市" and report.year == 2024
    assert report.cells["applications"]["new_received"] == [84, 10, 2, 0, 4, 2]
    assert [p for p in validate(report) if p.is_error] == []
    code, out, _ = run(capsys, "sum", folder, "--format", "json")
    assert json.loads(out)[-1]["新收"] == 102
    code, out, _ = run(capsys, "sum", folder, "--format", "csv")
    assert out.splitlines()[0] == "发布机关,新收,上年结转,办结,结转下年度,行政复议,行政诉讼,错误"


def test_sum_excludes_invalid_reports_unless_asked(tmp_path: Path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.toml")
    shutil.copy(EXAMPLE, folder / "bad.toml")
    replace(folder / "bad.toml", "granted = [20, 3, 1, 0, 1, 0]", "granted = [21, 3, 1, 0, 1, 0]")
    replace(folder / "bad.toml", 'agency = "示例市示例区人民政府"', 'agency = "示例县人民政府"')
    code, out, err = run(capsys, "sum", folder)
    assert code == 0 and "bad.toml: 有 2 个错误，不计入合计" in err
    assert out.splitlines()[-1].split()[:2] == ["合计", "51"]
    code, out, err = run(capsys, "sum", folder, "--include-invalid")
    assert "仍计入合计" in err and out.splitlines()[-1].split()[:2] == ["合计", "102"]


def test_sum_refuses_mixed_years(tmp_path: Path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.toml")
    report = read_report(EXAMPLE).report
    report.year = 2023
    set_row(report, "applications", "new_received", [42, 5, 1, 0, 2, 1])
    create_report_file(report, folder / "b.toml")
    code, _, err = run(capsys, "sum", folder)
    assert code == 2 and "年度不同" in err and "2023 年" in err and "2024 年" in err


def test_sum_counts_each_report_once_and_not_its_own_output(tmp_path: Path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.toml")
    (folder / "link.toml").symlink_to(folder / "a.toml")
    total = folder / "total.toml"
    code, out, _ = run(capsys, "sum", folder, folder / "a.toml", "-o", total, "--agency", "全区")
    assert code == 0 and out.splitlines()[-1].split()[:2] == ["合计", "51"]
    code, out, _ = run(capsys, "sum", folder, "-o", total, "--agency", "全区", "--force")
    assert code == 0 and out.splitlines()[-1].split()[:2] == [
        "合计",
        "51",
    ]  # total.toml not re-added


def test_sum_refuses_two_reports_of_one_agency_and_year(tmp_path: Path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "2024.toml")
    shutil.copy(EXAMPLE, folder / "2024-初稿.toml")
    code, _, err = run(capsys, "sum", folder)
    assert code == 2 and "多份报告" in err and "2024-初稿.toml" in err


def test_last_year_prefers_a_finished_report_over_a_draft(two_years, capsys):
    last, this = two_years
    draft = last.with_name("example-2024-初稿.toml")
    shutil.copy(last, draft)
    replace(draft, "granted = [20, 3, 1, 0, 1, 0]", "granted = [21, 3, 1, 0, 1, 0]")  # has errors
    _, out, _ = run(capsys, "check", this)
    assert f"（上年报告：{last}；另有：{draft}）" in out


def test_year_with_a_comment_is_still_found(two_years, capsys):
    last, this = two_years
    replace(last, "year = 2024\n", "year = 2024  # 年度\n")
    assert f"（上年报告：{last}）" in run(capsys, "check", this)[1]


def test_previous_that_cannot_be_read_is_an_error(two_years, capsys):
    _, this = two_years
    code, _, err = run(capsys, "check", this, "--previous", this.with_name("nope.toml"))
    assert code == 2 and "--previous" in err and "找不到文件" in err


def test_previous_is_used_only_for_the_year_after_it(two_years, capsys):
    last, this = two_years
    _, out, _ = run(capsys, "check", last, this, "--previous", last)
    assert "[carry-over]" not in out  # last year's own report is not checked against itself
    assert f"{this}: " in out and f"（上年报告：{last}）" in out


def test_previous_does_not_stop_the_lookup_for_other_years_and_agencies(two_years, capsys):
    last, this = two_years
    after = this.with_name("example-2026.toml")
    assert run(capsys, "new", after, "--from", this)[0] == 0
    _, out, _ = run(capsys, "check", this, after, "--previous", last)
    assert f"（上年报告：{last}）" in out  # for 2025, as given
    assert f"（上年报告：{this}）" in out  # for 2026, found as usual
    other = last.with_name("other-2024.toml")
    shutil.copy(last, other)
    replace(other, "示例市示例区人民政府", "示例市另一区人民政府")
    _, out, err = run(capsys, "check", this, "--previous", other)
    assert "注意" in err and "示例市另一区人民政府 2024 年的报告" in err
    assert f"（上年报告：{last}）" in out  # not another agency's report


# --- many files ---------------------------------------------------------------------------------


def test_directory_with_a_broken_file_still_checks_the_rest(tmp_path: Path, capsys):
    folder = tmp_path / "reports" / "2024"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "good.toml")
    shutil.copy(EXAMPLE, folder / "wrong.toml")
    replace(folder / "wrong.toml", "granted = [20, 3, 1, 0, 1, 0]", "granted = [21, 3, 1, 0, 1, 0]")
    (folder / "broken.toml").write_text("year = = 2024\n", encoding="utf-8")
    (folder / "notes.txt").write_text("不是报告", encoding="utf-8")
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "reports" / ".venv").mkdir()
    shutil.copy(folder / "wrong.toml", tmp_path / "reports" / ".venv" / "hidden.toml")
    code, out, err = run(capsys, "check", tmp_path / "reports")
    assert "跳过 1 个不像报告的 .toml 文件" in err and "pyproject.toml" in err
    assert code == 2
    assert "broken.toml:1:" in err
    assert f"{folder / 'good.toml'}: 没有问题" in out
    assert f"{folder / 'wrong.toml'}: 2 个错误，0 个警告" in out
    assert f"{folder / 'broken.toml'}: 无法读取" in out
    assert "检查了 3 个报告：2 个错误，0 个警告，1 个文件无法读取" in out


def test_parallel_check_gives_the_same_results_as_one_by_one(tmp_path: Path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        target = folder / f"r{i:02}.toml"
        shutil.copy(EXAMPLE, target)
        if i % 7 == 0:
            replace(target, "granted = [20, 3, 1, 0, 1, 0]", f"granted = [20, 3, {i}, 0, 1, 0]")
    run_all = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", "--json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    parallel = json.loads(run_all.stdout)["files"]
    assert len(parallel) == 60
    for item in parallel:
        alone = check_file(item["file"])
        assert [p["message"] for p in item["problems"]] == [p.message for p in alone.problems]


# --- the whole cycle ----------------------------------------------------------------------------


def test_done_when_cycle_from_last_years_published_text(tmp_path: Path, capsys):
    """Import last year's published text, start this year from it, catch a wrong
    上年结转, diff the versions, and add up a folder."""
    from .. import import_layouts

    published = tmp_path / "2024年报.txt"
    published.write_text(import_layouts.pdf_text(read_report(EXAMPLE).report), encoding="utf-8")
    last = tmp_path / "2024.toml"
    assert run(capsys, "import", published, "-o", last)[0] == 0
    this = tmp_path / "2025.toml"
    assert run(capsys, "new", this, "--from", last)[0] == 0
    assert read_report(this).report.cells["applications"]["carried_over"] == EXAMPLE_FORWARD
    draft = tmp_path / "draft.toml"
    shutil.copy(this, draft)
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [1, 0, 0, 0, 0, 2]")
    code, out, _ = run(capsys, "check", this, "--previous", last)
    assert code == 1 and "[carry-over]" in out
    code, out, _ = run(capsys, "diff", draft, this)
    assert code == 1 and out.splitlines() == ["三 二、上年结转政府信息公开申请数量 · 其他：1 → 2"]
    county = tmp_path / "county"
    county.mkdir()
    shutil.copy(last, county / "a.toml")
    shutil.copy(EXAMPLE, county / "b.toml")
    code, out, _ = run(capsys, "sum", county, "-o", tmp_path / "total.toml")
    assert code == 2 and "同一机关同一年度" in out + _
    replace(county / "b.toml", "示例市示例区人民政府", "示例市另一区人民政府")
    code, out, _ = run(capsys, "sum", county, "-o", tmp_path / "total.toml")
    assert code == 0 and out.splitlines()[-1].split()[:2] == ["合计", "102"]
    assert run(capsys, "check", tmp_path / "total.toml")[0] == 0


def test_reports_survive_the_trip_to_a_worker_process():
    import pickle

    report = read_report(EXAMPLE).report
    again = pickle.loads(pickle.dumps(report))
    assert again.format is report.format and again.cells == report.cells
    assert again.get(CellRef("applications", "total", "total")) == 53


def test_check_in_a_gbk_terminal_writes_what_gbk_lacks_as_an_escape(two_years):
    """LANG=zh_CN.GBK (old servers): the in-force message's − (U+2212) is not in GBK and
    ``check`` stopped with a UnicodeEncodeError traceback."""
    last, this = two_years
    replace(this, "normative_documents = [0, 0, 38]", "normative_documents = [2, 1, 40]")
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", str(this), "--previous", str(last)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    out = done.stdout.decode("gbk")
    assert b"Traceback" not in done.stderr and done.returncode == 1
    assert (
        "现行有效件数：本年为 40，而上年" in out and "本年制发件数 2 \\u2212 本年废止件数 1" in out
    )


async def test_f8_reaches_last_years_error_and_the_list_takes_errors_first(two_years):
    """The carry-over error (found once last year's report is compared) is in F8's round
    of the report's problems, and the problem list shows errors before warnings."""
    from tui_report.tui.launch import make_app

    _, this = two_years
    replace(this, "carried_over = [1, 0, 0, 0, 0, 1]", "carried_over = [2, 0, 0, 0, 0, 1]")
    app = make_app(this, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_done(pilot)
        editor = app.screen
        severities = [p.is_error for p in editor.problems]
        assert True in severities and False in severities  # both kinds are there
        assert severities == sorted(severities, reverse=True)  # errors, then warnings
        visited = []
        for _ in editor.problems:
            await pilot.press("f8")
            visited.append(editor.moves.visited_problem[0])
        assert sorted(map(id, visited)) == sorted(map(id, editor.problems))  # each once
        assert any(p.rule == "carry-over" for p in visited)
