"""Several editors, one file (issue 13 item 5, issue 12 item 8): each editor keeps its
own recovery copy, a second editor is warned, and putting off a recovery copy leaves
the report folder alone."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import sys
from pathlib import Path

import pytest

from tui_report.document.recovery import state_dir
from tui_report.report.model import CellRef
from tui_report.storage import read_report
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.dialogs import Choice

from ..conftest import EXAMPLE, recovery_copies
from ..waiting import read_until, wait_until

NATURAL = CellRef("applications", "new_received", "natural_person")
BUSINESS = CellRef("applications", "new_received", "business")
SIZE = (80, 24)


async def open_editor(pilot) -> EditorScreen:
    """The editor screen, answering "open anyway" if a second-editor warning comes first."""
    await pilot.pause()
    if isinstance(pilot.app.screen, Choice):
        await pilot.press("o")
        await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)
    return pilot.app.screen


async def test_one_editors_save_keeps_the_others_recovery_copy(example: Path):
    a, b = make_app(example, cursor_blink=False), make_app(example, cursor_blink=False)
    async with a.run_test(size=SIZE) as pilot_a:
        await open_editor(pilot_a)
        async with b.run_test(size=SIZE) as pilot_b:
            editor_b = await open_editor(pilot_b)
            await pilot_b.press("f4", "right", "9", "enter")
            editor_b.keep_recovery()  # B's edit, not saved, is kept
            await pilot_a.press("f4", "4", "3", "enter")
            a.screen.keep_recovery()
            assert len(recovery_copies(example)) == 2  # one copy per editor
            await pilot_a.press("ctrl+s")
            await pilot_a.pause()
            assert read_report(example).report.get(NATURAL) == 43
            kept = recovery_copies(example)
            assert len(kept) == 1 and "new_received = [42, 9," in kept[0]  # B's edit survives


async def test_two_killed_editors_both_keep_their_edits(example: Path):
    a, b = make_app(example, cursor_blink=False), make_app(example, cursor_blink=False)
    async with a.run_test(size=SIZE) as pilot_a:
        await open_editor(pilot_a)
        async with b.run_test(size=SIZE) as pilot_b:
            editor_b = await open_editor(pilot_b)
            await pilot_a.press("f4", "4", "3", "enter")
            a.screen.keep_recovery()
            await pilot_b.press("f4", "right", "9", "enter")
            editor_b.keep_recovery()
            kept = recovery_copies(example)
    texts = "\n".join(kept)
    assert "new_received = [43, 5," in texts and "new_received = [42, 9," in texts


async def test_a_second_editor_is_warned(example: Path):
    first, second = make_app(example, cursor_blink=False), make_app(example, cursor_blink=False)
    async with first.run_test(size=SIZE) as pilot_a:
        await pilot_a.pause()
        assert isinstance(first.screen, EditorScreen)  # nobody else had it open
        async with second.run_test(size=SIZE) as pilot_b:
            await pilot_b.pause()
            warning = second.screen
            assert isinstance(warning, Choice)
            question = warning.question.plain
            assert f"进程 {os.getpid()}" in question and os.uname().nodename in question
            await pilot_b.press("q")  # quit: leave the file to the first editor
            await pilot_b.pause()
        assert first.is_running
    reopened = make_app(example, cursor_blink=False)
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, EditorScreen)  # both closed: no warning


def _locked() -> bool:
    folder = state_dir()
    return folder.is_dir() and any(p.suffix == ".lock" for p in folder.iterdir())


@pytest.mark.pty
def test_a_killed_editors_lock_is_ignored(example: Path):
    """An editor killed with SIGKILL leaves its lock; its process is gone, so no warning."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "tui_report", str(example)])
    try:
        assert "示例市示例区人民政府".encode() in read_until(
            fd, 30, "示例市示例区人民政府".encode()
        )
        # it holds a lock (written once its first screen is shown)
        assert wait_until(lambda: read_until(fd, 0.05) is not None and _locked())
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert _locked()  # left behind
    import asyncio

    async def reopen() -> None:
        app = make_app(example, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, EditorScreen)

    asyncio.run(reopen())


@pytest.mark.pty
def test_a_killed_editor_not_yet_reaped_is_not_taken_for_a_running_one(example: Path):
    """Where nobody reaps a killed editor (a container without an init), it stays a
    zombie that still answers ``os.kill(pid, 0)``: reopening must not warn of it."""
    import asyncio

    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "tui_report", str(example)])
    try:
        read_until(fd, 30, "示例市示例区人民政府".encode())
        os.kill(pid, signal.SIGKILL)
        stat = Path(f"/proc/{pid}/stat")
        wait_until(lambda: b") Z " in stat.read_bytes(), 10)
        assert b") Z " in stat.read_bytes()  # killed, not reaped: a zombie

        async def reopen() -> None:
            app = make_app(example, cursor_blink=False)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert isinstance(app.screen, EditorScreen)  # no "另一个编辑器" question

        asyncio.run(reopen())
    finally:
        os.waitpid(pid, 0)
        os.close(fd)


async def leave_recovery_copy(path: Path) -> None:
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await pilot.press("f4", "4", "3", "enter")
        app.screen.keep_recovery()


async def test_putting_off_a_recovery_copy_leaves_the_report_folder_alone(tmp_path: Path):
    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    os.chmod(path, 0o600)
    await leave_recovery_copy(path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("l")  # later
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press("f4", "right", "9", "enter")  # a new, unrelated edit
        editor.keep_recovery()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.toml"]  # git status: clean
    texts = "\n".join(recovery_copies(path))
    assert "new_received = [43, 5," in texts  # the earlier edits, still kept
    assert "new_received = [42, 9," in texts  # and this session's own copy
    for item in state_dir().iterdir():
        assert item.stat().st_mode & 0o077 == 0  # no more readable than the 0600 report
    again = make_app(path, cursor_blink=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Choice)  # asked again, nothing forgotten
        await pilot.press("r")
        await pilot.pause()
        restored = again.screen
        assert isinstance(restored, EditorScreen)
        assert restored.report.get(BUSINESS) == 9  # the latest copy is offered first
        assert restored.modified


@pytest.mark.parametrize("relative", ["state", ".", ""])
async def test_a_relative_state_home_is_ignored(tmp_path: Path, monkeypatch, relative: str):
    """``XDG_STATE_HOME=state`` put recovery copies beside the report, where git commits
    them (issue 20, item 5); the XDG specification says to ignore a relative value."""
    home = tmp_path / "home"
    home.mkdir()
    reports = tmp_path / "reports"
    reports.mkdir()
    path = reports / "report.toml"
    shutil.copy(EXAMPLE, path)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", relative)
    monkeypatch.chdir(reports)
    assert state_dir() == home / ".local" / "state" / "tui-report" / "recovery"
    await leave_recovery_copy(path)
    assert sorted(p.name for p in reports.iterdir()) == ["report.toml"]
    assert recovery_copies(path)  # kept, in the home's state folder


@pytest.mark.parametrize("cause", ["disk full", "no state folder"])
async def test_a_recovery_copy_that_cannot_be_written_is_said_in_the_status_line(
    example: Path, tmp_path: Path, monkeypatch, cause: str
):
    import errno

    if cause == "no state folder":
        blocked = tmp_path / "not-a-folder"
        blocked.write_text("", encoding="utf-8")
        monkeypatch.setenv("XDG_STATE_HOME", str(blocked))  # the folder cannot be made
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("f4", "4", "3", "enter")
        if cause == "disk full":

            def disk_full(*_args):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "replace", disk_full)
        editor.keep_recovery()
        await pilot.pause()
        shown = editor.query_one("#status").render_line(0).text
        assert "无法写入恢复副本" in shown, shown  # on the line itself, not wrapped out of sight
        assert "Errno" not in str(editor.message) and "No space" not in str(editor.message)


async def test_save_failure_is_not_said_twice(example: Path, monkeypatch):
    import errno

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("f4", "4", "3", "enter")

        def disk_full(*_args):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = str(editor.message)
        assert said.startswith("保存失败：") and said.count("保存失败") == 1, said
        assert "No space" not in said and "磁盘空间不足" in said
        assert editor.report.get(NATURAL) == 43


async def test_quitting_removes_only_this_editors_copy(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("f4", "4", "3", "enter")
        editor.keep_recovery()
        await pilot.press("ctrl+z")  # undone before the copy could follow
        assert len(recovery_copies(example)) == 1
        await pilot.press("ctrl+q")  # nothing unsaved: quits at once
        await pilot.pause()
    assert recovery_copies(example) == []
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("f4", "4", "3", "enter")
        editor.keep_recovery()
        await pilot.press("ctrl+q", "d")  # quit, do not save
        await pilot.pause()
    assert recovery_copies(example) == []
