"""A county's repository of reports under git (issue 25): the hook checks what it is given
as what it is (agencies.toml as the names table, pyproject.toml not at all), git diff's
textconv shows every change (agencies.toml, comments, unknown keys), and a total written
by ``sum`` is never added up again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.export.textconv import UNSHOWN_HEADING, textconv

from ..conftest import EXAMPLE, ROOT

AGENCIES = '# 对照表\n[agencies]\n"示例市示例区人民政府" = ["示例区人民政府"]\n'


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- check: agencies.toml and other TOML files ----------------------------------------------------


def test_checking_agencies_toml_alone_checks_it_as_the_names_table(tmp_path, capsys):
    """Committing agencies.toml alone was refused: 目录中没有找到要检查的 .toml 文件 (exit 2)."""
    mapping = tmp_path / "agencies.toml"
    mapping.write_text(AGENCIES, encoding="utf-8")
    code, out, err = run(capsys, "check", str(mapping))
    assert code == 0, err
    assert out == f"{mapping}: 没有问题（发布机关名称对照表：1 个机关，1 种其他写法）\n"


def test_a_wrong_agencies_toml_is_refused_with_its_line(tmp_path, capsys):
    mapping = tmp_path / "agencies.toml"
    mapping.write_text('[agencies]\n"甲" = [1]\n', encoding="utf-8")
    code, _, err = run(capsys, "check", str(mapping))
    assert code == 2
    assert err.count(f"{mapping}:2: ") == 1 and "应是名称的列表" in err  # said once
    mapping.write_text("[agencies\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--only-reports", str(mapping))
    assert code == 2 and f"{mapping}:1:" in err and "Traceback" not in err


def test_only_reports_skips_other_toml_files_as_check_dir_does(tmp_path, capsys):
    """The hook is given every staged .toml: pyproject.toml gave 35 errors."""
    pyproject = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", pyproject)
    code, out, _ = run(capsys, "check", str(pyproject))
    assert code == 1 and "35 个错误" in out  # what it did, and still does, without the option
    code, out, err = run(capsys, "check", "--only-reports", str(pyproject))
    assert code == 0 and out == ""
    assert "跳过 1 个不像报告的 .toml 文件（" in err
    report = tmp_path / "r.toml"
    report.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("[42, 5,", "[43, 5,"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", "--only-reports", str(pyproject), str(report))
    assert code == 1 and "applicant-balance" in out and "检查了 1 个报告" in out


def test_the_rule_is_the_one_check_dir_uses(tmp_path, capsys):
    """A file check DIR skips is the file --only-reports skips, and no other."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy(EXAMPLE, tmp_path / "r.toml")
    (tmp_path / "odd.toml").write_text('year = 2024\nagency = "某局"\n', encoding="utf-8")
    _, by_folder, folder_err = run(capsys, "check", str(tmp_path))
    files = sorted(str(p) for p in tmp_path.glob("*.toml"))
    _, by_files, files_err = run(capsys, "check", "--only-reports", *files)
    assert by_folder == by_files
    assert "跳过 1 个不像报告的 .toml 文件" in folder_err and "跳过 1 个" in files_err


# --- textconv ----------------------------------------------------------------------------------


def test_textconv_shows_agencies_toml_as_itself(tmp_path):
    """Exported as a report both versions were the same blank “？” report: no diff."""
    mapping = tmp_path / "agencies.toml"
    mapping.write_text(AGENCIES, encoding="utf-8")
    assert textconv(mapping) == AGENCIES
    pyproject = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", pyproject)
    assert textconv(pyproject) == pyproject.read_text(encoding="utf-8")


def test_textconv_of_a_report_as_written_is_its_layout_alone(tmp_path, capsys):
    code, layout, _ = run(capsys, "export", str(EXAMPLE))
    assert code == 0
    assert textconv(EXAMPLE) == layout
    assert UNSHOWN_HEADING not in layout


def test_textconv_shows_comments_and_unknown_keys(tmp_path):
    """A changed comment or an unknown key changed nothing in the textconv output."""
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    before = textconv(path)
    edited = (
        text.replace("[applications]\n", "[applications]\n# 已与台账核对\n", 1).replace(
            "[review_litigation]", "[review_litigation]\nnote = 1", 1
        )
        + "# 末尾的说明\n"
    )
    path.write_text(edited, encoding="utf-8")
    after = textconv(path)
    assert after != before and after.startswith(before.rstrip())
    section = after.split(UNSHOWN_HEADING + "\n", 1)[1]
    assert section.splitlines() == [
        "[applications] # 已与台账核对",
        "[review_litigation] note = 1",
        "[other_matters] # 末尾的说明",
    ]
    # a change to one of those lines is a change of the text git compares
    changed = edited.replace("# 已与台账核对", "# 已与台账核对（二）")
    path.write_text(changed, encoding="utf-8")
    assert textconv(path) != after


def test_textconv_of_a_file_that_is_no_report_any_more(tmp_path, capsys):
    path = tmp_path / "r.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("licensing = 1287", "licensing = 1287 1")
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "export", "--textconv", str(path))
    assert code == 0 and err == ""
    first, _, rest = out.partition("\n")
    assert "TOML 语法错误" in first and "以下是文件原文" in first
    assert rest == text


# --- a total written by sum -----------------------------------------------------------------------


def county_of_two(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "a.toml").write_text(text, encoding="utf-8")
    (folder / "b.toml").write_text(text.replace("示例市示例区人民政府", "示例县某局"), "utf-8")


def summed(capsys, folder: Path) -> dict:
    code, out, err = run(capsys, "sum", str(folder), "--format", "json")
    assert code == 0, err
    return json.loads(out)[-1]


def test_a_total_in_the_folder_is_not_added_again(tmp_path, capsys):
    """sum -o 合计.toml into the folder, then sum of the folder: 204 instead of 102."""
    folder = tmp_path / "county"
    county_of_two(folder)
    assert summed(capsys, folder)["新收"] == 102
    code, _, err = run(capsys, "sum", str(folder), "-o", str(folder / "合计.toml"))
    assert code == 0, err
    written = (folder / "合计.toml").read_text(encoding="utf-8")
    assert "\ntotal_of = 2  # 2 份报告的合计" in written
    code, out, err = run(capsys, "sum", str(folder), "--format", "json")
    assert code == 0
    assert json.loads(out)[-1]["新收"] == 102
    assert f"{folder / '合计.toml'}: 是 2 份报告的合计（sum 写出），不计入" in err


def test_check_says_a_total_is_a_total(tmp_path, capsys):
    folder = tmp_path / "county"
    county_of_two(folder)
    run(capsys, "sum", str(folder), "-o", str(tmp_path / "合计.toml"))
    code, out, _ = run(capsys, "check", str(tmp_path / "合计.toml"))
    assert code == 0  # warnings only: an empty overview and no fee sentence
    assert "2 份报告的合计，由 sum 写出；汇总时不再计入" in out
    assert "unknown-key" not in out  # total_of is a key the program knows
    _, out, _ = run(capsys, "check", "--json", str(tmp_path / "合计.toml"))
    assert json.loads(out)["files"][0]["total_of"] == 2


def test_a_wrong_total_marker_is_a_problem_and_still_a_total(tmp_path, capsys):
    path = tmp_path / "合计.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "year = 2024", 'year = 2024\ntotal_of = "多"'
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "[total-of-type]" in out
    county_of_two(tmp_path)
    assert summed(capsys, tmp_path)["新收"] == 102  # a.toml and b.toml alone


def test_the_folder_views_total_leaves_a_total_out(tmp_path):
    from tui_report.folder.agencies import AgencyNames
    from tui_report.folder.county import analyse
    from tui_report.folder.rows import inspect_file
    from tui_report.folder.year_total import year_total

    county_of_two(tmp_path)
    main(["sum", str(tmp_path), "-o", str(tmp_path / "合计.toml")])
    rows = [inspect_file(str(p)) for p in sorted(tmp_path.glob("*.toml"))]
    analysis = analyse(rows, AgencyNames())
    total = year_total(rows, 2024, analysis)
    assert total.counted == 2 and total.numbers[0] == 102
    assert [(Path(row.path).name, why) for row, why in total.left_out] == [
        ("合计.toml", "是 2 份报告的合计（sum 写出）")
    ]
    assert not [f for f in analysis.findings if "合计" in str(f)]  # no unit, no finding


def test_the_folder_view_says_the_total_it_leaves_out_is_a_total(tmp_path):
    """The view's line under the list called it 格式不同 (a format other than the year's)."""
    from tui_report.folder.agencies import AgencyNames
    from tui_report.folder.county import analyse
    from tui_report.folder.rows import inspect_file
    from tui_report.folder.year_total import year_total
    from tui_report.tui.folder.text import left_out_line

    county_of_two(tmp_path)
    main(["sum", str(tmp_path), "-o", str(tmp_path / "合计.toml")])
    rows = [inspect_file(str(p)) for p in sorted(tmp_path.glob("*.toml"))]
    analysis = analyse(rows, AgencyNames())
    line = left_out_line(year_total(rows, 2024, analysis), analysis, None)
    assert line.startswith(" 不计入 1 份：是合计 1")


@pytest.mark.slow
def test_export_force_of_a_file_in_a_merge_conflict_gives_its_text_for_git_diff(
    example: Path,
):
    """README's git textconv (export --quiet --force): a report with conflict markers
    is not TOML; exiting 2 made `git diff` stop with "unable to read files to diff"
    exactly when the two versions must be compared."""
    import subprocess
    import sys

    text = example.read_text(encoding="utf-8")
    conflicted = text.replace(
        "new_received = [42, 5, 1, 0, 2, 1]",
        "<<<<<<< HEAD\nnew_received = [42, 5, 1, 0, 2, 1]\n=======\n"
        "new_received = [43, 5, 1, 0, 2, 1]\n>>>>>>> 同事",
    )
    example.write_text(conflicted, encoding="utf-8")

    def export(*options: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tui_report", "export", str(example), *options]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    plain = export()
    assert plain.returncode == 2 and plain.stdout == ""  # no --force: refused as before
    assert "TOML 语法错误" in plain.stderr
    forced = export("--quiet", "--force")
    assert forced.returncode == 0 and forced.stderr == ""
    first, rest = forced.stdout.split("\n", 1)
    assert "无法读取为报告" in first and "TOML 语法错误" in first
    assert rest == conflicted  # the file's own text, every line, for git to compare
    noted = export("--force")
    assert noted.returncode == 0 and "以原文导出" in noted.stderr
    html = export("--force", "--format", "html")
    assert html.returncode == 2 and html.stdout == ""  # only the text format, for git
