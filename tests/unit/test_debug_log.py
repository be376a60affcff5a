"""The debug log (TUI_REPORT_DEBUG): the tracebacks the editor swallows to keep the edits
(a save, the recovery timer, SIGHUP/SIGTERM, the export worker) are kept for a developer;
without the setting nothing is written."""

from __future__ import annotations

import signal
import stat
from pathlib import Path

import pytest

from tui_report.document import debug_log
from tui_report.document.debug_log import log_path, swallowed
from tui_report.document.recovery import EditorSession, state_dir
from tui_report.tui.launch import make_app

from ..pilot import NATURAL, SIZE, editor, exports_done, open_matrix, status


class Broken(RuntimeError):
    """A bug, made up for the test."""


def fail(*_args, **_kwargs):
    raise Broken("故意的错误")


@pytest.fixture
def log(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "logs" / "debug.log"
    monkeypatch.setenv(debug_log.SETTING, str(path))
    return path


def test_where_the_log_goes():
    assert log_path({}) is None
    assert log_path({"TUI_REPORT_DEBUG": "0"}) is None
    assert log_path({"TUI_REPORT_DEBUG": "off"}) is None
    beside = state_dir().parent / "debug.log"  # beside the recovery copies
    assert log_path({"TUI_REPORT_DEBUG": "1"}) == beside
    assert log_path({"TUI_REPORT_DEBUG": "yes"}) == beside
    assert log_path({"TUI_REPORT_DEBUG": "/tmp/x/editor.log"}) == Path("/tmp/x/editor.log")


def test_a_swallowed_traceback_is_appended_readable_by_its_user_only(log: Path):
    for attempt in ("第一次", "第二次"):
        try:
            fail()
        except Broken:
            swallowed(f"保存（{attempt}）")
    text = log.read_text(encoding="utf-8")
    assert "保存（第一次）" in text and "保存（第二次）" in text
    assert text.count("Traceback (most recent call last)") == 2
    assert "Broken: 故意的错误" in text and "in fail" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_nothing_is_written_without_the_setting(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(debug_log.SETTING, raising=False)
    try:
        fail()
    except Broken:
        swallowed("保存")
    assert not (state_dir().parent / "debug.log").exists()
    assert not list(tmp_path.rglob("*.log"))


def test_a_log_that_cannot_be_written_is_left_out(tmp_path: Path, monkeypatch):
    target = tmp_path / "someone-elses-file"
    target.write_text("原样\n", encoding="utf-8")
    planted = tmp_path / "debug.log"
    planted.symlink_to(target)  # a link where the log goes is never written through
    monkeypatch.setenv(debug_log.SETTING, str(planted))
    try:
        fail()
    except Broken:
        swallowed("保存")  # no exception
    assert target.read_text(encoding="utf-8") == "原样\n"
    monkeypatch.setenv(debug_log.SETTING, str(tmp_path / "a-file" / "under-a-file.log"))
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    try:
        fail()
    except Broken:
        swallowed("保存")  # no exception either


async def test_a_save_that_fails_by_a_bug_keeps_its_traceback(
    example: Path, log: Path, monkeypatch
):
    monkeypatch.setattr("tui_report.storage.writing.save_report", fail)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+s")
        await pilot.pause()
        assert "保存失败：程序内部错误" in status(app)
        assert editor(app).report.get(NATURAL) == 43  # the edit is still there
    text = log.read_text(encoding="utf-8")
    assert ": 保存\n" in text and "Broken: 故意的错误" in text


async def test_the_recovery_timer_and_the_hangup_keep_their_tracebacks(
    example: Path, log: Path, monkeypatch
):
    monkeypatch.setattr(EditorSession, "write", fail)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        editor(app).keep_recovery()  # what the timer does a moment after the edit
        assert "无法写入恢复副本（程序内部错误）" in status(app)
        monkeypatch.setattr(type(editor(app)), "sync_from_widgets", fail)
        app._hang_up(signal.SIGTERM)  # as on SIGTERM: keep what can be kept, then end
        await pilot.pause()
    text = log.read_text(encoding="utf-8")
    assert text.count("Broken: 故意的错误") == 3
    assert text.count(": 写入恢复副本\n") == 2  # the timer's, then the hangup's
    assert ": 断线（SIGHUP/SIGTERM）时取回屏幕上的输入\n" in text


async def test_an_export_that_fails_by_a_bug_keeps_its_traceback(
    example: Path, log: Path, monkeypatch
):
    import tui_report.export as export

    monkeypatch.setattr(export, "render", fail)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("t")
        await exports_done(pilot)
        assert "导出纯文本失败：程序内部错误" in status(app)
    text = log.read_text(encoding="utf-8")
    assert ": 导出纯文本\n" in text and "Broken: 故意的错误" in text
