"""Last year's report found where people keep it: the same folder, a folder beside it named
for last year (``county/2024/`` beside ``county/2025/``), the repository's tree; and said
when it is not found (``check FILE``, ``check DIR``, the editor, the pre-commit hook)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.folder import year_folders
from tui_report.folder.index import ReportIndex
from tui_report.folder.year_folders import PreviousPlaces, names_year
from tui_report.report.model import CellRef
from tui_report.report.templates import new_year
from tui_report.storage import create_report_file, read_report

from ..builders import COMPLETE_TEXTS
from ..conftest import EXAMPLE

AGENCY = "示例市示例区人民政府"  # the example report's agency


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def this_year(path: Path, carried: int = 1, agency: str = AGENCY) -> Path:
    """A 2025 report following the example (2024) that balances and has no problem of its
    own: its 二、上年结转 · 自然人 is ``carried`` (last year's 四 says 1), all carried on."""
    last = read_report(EXAMPLE).report
    report = new_year(last, 2025, last.format)
    report.agency = agency
    report.texts.update(COMPLETE_TEXTS)
    report.set(CellRef("applications", "carried_over", "natural_person"), carried)
    for column, value in zip(
        ("natural_person", "other"), (carried, 1), strict=True
    ):  # 一 + 二 = 三（七）+ 四: what came over goes on to next year
        report.set(CellRef("applications", "carried_forward", column), value)
    path.parent.mkdir(parents=True, exist_ok=True)
    create_report_file(report, path)
    return path


def last_year(path: Path, agency: str = AGENCY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace(AGENCY, agency), encoding="utf-8")
    return path


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """county/2024/x-2024.toml and county/2025/x-2025.toml, the 2025 one contradicting
    last year's 结转下年度 (7 where 1 was carried forward), with nothing else wrong."""
    root = tmp_path / "county"
    last_year(root / "2024" / "x-2024.toml")
    this_year(root / "2025" / "x-2025.toml", carried=7)
    return root


def test_the_report_made_here_is_right_but_for_the_carry_over(tmp_path: Path, capsys):
    """(What the tests below rely on: alone, the 2025 report has no problem at all.)"""
    path = this_year(tmp_path / "x-2025.toml", carried=7)
    assert run(capsys, "check", path)[1].count("没有问题") == 1
    shutil.copy(EXAMPLE, tmp_path / "x-2024.toml")
    code, out, _ = run(capsys, "check", path)
    assert code == 1 and out.count("[carry-over]") == 1


# --- check FILE in a year folder ---------------------------------------------------------


def test_check_file_finds_last_year_in_the_year_folder_beside(county: Path, capsys):
    this = county / "2025" / "x-2025.toml"
    code, out, _ = run(capsys, "check", this)
    assert code == 1
    (line,) = [line for line in out.splitlines() if "[carry-over]" in line]
    assert "本年为 7" in line and "2024/x-2024.toml）四、结转下年度继续办理为 1" in line
    assert f"（上年报告：{county / '2024' / 'x-2024.toml'}）" in out


def test_check_from_inside_the_year_folder(county: Path, capsys, monkeypatch):
    monkeypatch.chdir(county / "2025")
    code, out, _ = run(capsys, "check", "x-2025.toml")
    assert code == 1 and "[carry-over]" in out
    assert "（上年报告：../2024/x-2024.toml）" in out  # written as the user would write it


def test_check_from_the_top_with_relative_paths(county: Path, capsys, monkeypatch):
    monkeypatch.chdir(county)
    code, out, _ = run(capsys, "check", "2025/x-2025.toml")
    assert code == 1 and "（上年报告：2024/x-2024.toml）" in out


@pytest.mark.parametrize("name", ["2024年", "reports-2024", "2024年度报告"])
def test_any_folder_beside_named_for_last_year(tmp_path: Path, capsys, name: str):
    last_year(tmp_path / name / "x.toml")
    this = this_year(tmp_path / "2025年" / "x.toml", carried=7)
    code, out, _ = run(capsys, "check", this)
    assert code == 1 and f"{name}/x.toml）四、结转下年度继续办理为 1" in out


def test_folders_named_for_other_years_are_not_the_year_folder_beside(tmp_path: Path, capsys):
    """20245/ is no folder of 2024: not looked into as the year folder beside 2025/ (the
    file in it is found only as ``check`` of the folder above finds it, from afar)."""
    far = last_year(tmp_path / "20245" / "x.toml")  # not 2024
    last_year(tmp_path / "2023" / "x.toml")
    this = this_year(tmp_path / "2025" / "x.toml", carried=7)
    assert year_folders.year_folders_beside(this.parent, 2024) == []
    assert year_folders.year_folders_beside(this.parent, 2023) == [tmp_path / "2023"]
    assert year_folders._nearness(str(this.parent), str(far), 2024) == year_folders.ELSEWHERE
    said = []
    for arguments in ([this], [tmp_path]):
        code, out, _ = run(capsys, "check", *arguments)
        assert code == 1 and str(far) in out, arguments
        said.append(next(line for line in out.splitlines() if line.startswith(f"{this}: ")))
    assert said[0] == said[1]  # check FILE and check DIR agree


def test_check_of_the_year_folder_finds_last_year_beside_it(county: Path, capsys):
    code, out, _ = run(capsys, "check", county / "2025")
    assert code == 1 and "[carry-over]" in out


def test_a_git_repository_tree_is_looked_through(tmp_path: Path, capsys):
    """county/2024/乡镇/x.toml for county/2025/乡镇/x.toml: neither beside nor in the
    same folder, but in the same repository."""
    repo = tmp_path / "county"
    (repo / ".git").mkdir(parents=True)
    last_year(repo / "2024" / "乡镇" / "x.toml")
    this = this_year(repo / "2025" / "乡镇" / "x.toml", carried=7)
    code, out, _ = run(capsys, "check", this)
    assert code == 1 and "[carry-over]" in out
    assert f"（上年报告：{repo / '2024' / '乡镇' / 'x.toml'}）" in out


def test_the_folder_of_agencies_toml_is_a_top_too(tmp_path: Path, capsys):
    """No git: the folder with the agencies' names is looked through (its tree), and a
    renamed agency is found there by that table."""
    county = tmp_path / "county"
    last_year(county / "archive" / "2024" / "x.toml", agency="示例区人民政府办公室")
    this = this_year(county / "x-2025.toml", carried=7)
    assert "[carry-over]" not in run(capsys, "check", this)[1]
    (county / "agencies.toml").write_text(
        f'[agencies]\n"{AGENCY}" = ["示例区人民政府办公室"]\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", this)
    assert code == 1 and "[carry-over]" in out and "archive/2024/x.toml" in out


def test_a_git_repository_below_agencies_toml_is_looked_through_to_its_top(tmp_path: Path, capsys):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    county = repo / "county"
    (county / "2025" / "乡镇").mkdir(parents=True)
    (county / "agencies.toml").write_text("[agencies]\n", encoding="utf-8")
    last_year(repo / "older" / "x.toml")
    this = this_year(county / "2025" / "乡镇" / "x.toml", carried=7)
    assert year_folders.repository_roots(this.parent) == [county, repo]
    code, out, _ = run(capsys, "check", this)
    assert code == 1 and "older/x.toml" in out


def test_nearest_place_wins_and_check_file_agrees_with_check_dir(tmp_path: Path, capsys):
    """The same folder before the folder beside before the rest of the repository,
    whichever way the file is checked."""
    repo = tmp_path / "county"
    (repo / ".git").mkdir(parents=True)
    far = last_year(repo / "old" / "x.toml")
    beside = last_year(repo / "2024" / "x.toml")
    this = this_year(repo / "2025" / "x.toml")
    for arguments in ([this], [repo], [this, far], [repo / "2025"]):
        out = run(capsys, "check", *arguments)[1]
        assert f"{this}: 没有问题（上年报告：{beside}）" in out, arguments
    same = last_year(repo / "2025" / "x-2024.toml")
    for arguments in ([this], [repo], [this, beside]):
        out = run(capsys, "check", *arguments)[1]
        assert f"{this}: 没有问题（上年报告：{same}）" in out, arguments


def test_check_file_agrees_with_check_dir_for_nested_year_folders_outside_git(
    tmp_path: Path, capsys, monkeypatch
):
    """No git, no agencies.toml: county/2024/乡镇/x.toml is last year's report of
    county/2025/x.toml for ``check county/``, and so for ``check county/2025/x.toml``
    (it looked only beside it: the files agreed on nothing)."""
    county = tmp_path / "county"
    nested = last_year(county / "2024" / "乡镇" / "x.toml")
    this = this_year(county / "2025" / "x.toml", carried=7)
    for arguments in ([county], [this], [county / "2025"]):
        code, out, _ = run(capsys, "check", *arguments)
        assert code == 1 and f"{this}: 1 个错误，0 个警告（上年报告：{nested}）" in out, arguments
    monkeypatch.chdir(county / "2025")
    code, out, _ = run(capsys, "check", "x.toml")
    assert code == 1 and "x.toml: 1 个错误，0 个警告（上年报告：../2024/乡镇/x.toml）" in out


def test_check_file_looks_through_its_own_folders_tree_outside_git(tmp_path: Path, capsys):
    county = tmp_path / "county"
    archived = last_year(county / "archive" / "x.toml")
    this = this_year(county / "x-2025.toml", carried=7)
    for arguments in ([county], [this]):
        code, out, _ = run(capsys, "check", *arguments)
        assert code == 1 and f"（上年报告：{archived}）" in out, arguments


def test_the_pre_commit_way_refuses_the_bad_carry_over(county: Path, capsys, monkeypatch):
    """pre-commit runs ``check`` on the staged files from the repository's top."""
    (county / ".git").mkdir()
    monkeypatch.chdir(county)
    code, out, _ = run(capsys, "check", "2025/x-2025.toml")
    assert code == 1 and "[carry-over]" in out


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_readme_pre_commit_hook_refuses_a_commit_in_a_year_folder(county: Path):
    """The README's recipe, as a user sets it up: a commit of the bad 2025 report fails."""
    program = Path(sys.executable).with_name("tui-report")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=county, env=env, capture_output=True, text=True, timeout=120
        )

    git("init", "-q")
    (county / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: tui-report-check\n"
        "        name: tui-report check\n"
        f"        entry: {program} check\n"
        "        language: system\n        files: '\\.toml$'\n        require_serial: true\n",
        encoding="utf-8",
    )
    git("add", ".pre-commit-config.yaml", "2024/x-2024.toml")
    assert git("commit", "-q", "-m", "2024").returncode == 0
    assert subprocess.run(["pre-commit", "install"], cwd=county, env=env, capture_output=True)
    git("add", "2025/x-2025.toml")
    refused = git("commit", "-q", "-m", "2025")
    assert refused.returncode != 0
    assert "[carry-over]" in refused.stdout + refused.stderr
    assert "2025" not in git("log", "--format=%s").stdout


# --- said when not found ------------------------------------------------------------------


def test_check_file_says_once_that_last_year_was_not_found(tmp_path: Path, capsys):
    this = this_year(tmp_path / "2025" / "x.toml", carried=7)
    code, out, _ = run(capsys, "check", this)
    assert code == 0 and "没有问题" in out
    notes = [line for line in out.splitlines() if "未找到" in line]
    assert notes == [
        f"注意：{this}：未找到{AGENCY} 2024 年度的报告，未做与上一年的比对（上年结转等）；"
        "可把上一年的报告放在同一目录或旁边的年度目录中，或用 --previous 指定"
    ]
    data = json.loads(run(capsys, "check", "--json", this)[1])
    assert [f["previous_not_found"] for f in data["files"]] == [True]
    last_year(tmp_path / "2024" / "x.toml")
    data = json.loads(run(capsys, "check", "--json", this)[1])
    assert [f["previous_not_found"] for f in data["files"]] == [False]


def test_check_dir_says_how_many_were_compared_with_nothing(tmp_path: Path, capsys):
    for n in range(5):
        this_year(tmp_path / f"x{n}.toml", agency=f"示例县第{n}局")
    out = run(capsys, "check", tmp_path)[1]
    notes = [line for line in out.splitlines() if "未找到" in line]
    assert len(notes) == 1 and notes[0].startswith("注意：5 个报告未找到同一机关上一年度的报告")
    assert notes[0].endswith("x2.toml等")


def test_given_previous_is_not_said_missing(tmp_path: Path, capsys):
    this = this_year(tmp_path / "a" / "x.toml", carried=7)
    code, out, _ = run(capsys, "check", this, "--previous", EXAMPLE)
    assert code == 1 and "未找到" not in out


# --- bounds -----------------------------------------------------------------------------


def test_a_repository_tree_is_looked_through_within_bounds(tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    deep = repo / "a" / "b" / "c" / "d"
    last_year(deep / "x.toml")
    this = this_year(repo / "2025" / "x.toml")
    places = PreviousPlaces(ReportIndex())
    assert places.find(str(this), AGENCY, 2025) == [str(deep / "x.toml")]
    monkeypatch.setattr(year_folders, "MAX_TREE_DEPTH", 3)
    places = PreviousPlaces(ReportIndex())
    assert places.find(str(this), AGENCY, 2025) == []
    monkeypatch.setattr(year_folders, "MAX_TREE_DEPTH", 10)
    monkeypatch.setattr(year_folders, "MAX_TREE_FOLDERS", 3)  # repo, 2025, a: not d
    places = PreviousPlaces(ReportIndex())
    assert places.find(str(this), AGENCY, 2025) == []


def test_the_file_bound_stops_the_walk(tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    for n in range(3):
        last_year(repo / "a" / f"other{n}.toml", agency=f"示例县第{n}局")
    last_year(repo / "b" / "x.toml")
    this = this_year(repo / "2025" / "x.toml")
    monkeypatch.setattr(year_folders, "MAX_TREE_FILES", 3)
    assert PreviousPlaces(ReportIndex()).find(str(this), AGENCY, 2025) == []


def test_a_fifo_in_the_tree_is_never_waited_on(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "2024").mkdir()
    os.mkfifo(repo / "2024" / "x.toml")
    os.mkfifo(repo / "pipe.toml")
    this = this_year(repo / "2025" / "x.toml", carried=7)
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", str(this)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "未找到" in done.stdout


@pytest.mark.parametrize(
    ("name", "year", "named"),
    [
        ("2024", 2024, True),
        ("2024年", 2024, True),
        ("报告2024-终稿", 2024, True),
        ("20245", 2024, False),
        ("12024", 2024, False),
        ("2023", 2024, False),
    ],
)
def test_names_year(name: str, year: int, named: bool):
    assert names_year(name, year) is named


# --- the editor ---------------------------------------------------------------------------


async def lookup_done(pilot) -> None:
    """Wait for the editor's look for last year's report (a thread) and its result."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_editor_finds_last_year_in_the_year_folder_beside(county: Path):
    from tui_report.tui.launch import make_app

    app = make_app(county / "2025" / "x-2025.toml", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_done(pilot)
        editor = app.screen
        assert "上年：x-2024.toml" in str(editor.query_one("#header-line").render())
        (carry,) = [p for p in editor.problems if p.rule == "carry-over"]
        assert carry.is_error and "本年为 7" in carry.message
        assert "未找到" not in editor.message.plain


async def test_editor_says_once_that_last_year_was_not_found(tmp_path: Path):
    from tui_report.tui.editor.previous_year import PREVIOUS_LOOKUP_DELAY
    from tui_report.tui.launch import make_app

    this = this_year(tmp_path / "2025" / "x.toml", carried=7)
    app = make_app(this, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_done(pilot)
        editor = app.screen
        assert editor.message.plain == ("注：未找到同一机关 2024 年度的报告，未核对上年结转等")
        assert "注：未找到" in str(editor.query_one("#status").render())
        await pilot.press("down")  # the message goes as the cursor moves …
        await pilot.pause()
        assert "未找到" not in editor.message.plain
        editor.find_previous_year()  # … and is not said again for the same agency and year
        await lookup_done(pilot)
        assert "未找到" not in editor.message.plain
        last_year(tmp_path / "2024" / "x.toml")  # put where it is kept: found next time
        editor.find_previous_year()
        await lookup_done(pilot)
        assert "carry-over" in [p.rule for p in editor.problems]
        await pilot.press("f9")  # another year: looked for and said again
        await pilot.pause()
        editor.query_one("#year").value = "2026"
        await pilot.pause(PREVIOUS_LOOKUP_DELAY + 0.1)
        await lookup_done(pilot)
        assert "未找到同一机关 2025 年度的报告" in editor.message.plain


# --- sum of a folder holding several years ---------------------------------------------------


@pytest.fixture
def two_year_folders(tmp_path: Path) -> Path:
    """county/2024/{a,b}.toml and county/2025/a.toml, every report valid."""
    county = tmp_path / "county"
    last_year(county / "2024" / "a.toml")
    last_year(county / "2024" / "b.toml", agency="示例市另一区人民政府")
    this_year(county / "2025" / "a.toml")
    return county


def test_sum_of_several_years_says_to_choose_one(two_year_folders: Path, capsys):
    code, out, err = run(capsys, "sum", two_year_folders)
    assert code == 2 and out == ""
    assert "报告的年度不同，不能相加" in err
    assert err.rstrip().endswith("请用 --year 指定要汇总的年度，例如 --year 2025")


def test_sum_year_adds_up_only_that_year(two_year_folders: Path, capsys):
    alone = run(capsys, "sum", two_year_folders / "2024", "--format", "json")[1]
    code, out, err = run(capsys, "sum", two_year_folders, "--year", "2024", "--format", "json")
    assert code == 0 and out == alone  # as if the folder held that year alone
    assert [r["发布机关"] for r in json.loads(out)] == [AGENCY, "示例市另一区人民政府", "合计"]
    assert "其他年度的 1 份未计入" in err
    total = two_year_folders / "total.toml"
    assert run(capsys, "sum", two_year_folders, "--year", "2025", "-o", total)[0] == 0
    assert read_report(total).report.year == 2025
    code, _, err = run(capsys, "sum", two_year_folders, "--year", "2023")
    assert code == 2 and "没有找到 2023 年度的报告（其他年度 4 份）" in err


def test_sum_year_lists_a_report_without_a_year(two_year_folders: Path, capsys):
    """Not silently taken for another year's: left out with its errors, as without --year."""
    odd = two_year_folders / "2024" / "odd.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(AGENCY, "示例市第三区人民政府")
    odd.write_text(text.replace("year = 2024\n", ""), "utf-8")
    code, out, err = run(capsys, "sum", two_year_folders, "--year", "2024", "--format", "json")
    assert code == 0 and f"{odd}: 有 1 个错误，不计入合计" in err
    assert "示例市第三区人民政府" not in out and "其他年度的 1 份未计入" in err


def test_sum_year_is_checked_like_new_year(tmp_path: Path, capsys):
    with pytest.raises(SystemExit):
        main(["sum", str(tmp_path), "--year", "99999"])
    assert "年度应在 2008 至 2100 之间" in capsys.readouterr().err


# --- new: a new year's folder, a name half remembered, a year out of range --------------------


def test_new_into_a_year_folder_not_made_yet(county: Path, capsys, monkeypatch):
    monkeypatch.chdir(county)
    code, out, err = run(capsys, "new", "2026/x.toml", "--from", ".", "--agency", AGENCY)
    assert code == 0, err
    assert "已创建目录 2026\n" in out and "已创建 2026/x.toml" in out
    assert "上一年的报告：2025/x-2025.toml" in out
    assert read_report(county / "2026" / "x.toml").report.year == 2026


def test_new_makes_the_folders_it_needs_and_takes_them_back_when_it_cannot(
    tmp_path: Path, capsys, monkeypatch
):
    from tui_report.storage import ReportFileError

    path = tmp_path / "a" / "b" / "x.toml"
    assert run(capsys, "new", path, "--agency", AGENCY, "--year", "2025")[0] == 0
    assert path.is_file()

    def refused(*_args, **_kwargs):
        raise ReportFileError(tmp_path / "c" / "d" / "x.toml", "磁盘空间不足")

    monkeypatch.setattr("tui_report.storage.create_report_file", refused)
    code, _, err = run(
        capsys, "new", tmp_path / "c" / "d" / "x.toml", "--agency", AGENCY, "--year", "2025"
    )
    assert code == 2 and "磁盘空间不足" in err
    assert not (tmp_path / "c").exists()  # nothing left behind


def test_new_where_a_folder_cannot_be(tmp_path: Path, capsys):
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, _, err = run(
        capsys, "new", tmp_path / "file" / "x.toml", "--agency", AGENCY, "--year", "2025"
    )
    assert code == 2 and f"{tmp_path / 'file'}: 不是目录，不能在其中创建文件" in err
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    code, _, err = run(
        capsys, "new", tmp_path / "gone" / "x.toml", "--agency", AGENCY, "--year", "2025"
    )
    assert code == 2 and "符号链接" in err and not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_new_in_a_folder_it_may_not_write(tmp_path: Path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    code, _, err = run(
        capsys, "new", locked / "2026" / "x.toml", "--agency", AGENCY, "--year", "2025"
    )
    assert code == 2 and f"{locked / '2026'}: 无法创建目录：没有权限" in err


@pytest.fixture
def shared_folder():
    """A folder every user may look into (pytest's own are root's alone)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="yearfolders-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


AS_USER = ("setpriv", "--reuid=12345", "--regid=12345", "--clear-groups")


def as_user(*args: str) -> subprocess.CompletedProcess[str]:
    """``tui-report ARGS`` as an ordinary user (uid 12345), from a root test run."""
    return subprocess.run(
        [*AS_USER, sys.executable, "-m", "tui_report", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd="/",
    )


def test_new_in_a_folder_it_may_not_write_as_another_user(shared_folder: Path):
    if os.geteuid() != 0:
        pytest.skip("needs root to become another user (setpriv)")
    probe = subprocess.run(
        [*AS_USER, sys.executable, "-c", "import tui_report"], capture_output=True, text=True
    )
    if probe.returncode != 0:  # (a venv in a folder of root's alone, as .ci/run's sdist run)
        pytest.skip(f"uid 12345 cannot run this Python's tui_report: {probe.stderr.strip()}")
    locked = shared_folder / "locked"
    locked.mkdir(mode=0o755)  # root's: another user may not write in it
    this = str(locked / "2026" / "x.toml")
    done = as_user("new", this, "--agency", AGENCY, "--year", "2025")
    assert done.returncode == 2, done.stderr
    assert f"{locked / '2026'}: 无法创建目录：没有权限" in done.stderr
    assert "Traceback" not in done.stderr and not (locked / "2026").exists()
    hidden = shared_folder / "hidden"
    hidden.mkdir(mode=0o700)  # may not even be looked into
    done = as_user("new", str(hidden / "x.toml"), "--agency", AGENCY, "--year", "2025")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{hidden / 'x.toml'}: 无法创建：没有权限" in done.stderr


def test_new_from_a_folder_suggests_the_names_it_knows(tmp_path: Path, capsys):
    last_year(tmp_path / "2025" / "a.toml", agency="某县柳林乡人民政府")
    last_year(tmp_path / "2025" / "b.toml", agency="某县柳林镇人民政府")
    last_year(tmp_path / "2025" / "c.toml", agency="某县教育局")
    (tmp_path / "agencies.toml").write_text(
        '[agencies]\n"某县柳林乡人民政府" = ["柳林乡政府"]\n', encoding="utf-8"
    )
    code, _, err = run(capsys, "new", tmp_path / "x.toml", "--from", tmp_path, "--agency", "柳林乡")
    assert code == 2
    assert err.strip().endswith(
        "目录中没有找到 柳林乡的报告；是否指：某县柳林乡人民政府、柳林乡政府？"
    )
    assert not (tmp_path / "x.toml").exists()
    code, _, err = run(
        capsys, "new", tmp_path / "x.toml", "--from", tmp_path, "--agency", "某县水利局"
    )
    assert code == 2 and "是否指" not in err  # nothing like it: nothing suggested
    typo = "某县柳林乡人民正府"
    code, _, err = run(capsys, "new", tmp_path / "x.toml", "--from", tmp_path, "--agency", typo)
    assert code == 2 and "是否指：某县柳林乡人民政府" in err  # the likeliest first


@pytest.mark.parametrize("year", ["0", "99999", "-5", "100000000000000000000", "2100"])
def test_new_from_a_report_of_an_impossible_year(tmp_path: Path, capsys, year: str):
    last = tmp_path / "last.toml"
    last.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("year = 2024", f"year = {year}"), "utf-8"
    )
    code, _, err = run(capsys, "new", tmp_path / "x.toml", "--from", last)
    assert code == 2 and not (tmp_path / "x.toml").exists()
    assert f"上一年的报告年度为 {year}，其下一年 {int(year) + 1} 不在 2008 至 2100 之间" in err
    code, _, err = run(capsys, "new", tmp_path / "x.toml", "--from", tmp_path, "--agency", AGENCY)
    assert code == 2 and not (tmp_path / "x.toml").exists() and "2008 至 2100" in err
    assert run(capsys, "new", tmp_path / "x.toml", "--from", last, "--year", "2025")[0] == 0


# --- the order of names ---------------------------------------------------------------------


@pytest.mark.slow
def test_pinyin_key_sorts_as_a_chinese_reader_does():
    from tui_report.text.collation import pinyin_key

    names = ["示例县第10单位", "示例县第2单位", "西安市", "先锋乡", "ABC局", "abd局", "阿城区"]
    assert sorted(names, key=pinyin_key) == [
        "阿城区",  # a, before abc: syllable by syllable, letters in any case together
        "ABC局",
        "abd局",
        "示例县第2单位",
        "示例县第10单位",
        "西安市",  # xi an: syllable by syllable, before xian
        "先锋乡",
    ]
    assert pinyin_key("示例县第２单位") < pinyin_key("示例县第10单位")  # full-width digits


async def test_editor_note_waits_for_a_message_being_read(tmp_path: Path):
    """A message on the status line when the lookup ends is kept whole (the problem it
    tells still goes when mended); the note is said once it has gone."""
    from tui_report.tui.editor.previous_year import NOTE_RETRY
    from tui_report.tui.launch import make_app

    this = this_year(tmp_path / "2025" / "x.toml", carried=7)
    app = make_app(this, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen
        editor.say("另一条消息")
        await lookup_done(pilot)
        assert editor.message.plain == "另一条消息"
        await pilot.press("down")  # it goes as the cursor moves
        await pilot.pause(NOTE_RETRY + 0.2)
        assert editor.message.plain.startswith("注：未找到同一机关 2024 年度的报告")
