"""The editor's export (Ctrl+O) and save on a shared server (issue 20, items 1-3 and 13;
issue 21, item 12): an existing file is replaced only after 覆盖？, a planted link is
refused, the export is no more open than the report, the export runs in a worker with
正在导出… at once and a repeated key never starts a second one, and a report too large
to open again is neither saved nor made by a paste."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from textual import events

from tui_report.storage import MAX_FILE_BYTES, read_report
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.dialogs import Choice

from ..pilot import NATURAL, SIZE, editor, exports_done, open_matrix, status


async def export_text(pilot) -> None:
    await pilot.press("ctrl+o")
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()


@pytest.mark.parametrize("key", ["o", "O"])  # Caps Lock on: the same answer
async def test_an_existing_export_is_replaced_only_after_asking(example: Path, key: str):
    target = example.with_suffix(".txt")
    target.write_text("亲手改好的版本\n", encoding="utf-8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await export_text(pilot)
        assert isinstance(app.screen, Choice)
        assert str(target) in app.screen.question.plain and "覆盖" in app.screen.question.plain
        assert target.read_text(encoding="utf-8") == "亲手改好的版本\n"  # not yet
        await pilot.press(key)
        await exports_done(pilot)
        assert f"已导出纯文本到 {target}" in status(app)
    assert target.read_text(encoding="utf-8").startswith("示例市示例区人民政府")


@pytest.mark.parametrize("key", ["c", "C", "escape", "enter"])  # Enter: 取消 is the default
async def test_declining_to_overwrite_keeps_the_file(example: Path, key: str):
    target = example.with_suffix(".txt")
    target.write_text("亲手改好的版本\n", encoding="utf-8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await export_text(pilot)
        await pilot.press(key)
        await exports_done(pilot)
        assert type(app.screen).__name__ == "EditorScreen"
        assert "未导出" in status(app) and str(target) in status(app)
    assert target.read_text(encoding="utf-8") == "亲手改好的版本\n"


async def test_an_export_beside_the_report_refuses_a_planted_link(example: Path, tmp_path):
    victim = tmp_path / "elsewhere" / "authorized_keys"
    victim.parent.mkdir()
    example.with_suffix(".txt").symlink_to(victim)  # dangling: the export would create it
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await export_text(pilot)
        await exports_done(pilot)
        assert "未导出" in status(app) and "符号链接" in status(app)
    assert not victim.exists()


async def test_the_export_of_a_private_report_is_private(example: Path):
    os.chmod(example, 0o600)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await export_text(pilot)
        await exports_done(pilot)
    assert stat.S_IMODE(example.with_suffix(".txt").stat().st_mode) == 0o600


async def test_the_export_runs_in_a_worker_and_a_repeated_key_starts_no_second(
    example: Path, monkeypatch
):
    """A Word export froze the editor for seconds with the previous export's message
    still shown; a repeated Ctrl+O W meanwhile must not start a second export."""
    import tui_report.export as export

    release = threading.Event()
    rendered: list[str] = []
    real_render = export.render

    def slow_render(report, name, *args, **kwargs):
        rendered.append(name)
        release.wait(30)
        return real_render(report, name, *args, **kwargs)

    as_asked = real_render(read_report(example).report, "text")
    monkeypatch.setattr(export, "render", slow_render)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        editor(app).say(f"已导出网页到 {example.with_suffix('.html')}")  # an earlier export
        await export_text(pilot)
        assert "正在导出" in status(app) and "已导出" not in status(app)
        await pilot.press("ctrl+o")  # the same keys again while it is written
        await pilot.pause()
        assert type(app.screen).__name__ == "EditorScreen"  # no dialog, no second export
        assert "正在导出" in status(app) and "请稍候" in status(app)
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "EditorScreen"
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")  # the editor answers meanwhile
        assert editor(app).report.get(NATURAL) == 43
        release.set()
        await exports_done(pilot)
        assert f"已导出纯文本到 {example.with_suffix('.txt')}" in status(app)
    assert rendered == ["text"]
    # as the report was when the export was asked for, not with the edit made meanwhile
    assert example.with_suffix(".txt").read_bytes() == as_asked


@pytest.mark.slow
async def test_a_save_too_large_to_open_again_is_refused_and_the_edits_kept(example: Path):
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")  # part 六: its text area
        await pilot.pause()
        area = app.focused
        area.load_text("很长的正文。" * (MAX_FILE_BYTES // 18 + 1))  # as a paste would
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "保存失败" in status(app) and "5 MB" in status(app)
        assert editor(app).modified
        assert editor(app).report.texts["other_matters"].startswith("很长的正文。")
    assert example.read_bytes() == before


async def test_a_paste_that_would_make_the_report_too_large_is_refused(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        area = app.focused
        text_before = area.text
        area.post_message(events.Paste("很长的正文。" * (MAX_FILE_BYTES // 18 + 1)))
        await pilot.pause()
        assert area.text == text_before
        assert "未粘贴" in status(app) and "5 MB" in status(app)
        area.post_message(events.Paste("本年度无其他事项。"))  # a usual paste still goes in
        await pilot.pause()
        assert "本年度无其他事项。" in area.text
