"""A county folder shared on a server or received from elsewhere (issue 20): git never runs
what the folder's config names, nothing under the folder is passed over in silence, a
report reached by two names is one report everywhere, and text from a file shows the
same in the folder view as everywhere else."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.folder.git_status import git_states
from tui_report.folder.rows import changed_files
from tui_report.tui.folder.screen import FolderScreen
from tui_report.tui.launch import make_folder_app

from ..county_data import VALID_2024, county
from ..pilot import SIZE
from ..ui.test_folder_view import settled, text_of
from ..waiting import pause_until

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
AUTHOR = ["-c", "user.name=测试", "-c", "user.email=t@example.org"]


def committed(folder: Path) -> Path:
    """``folder`` as a repository with everything committed."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "add", "."], check=True)
    subprocess.run(["git", "-C", str(folder), *AUTHOR, "commit", "-qm", "年报"], check=True)
    return folder


def touched(path: Path) -> None:
    """The file's time changed, its content not: git must look at the content again."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


# --- item 10: git never runs what the folder's config says ----------------------------------


@needs_git
def test_git_states_never_run_the_folders_fsmonitor_hook(tmp_path: Path):
    folder = committed(county(tmp_path / "repo"))
    marker = tmp_path / "fsmonitor-ran"
    subprocess.run(
        ["git", "-C", str(folder), "config", "core.fsmonitor", f"touch {marker}; false"], check=True
    )
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert git_states(folder) == {str(edited): "修改"}  # git did look
    assert not marker.exists()


@needs_git
def test_git_states_never_run_a_clean_filter_of_the_folder(tmp_path: Path):
    folder = county(tmp_path / "repo")
    (folder / ".gitattributes").write_text("*.toml filter=evil\n", encoding="utf-8")
    committed(folder)
    marker = tmp_path / "filter-ran"
    git = ["git", "-C", str(folder), "config"]
    subprocess.run([*git, "filter.evil.clean", f"touch {marker}; cat"], check=True)
    subprocess.run([*git, "filter.evil.required", "true"], check=True)
    touched(folder / "jiaoyu-2024.toml")  # its content hashed again, by the filter if any
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert git_states(folder) == {str(edited): "修改"}
    assert not marker.exists()


@needs_git
def test_git_states_write_nothing_into_the_repository(tmp_path: Path):
    folder = committed(county(tmp_path / "repo"))
    touched(folder / "jiaoyu-2024.toml")  # git status would refresh the index on disk
    index = folder / ".git" / "index"
    before = index.read_bytes()
    assert git_states(folder) == {}
    assert index.read_bytes() == before


@needs_git
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: the repository is given to another user")
def test_a_repository_of_another_user_is_looked_at_only_when_declared_safe(
    tmp_path: Path, monkeypatch
):
    """git's safe.directory is kept: the view does not override it."""
    folder = committed(county(tmp_path / "repo"))
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, 4242, 4242)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    assert git_states(folder) is None  # "dubious ownership": git refuses, nothing shown
    (home / ".gitconfig").write_text(f"[safe]\n\tdirectory = {folder}\n", encoding="utf-8")
    assert git_states(folder) == {str(edited): "修改"}


@needs_git
async def test_the_list_and_its_checks_never_wait_for_git(tmp_path: Path, monkeypatch):
    """A git that does not answer (a slow disk, a hook that sleeps): the view is checked
    and totalled without git states, and shows them once git answers."""
    folder = committed(county(tmp_path / "repo"))
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    release, started = tmp_path / "git-may-answer", tmp_path / "git-started"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(
        f'#!/bin/sh\necho $$ > "{started}"\n'
        f'while [ ! -e "{release}" ]; do sleep 0.05; done\n'
        f'exec "{shutil.which("git")}" "$@"\n',
        encoding="utf-8",
    )
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    app = make_folder_app(folder, cursor_blink=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = next(s for s in app.screen_stack if isinstance(s, FolderScreen))
            # the checks' end and git asked (at most a minute)
            await pause_until(pilot, lambda: not screen.checking and started.exists(), 60)
            assert not screen.checking and screen.git is None
            assert "合计（2 份）" in str(screen.query_one("#folder-total").render())
            os.kill(int(started.read_text()), 0)  # git is still waiting: nothing waited for it
            release.touch()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.git == {str(edited): "修改"}
    finally:
        release.touch()  # a git still waiting ends


# --- item 11: nothing under the folder passed over in silence ----------------------------------

ROOT_ONLY = "needs root: permissions are tested as another user (uid 4242)"
OTHER_UID = 4242
TWO_LINKS = {"dangling.toml": "符号链接指向的文件不存在", "loop.toml": "符号链接循环"}


def with_broken_links(folder: Path) -> Path:
    """The county folder with a link to a report that is gone and a link to itself."""
    county(folder)
    (folder / "dangling.toml").symlink_to("moved-away-2024.toml")
    (folder / "loop.toml").symlink_to("loop.toml")
    return folder


def said_about(err: str, name: str) -> str:
    lines = [line for line in err.splitlines() if line.split(":")[0].endswith(name)]
    assert len(lines) == 1, err
    return lines[0]


def test_check_names_each_broken_link_and_fails_unless_told_to_skip(tmp_path: Path, capsys):
    folder = with_broken_links(tmp_path / "county")
    assert main(["check", str(folder)]) == 2
    captured = capsys.readouterr()
    for name, reason in TWO_LINKS.items():
        assert reason in said_about(captured.err, name)
    assert "未能检查 2 处无法读取的目录或文件" in captured.out.splitlines()[-1]
    assert main(["check", str(folder), "--skip-unreadable"]) == 1  # shuili-2024 has an error
    captured = capsys.readouterr()
    for name in TWO_LINKS:
        assert "已跳过" in said_about(captured.err, name)
    assert "跳过 2 处无法读取的目录或文件" in captured.out.splitlines()[-1]
    assert main(["check", str(folder), "--json"]) == 2
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["unreachable"] == 2
    assert [Path(u["path"]).name for u in document["unreachable"]] == sorted(TWO_LINKS)


def rows_of(sheet) -> list[str]:
    return [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def test_sum_and_its_workbook_name_each_broken_link(tmp_path: Path, capsys):
    from openpyxl import load_workbook

    folder = with_broken_links(tmp_path / "county")
    year = tmp_path / "2024"  # the two valid reports of 2024, and the links
    year.mkdir()
    for name in [*VALID_2024, *TWO_LINKS]:
        os.rename(folder / name, year / name)
    out = tmp_path / "全县.xlsx"
    assert main(["sum", str(year), "--format", "xlsx", "-o", str(out)]) == 2
    err = capsys.readouterr().err.replace("tui-report: ", "")
    for name, reason in TWO_LINKS.items():
        assert reason in said_about(err, name)
    book = load_workbook(out)
    rows = [
        [c for c in row if isinstance(c, str)]
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]
    for name, reason in TWO_LINKS.items():  # each on a row of its own: file and reason
        assert any(any(name in c for c in row) and any(reason in c for c in row) for row in rows), (
            rows
        )
    assert [c for c in rows_of(book.worksheets[0]) if c == "合计"] == ["合计"]  # written
    assert main(["sum", str(year), "--skip-unreadable"]) == 0
    assert "符号链接循环" in said_about(
        capsys.readouterr().err.replace("tui-report: ", ""), "loop.toml"
    )


async def test_the_folder_view_lists_each_broken_link(tmp_path: Path):
    folder = with_broken_links(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        for name, reason in TWO_LINKS.items():
            row = screen.rows[str(folder / name)]
            assert row.unreadable is not None and reason in row.unreadable
        assert "无法读取 2" in text_of(screen, "#folder-note")  # out of the total, and said
        await pilot.press("slash", *"dangling", "enter", "enter")
        assert pilot.app.screen is screen  # not opened
        detail = text_of(screen, "#folder-detail")
        assert "无法打开：符号链接指向的文件不存在" in detail
        assert "文本编辑器" not in detail  # no text editor mends a link
        assert changed_files(folder, {p: r.stamp for p, r in screen.rows.items()}, {})[:2] == (
            [],
            [],
        )  # the view's watch leaves them as they are


def as_other_user(work, *args) -> object:
    """``work(*args)`` in a forked child running as uid/gid 4242 without groups; its
    result (or the exception it raised) comes back pickled. ``work`` runs once as root
    first, its result dropped: the modules it imports are loaded from where the other
    user may not read them (Python's own library under /root here)."""
    import pickle

    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(readable)
            work(*args)
            os.setgroups([])
            os.setgid(OTHER_UID)
            os.setuid(OTHER_UID)
            try:
                result: object = work(*args)
            except BaseException:
                import traceback

                result = RuntimeError(traceback.format_exc())
            with os.fdopen(writable, "wb") as out:
                pickle.dump(result, out)
            code = 0
        finally:
            os._exit(code)
    os.close(writable)
    with os.fdopen(readable, "rb") as sent:
        data = sent.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0 and data
    result = pickle.loads(data)
    if isinstance(result, RuntimeError):
        raise result
    return result


def _run_quietly(arguments: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    return code, out.getvalue(), err.getvalue()


def _rows(folder: str) -> list[tuple[str, str | None]]:
    from tui_report.folder.rows import inspect_file, listed_rows

    rows = listed_rows(Path(folder))
    return [(r.path, r.unreadable if r.checked else inspect_file(r.path).unreadable) for r in rows]


@pytest.fixture
def shared_with_locked_parts():
    """A county folder another user may read, but for one subfolder and one report."""
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="tui-report-shared-"))
    try:
        shared.chmod(0o755)
        folder = county(shared / "county")
        (folder / "locked").mkdir()
        shutil.move(folder / "gongan-2024.toml", folder / "locked" / "gongan-2024.toml")
        (folder / "locked").chmod(0)
        (folder / "jiaoyu-2024.toml").chmod(0)
        yield folder
    finally:
        (shared / "county" / "locked").chmod(0o755)
        shutil.rmtree(shared)


@pytest.mark.skipif(os.geteuid() != 0, reason=ROOT_ONLY)
def test_a_folder_and_a_file_without_permission_are_named_by_check_and_sum(
    shared_with_locked_parts: Path,
):
    folder = shared_with_locked_parts
    code, _, err = as_other_user(_run_quietly, ["check", str(folder)])
    assert code == 2
    assert "无法打开目录（没有权限）" in said_about(err, "locked")
    assert "没有权限" in said_about(err, "jiaoyu-2024.toml")
    inside = str(folder / "locked" / "gongan-2024.toml")  # named, in a folder not to be looked in
    assert as_other_user(_run_quietly, ["check", inside])[0] == 2  # said, no traceback
    code, _, err = as_other_user(_run_quietly, ["sum", str(folder / "locked"), "--format", "csv"])
    assert code == 2 and "无法打开目录（没有权限）" in said_about(
        err.replace("tui-report: ", ""), "locked"
    )
    only = str(folder / "shuili-2023.toml")
    code, _, err = as_other_user(_run_quietly, ["sum", only, str(folder / "locked")])
    assert code == 2  # the total is written, and it is short
    code, _, err = as_other_user(
        _run_quietly, ["sum", only, str(folder / "locked"), "--skip-unreadable"]
    )
    assert code == 0 and "locked" in err


@pytest.mark.skipif(os.geteuid() != 0, reason=ROOT_ONLY)
def test_the_folder_view_lists_a_folder_and_a_file_without_permission(
    shared_with_locked_parts: Path,
):
    folder = shared_with_locked_parts
    rows = dict(as_other_user(_rows, str(folder)))
    assert "无法打开目录（没有权限）" in (rows[str(folder / "locked")] or "")
    assert "没有权限" in (rows[str(folder / "jiaoyu-2024.toml")] or "")
    assert rows[str(folder / "shuili-2024.toml")] is None  # the others as ever


# --- item 15: a report reached by two names is one report everywhere -------------------------


def with_an_alias(folder: Path) -> Path:
    """The county folder, and a link to one of its reports beside it (sorting first)."""
    county(folder)
    (folder / "0-alias-2024.toml").symlink_to("jiaoyu-2024.toml")
    os.link(folder / "gongan-2024.toml", folder / "gongan-copy-2024.toml")  # a hard link too
    return folder


async def test_check_sum_and_the_folder_view_count_an_aliased_report_once(tmp_path: Path, capsys):
    folder = with_an_alias(tmp_path / "county")
    real = sorted(
        str(p)
        for p in folder.glob("*.toml")
        if p.name not in ("0-alias-2024.toml", "gongan-copy-2024.toml")
    )
    assert main(["check", str(folder), "--json"]) == 1  # shuili-2024 has an error
    checked = json.loads(capsys.readouterr().out)
    assert [f["file"] for f in checked["files"]] == real  # by the names that are no link
    assert checked["notes"] == []  # no "two reports of one agency"
    assert main(["sum", str(folder), "--format", "json"]) == 2  # two years: refused …
    assert "年度不同" in capsys.readouterr().err
    year = [
        str(folder / n)
        for n in (
            "0-alias-2024.toml",
            "jiaoyu-2024.toml",
            "gongan-2024.toml",
            "gongan-copy-2024.toml",
        )
    ]
    assert main(["sum", *year, "--format", "json"]) == 0  # … its 2024 reports: each once
    summed = json.loads(capsys.readouterr().out)
    assert [row["发布机关"] for row in summed[:-1]] == ["示例县教育局", "示例县公安局"]
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert sorted(screen.rows) == real
        assert not [f for f in screen.analysis.findings if f.kind == "duplicate"]
        total = text_of(screen, "#folder-total").split()
        assert total[:3] == ["合计（2", "份）", "2024"]
        assert total[3:] == [
            str(summed[-1][k]) for k in ("新收", "办结", "结转下年度", "行政复议", "行政诉讼")
        ]
        assert changed_files(folder, {p: r.stamp for p, r in screen.rows.items()}, {})[:2] == (
            [],
            [],
        )  # the alias is not taken for a new report by the view's watch either


# --- item 17: an ESC in the folder view shows as everywhere else -------------------------------


async def test_an_esc_in_an_agency_shows_as_its_sign_in_the_line_under_the_list(tmp_path: Path):
    from ..county_data import unit_report, write

    folder = county(tmp_path / "county")
    agency = "示例市示例县人力资源和社会保障局劳动保障监察大队\x1b[31m政府信息公开办公室"
    write(folder, "long-2024.toml", unit_report(agency, 2024, 3))
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("slash", *"long", "enter", "home")
        detail = text_of(screen, "#folder-detail")
        assert detail.startswith(" " + agency.replace("\x1b", "␛") + " · long-2024.toml")
        assert "\x1b" not in detail and "⟨" not in detail
