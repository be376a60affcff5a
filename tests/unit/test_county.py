"""The county's folder taken together (core, no Textual): rows, year links, the total of a
year and what it leaves out, missing reports, names spelled two ways, files changed on
disk and git's view of them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tui_report.cli import main
from tui_report.folder.agencies import AgencyNames, read_agencies
from tui_report.folder.county import analyse
from tui_report.folder.git_status import git_states
from tui_report.folder.rows import NEW, changed_files, inspect_file, listed_rows, stamps
from tui_report.folder.year_total import year_total, years_of

from ..county_data import AGENCIES, VALID_2024, county, renamed_unit, two_years


def rows_of(folder: Path):
    return [inspect_file(r.path) for r in listed_rows(folder)]


def test_the_listing_knows_each_report_by_its_top(tmp_path: Path):
    county(tmp_path)
    (tmp_path / "notes.toml").write_text('title = "不是报告"\n', encoding="utf-8")
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    listing = listed_rows(tmp_path)
    assert [Path(r.path).name for r in listing] == sorted(
        p.name for p in tmp_path.glob("*.toml") if p.name not in ("notes.toml", "agencies.toml")
    )
    first = next(r for r in listing if r.path.endswith("gongan-2024.toml"))
    assert (first.agency, first.year, first.checked) == ("示例县公安局", 2024, False)


def test_a_row_has_the_overview_numbers_and_the_problems(tmp_path: Path, capsys):
    county(tmp_path)
    row = inspect_file(str(tmp_path / "shuili-2024.toml"))
    assert row.checked and row.counts == (2, 0)
    assert main(["sum", str(tmp_path / "gongan-2024.toml"), "--format", "json"]) == 0
    overview = json.loads(capsys.readouterr().out)[0]
    good = inspect_file(str(tmp_path / "gongan-2024.toml"))
    assert good.numbers[NEW] == overview["新收"]
    assert list(good.numbers) == [overview[k] for k in list(overview)[1:7]]


def test_an_unreadable_file_is_a_row_that_says_why(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "2021"\nagency = "甲"\nyear = 2024\n[applications\n', "utf-8")
    row = inspect_file(str(bad))
    assert row.checked and row.unreadable and "TOML 语法错误" in row.unreadable
    assert (row.agency, row.year) == ("甲", 2024)  # from its top, which can be read


def test_each_report_is_linked_to_its_agencys_last_year(tmp_path: Path):
    county(tmp_path)
    analysis = analyse(rows_of(tmp_path), AgencyNames())
    links = {Path(k).name: Path(v.previous).name for k, v in analysis.links.items()}
    assert links == {
        "jiaoyu-2024.toml": "jiaoyu-2023.toml",
        "gongan-2024.toml": "gongan-2023.toml",
        "shuili-2024.toml": "shuili-2023.toml",
    }
    assert all(not link.problems for link in analysis.links.values())  # carried over right


def test_the_total_is_what_sum_adds_up_and_says_what_it_leaves_out(tmp_path: Path, capsys):
    county(tmp_path)
    rows = rows_of(tmp_path)
    total = year_total(rows, 2024, analyse(rows, AgencyNames()))
    assert main(["sum", *(str(tmp_path / n) for n in VALID_2024), "--format", "json"]) == 0
    summed = json.loads(capsys.readouterr().out)[-1]
    assert total.counted == 2
    assert total.numbers == [summed[k] for k in list(summed)[1:7]]
    assert [(Path(r.path).name, why) for r, why in total.left_out] == [
        ("shuili-2024.toml", "有 2 个错误")
    ]
    assert years_of(rows) == [2024, 2023]


def test_a_carry_over_mismatch_leaves_a_report_out(tmp_path: Path):
    county(tmp_path)
    path = tmp_path / "jiaoyu-2024.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "carried_over = [1, 1, 1, 1, 1, 1]", "carried_over = [1, 1, 1, 1, 1, 0]"
        ).replace("new_received = [12, 2, 0, 0, 1, 0]", "new_received = [12, 2, 0, 0, 1, 1]"),
        encoding="utf-8",
    )
    rows = rows_of(tmp_path)
    analysis = analyse(rows, AgencyNames())
    row = next(r for r in rows if r.path == str(path))
    assert row.counts == (0, 0)  # the file alone is fine
    assert analysis.errors(row) == 1  # against last year's 结转下年度 it is not
    reasons = dict((Path(r.path).name, why) for r, why in year_total(rows, 2024, analysis).left_out)
    assert reasons["jiaoyu-2024.toml"] == "与上年报告比对有 1 个错误"


def test_missing_reports_of_this_year_are_listed(tmp_path: Path):
    county(tmp_path)
    analysis = analyse(rows_of(tmp_path), AgencyNames())
    missing = analysis.missing(2024)
    assert [Path(f.paths[0]).name for f in missing] == ["minzheng-2023.toml"]
    assert "示例县民政局" in missing[0].message and analysis.missing(2023) == []


def test_two_reports_of_one_agency_and_year_are_left_out_both(tmp_path: Path):
    county(tmp_path)
    draft = (tmp_path / "jiaoyu-2024.toml").read_text(encoding="utf-8")
    (tmp_path / "jiaoyu-2024-初稿.toml").write_text(draft, encoding="utf-8")
    rows = rows_of(tmp_path)
    analysis = analyse(rows, AgencyNames())
    duplicate = [f for f in analysis.findings if f.kind == "duplicate"]
    assert len(duplicate) == 1 and len(duplicate[0].paths) == 2
    total = year_total(rows, 2024, analysis)
    assert total.counted == 1  # only 公安局
    assert {Path(r.path).name for r, why in total.left_out if why.startswith("同一机关")} == {
        "jiaoyu-2024.toml",
        "jiaoyu-2024-初稿.toml",
    }


def test_a_renamed_agency_is_suggested_and_merged_by_the_mapping(tmp_path: Path):
    renamed_unit(tmp_path)
    rows = rows_of(tmp_path)
    analysis = analyse(rows, AgencyNames())
    assert analysis.links == {}
    assert [f.kind for f in analysis.findings] == ["missing", "renamed"]
    renamed = analysis.findings[1]
    assert renamed.suggestion == ("淮安市洪泽区人民政府", ("洪泽县人民政府",))
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    analysis = analyse(rows, read_agencies(tmp_path / "agencies.toml"))
    assert [Path(p).name for p in analysis.links] == ["hongze-2024.toml"]
    assert analysis.findings == []  # one agency: nothing missing, nothing to suggest


def test_a_prefix_added_is_linked_and_suggested(tmp_path: Path):
    two_years(tmp_path, "示例县教育局", "jiaoyu", (10, 12))
    path = tmp_path / "jiaoyu-2024.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("示例县教育局", "示例市示例县教育局"), "utf-8"
    )
    analysis = analyse(rows_of(tmp_path), AgencyNames())
    assert [Path(p).name for p in analysis.links] == ["jiaoyu-2024.toml"]
    (spelling,) = analysis.findings
    assert spelling.kind == "spelling"
    assert spelling.suggestion == ("示例市示例县教育局", ("示例县教育局",))


def test_one_name_with_and_without_its_prefix_in_one_year(tmp_path: Path):
    two_years(tmp_path, "示例县教育局", "a", (10, 12))
    two_years(tmp_path, "示例市示例县教育局", "b", (3, 4))
    kinds = [f.kind for f in analyse(rows_of(tmp_path), AgencyNames()).findings]
    assert kinds.count("spelling") == 2  # in 2023 and in 2024: maybe two reports of one


# --- the folder on disk -----------------------------------------------------------------


def test_changed_files_are_found_by_their_stamps_alone(tmp_path: Path):
    county(tmp_path)
    known = stamps(tmp_path)
    not_reports: dict = {}
    assert changed_files(tmp_path, known, not_reports)[:2] == ([], [])
    path = tmp_path / "gongan-2024.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.remove(tmp_path / "minzheng-2023.toml")
    (tmp_path / "notes.toml").write_text('title = "不是报告"\n', encoding="utf-8")
    two_years(tmp_path, "示例县财政局", "caizheng", (1, 2))
    changed, gone, now = changed_files(tmp_path, known, not_reports)
    assert sorted(Path(p).name for p in changed) == [
        "caizheng-2023.toml",
        "caizheng-2024.toml",
        "gongan-2024.toml",
    ]
    assert [Path(p).name for p in gone] == ["minzheng-2023.toml"]
    assert str(tmp_path / "notes.toml") in not_reports  # looked at once, then left alone
    assert changed_files(tmp_path, now, not_reports)[:2] == ([], [])


def test_git_says_which_files_are_modified_or_untracked(tmp_path: Path):
    folder = county(tmp_path / "repo")
    assert git_states(folder) is None  # not a repository (yet)
    author = ["-c", "user.name=测试", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "add", "."], check=True)
    subprocess.run(["git", "-C", str(folder), *author, "commit", "-qm", "年报"], check=True)
    assert git_states(folder) == {}
    path = folder / "gongan-2024.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    two_years(folder, "示例县财政局", "caizheng", (1, 2))
    states = git_states(folder)
    assert states == {
        str(path): "修改",
        str(folder / "caizheng-2023.toml"): "未跟踪",
        str(folder / "caizheng-2024.toml"): "未跟踪",
    }
    rows = {r.path for r in listed_rows(folder)}
    assert set(states) <= rows  # the same paths as the listing's
