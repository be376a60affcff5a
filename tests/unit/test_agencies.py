"""agencies.toml: one agency's names spelled several ways, as ``check``, ``sum`` and the
folder view use them; a malformed file is one clear message with its line, never a
report."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.cli.check import check_files
from tui_report.folder.agencies import (
    AgenciesError,
    add_to_file,
    agencies_file_for,
    agencies_for,
    read_agencies,
)

from ..county_data import AGENCIES, county, renamed_unit, two_years


def test_the_mapping_names_one_agency(tmp_path: Path):
    path = tmp_path / "agencies.toml"
    path.write_text(AGENCIES, encoding="utf-8")
    names = read_agencies(path)
    assert names.unified("洪泽县人民政府") == "淮安市洪泽区人民政府"
    assert names.unified("洪泽区人民政府") == "淮安市洪泽区人民政府"
    assert names.unified("示例县教育局") == "示例县教育局"  # not listed: itself
    assert names.same("洪泽县人民政府", "洪泽区人民政府")
    assert names.same("洪泽县人民政府", "淮安市洪泽区人民政府")
    assert not names.same("洪泽县人民政府", "洪泽县公安局")
    assert sorted(names.aliases("洪泽县人民政府")) == ["洪泽区人民政府", "淮安市洪泽区人民政府"]
    assert names.aliases("示例县教育局") == ()
    # full-width letters and spaces as ``check`` compares names
    assert names.unified("洪泽县 人民政府") == "淮安市洪泽区人民政府"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("[agencies\n", 1, "TOML 语法错误"),
        ('[agencies]\n"甲县人民政府" = 3\n', 2, "应是名称的列表"),
        ('[agencies]\n"甲县人民政府" = ["乙"]\n"丙县人民政府" = ["乙"]\n', 3, "已在"),
        ('agency = "甲县人民政府"\n', 1, "不认识的键"),
        ('[agencies]\n"甲县人民政府" = [""]\n', 2, "空的名称"),
    ],
    ids=["syntax", "not-a-list", "two-groups", "a-report-key", "empty-name"],
)
def test_a_malformed_file_is_one_message_with_its_line(
    tmp_path: Path, text: str, line: int, says: str
):
    path = tmp_path / "agencies.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AgenciesError) as caught:
        read_agencies(path)
    assert caught.value.line == line
    assert says in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}")


def test_the_file_applies_up_to_the_top_of_the_repository(tmp_path: Path):
    repo = tmp_path / "repo"
    year = repo / "reports" / "2024"
    year.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    assert agencies_file_for(year) == repo / "agencies.toml"
    assert agencies_file_for(year / "a.toml") == repo / "agencies.toml"
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")  # above the repo
    other = repo / "elsewhere"
    other.mkdir()
    (repo / "agencies.toml").unlink()
    assert agencies_file_for(year) is None  # not beyond the repository's top


def test_outside_a_repository_only_the_folder_itself(tmp_path: Path):
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    assert agencies_file_for(tmp_path) == tmp_path / "agencies.toml"
    assert agencies_file_for(inner) is None


# --- check ----------------------------------------------------------------------------


def test_check_finds_last_year_through_the_mapping(tmp_path: Path, capsys):
    last, this = renamed_unit(tmp_path)
    assert check_files([tmp_path]) == 0
    assert "上年报告" not in capsys.readouterr().out  # 洪泽县 ≠ 淮安市洪泽区 by name alone
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    assert check_files([tmp_path]) == 0
    out = capsys.readouterr().out
    assert f"{this}: 没有问题（上年报告：{last}）" in out
    assert "检查了 2 个报告" in out  # agencies.toml is not a report


def test_check_compares_the_mapped_years_cell_by_cell(tmp_path: Path, capsys):
    _, this = renamed_unit(tmp_path)
    text = this.read_text(encoding="utf-8")
    this.write_text(
        text.replace("carried_over = [1, 1, 1, 1, 1, 1]", "carried_over = [4, 1, 1, 1, 1, 1]"),
        encoding="utf-8",
    )
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    assert check_files([tmp_path]) == 1
    assert "错误 [carry-over]" in capsys.readouterr().out


def test_check_skips_agencies_toml_named_on_the_command_line(tmp_path: Path, capsys):
    county(tmp_path)
    mapping = tmp_path / "agencies.toml"
    mapping.write_text(AGENCIES, encoding="utf-8")
    files = sorted(tmp_path.glob("*.toml"))  # as the shell's reports/*.toml gives them
    assert mapping in files
    check_files(files)
    out = capsys.readouterr().out
    # checked as what it is (issue 25), never as a report
    mapping_lines = [line for line in out.splitlines() if "agencies.toml" in line]
    assert mapping_lines == [f"{mapping}: 没有问题（发布机关名称对照表：1 个机关，2 种其他写法）"]
    assert f"检查了 {len(files) - 1} 个报告" in out


def test_check_says_what_is_wrong_with_the_mapping_and_still_checks(tmp_path: Path, capsys):
    county(tmp_path)
    (tmp_path / "agencies.toml").write_text('[agencies]\n"甲" = 3\n', encoding="utf-8")
    assert check_files([tmp_path]) == 2
    captured = capsys.readouterr()
    assert f"{tmp_path / 'agencies.toml'}:2: " in captured.err
    assert "应是名称的列表" in captured.err and "Traceback" not in captured.err
    assert "检查了 7 个报告：2 个错误" in captured.out  # the reports are checked all the same
    assert "agencies.toml 有错误（未使用）" in captured.out


def test_check_notes_two_reports_of_one_agency_and_year(tmp_path: Path, capsys):
    two_years(tmp_path, "示例县教育局", "jiaoyu", (10, 12))
    draft = (tmp_path / "jiaoyu-2024.toml").read_text(encoding="utf-8")
    (tmp_path / "jiaoyu-2024-初稿.toml").write_text(draft, encoding="utf-8")
    check_files([tmp_path])
    out = capsys.readouterr().out
    assert "注意：同一机关 2024 年度有 2 份报告" in out
    assert "jiaoyu-2024-初稿.toml" in out


def test_check_notes_a_name_written_two_ways(tmp_path: Path, capsys):
    two_years(tmp_path, "示例县教育局", "jiaoyu", (10, 12))
    path = tmp_path / "jiaoyu-2024.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("示例县教育局", "示例市示例县教育局"),
        encoding="utf-8",
    )
    check_files([tmp_path])
    out = capsys.readouterr().out
    assert "注意：“示例县教育局”（2023 年）与“示例市示例县教育局”（2024 年）写法不同" in out
    (tmp_path / "agencies.toml").write_text(
        '[agencies]\n"示例市示例县教育局" = ["示例县教育局"]\n', encoding="utf-8"
    )
    check_files([tmp_path])
    assert "写法不同" not in capsys.readouterr().out  # recorded as one: nothing to say


def test_check_json_has_the_notes_and_the_mappings_error(tmp_path: Path, capsys):
    county(tmp_path)
    (tmp_path / "agencies.toml").write_text("[agencies\n", encoding="utf-8")
    assert check_files([tmp_path], as_json=True) == 2
    data = json.loads(capsys.readouterr().out)
    assert "TOML 语法错误" in data["agencies_error"]
    assert data["notes"] == []


# --- sum ------------------------------------------------------------------------------


def test_sum_names_agencies_by_the_mapping(tmp_path: Path, capsys):
    county(tmp_path)
    renamed_unit(tmp_path)
    (tmp_path / "hongze-2024.toml").write_text(
        (tmp_path / "hongze-2024.toml")
        .read_text(encoding="utf-8")
        .replace("淮安市洪泽区人民政府", "洪泽县人民政府"),  # the old name, still in use
        encoding="utf-8",
    )
    files = [str(p) for p in sorted(tmp_path.glob("*-2024.toml"))]
    assert main(["sum", *files, "--format", "json"]) == 0
    names = [row["发布机关"] for row in json.loads(capsys.readouterr().out)]
    assert "洪泽县人民政府" in names
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    assert main(["sum", *files, "--format", "json"]) == 0
    names = [row["发布机关"] for row in json.loads(capsys.readouterr().out)]
    assert "淮安市洪泽区人民政府" in names and "洪泽县人民政府" not in names


def test_sum_refuses_two_spellings_of_one_agency_in_one_year(tmp_path: Path, capsys):
    renamed_unit(tmp_path)
    spelled = (tmp_path / "hongze-2024.toml").read_text(encoding="utf-8")
    (tmp_path / "hongze-2024-b.toml").write_text(
        spelled.replace("淮安市洪泽区人民政府", "洪泽区人民政府"), encoding="utf-8"
    )
    files = [str(tmp_path / "hongze-2024.toml"), str(tmp_path / "hongze-2024-b.toml")]
    assert main(["sum", *files]) == 0  # two names, two agencies: nothing says otherwise
    capsys.readouterr()
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    assert main(["sum", *files]) == 2
    assert "同一机关同一年度有多份报告" in capsys.readouterr().err


def test_sum_refuses_a_malformed_mapping(tmp_path: Path, capsys):
    county(tmp_path)
    (tmp_path / "agencies.toml").write_text('[agencies]\n"甲" = 3\n', encoding="utf-8")
    assert main(["sum", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "agencies.toml:2: " in err and "请改正后再汇总" in err


# --- adding a group ----------------------------------------------------------------------


def test_a_group_is_added_keeping_what_is_there(tmp_path: Path):
    path = tmp_path / "agencies.toml"
    path.write_text("# 本县的对照表\n" + AGENCIES, encoding="utf-8")
    add_to_file(path, "示例市示例县教育局", ["示例县教育局"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 本县的对照表\n" + AGENCIES)
    names = read_agencies(path)
    assert names.unified("示例县教育局") == "示例市示例县教育局"
    assert names.unified("洪泽县人民政府") == "淮安市洪泽区人民政府"


def test_a_new_file_is_created_with_a_comment(tmp_path: Path):
    path = tmp_path / "agencies.toml"
    add_to_file(path, "淮安市洪泽区人民政府", ["洪泽区人民政府"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 同一机关的不同写法")
    assert agencies_for([tmp_path]).unified("洪泽区人民政府") == "淮安市洪泽区人民政府"


def test_a_group_that_would_conflict_is_refused_and_nothing_written(tmp_path: Path):
    path = tmp_path / "agencies.toml"
    path.write_text(AGENCIES, encoding="utf-8")
    with pytest.raises(AgenciesError, match="已在"):
        add_to_file(path, "另一个县人民政府", ["洪泽县人民政府"])
    assert path.read_text(encoding="utf-8") == AGENCIES
