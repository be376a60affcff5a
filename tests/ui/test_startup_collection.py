"""The editor starts with the cyclic garbage collector paused (issue 26, B1): it runs
again at the first frame, whatever happens, and an editor started some other way (a
Pilot test, a program embedding it) leaves the collector as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.tui import startup
from tui_report.tui.launch import make_app


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    frozen = gc.get_freeze_count()
    yield
    startup._paused = False
    gc.enable()
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()


async def test_the_first_frame_resumes_a_paused_collector(example: Path):
    startup.pause_collection()
    assert not gc.isenabled()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made: never scanned again


async def test_an_editor_not_started_from_the_command_line_leaves_the_collector(example: Path):
    app = make_app(example, cursor_blink=False)
    frozen = gc.get_freeze_count()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen


def test_collection_resumes_when_the_file_cannot_be_opened(tmp_path: Path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text("year = [", encoding="utf-8")
    assert main([str(broken)]) == 2
    assert "文件未被修改" in capsys.readouterr().err
    assert gc.isenabled()


def test_resuming_without_a_pause_does_nothing():
    gc.disable()  # someone else's choice
    startup.resume_collection(freeze=True)
    assert not gc.isenabled()
    assert not startup._paused
