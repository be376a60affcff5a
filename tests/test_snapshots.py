"""How each pane looks (pytest-textual-snapshot). Update after a deliberate change with
``pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs before committing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui_report.formats import FORMAT_2021
from tui_report.model import CellRef
from tui_report.tui.launch import make_app
from tui_report.tui.panes import pane_ids

from .conftest import EXAMPLE

PANES = [pane.removeprefix("pane-") for pane in pane_ids(FORMAT_2021)]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example-2024.toml"
    shutil.copy(EXAMPLE, path)
    return path


def showing(index: int):
    async def run_before(pilot) -> None:
        await pilot.pause()
        editor = pilot.app.screen
        # one deliberate 勾稽关系 error, so highlights and the problems list show
        editor.apply(CellRef("applications", "granted", "natural_person"), 21)
        await editor.action_show_part(index)
        await pilot.pause()
        await pilot.pause(0.3)  # let queued messages (cursor, last year's report) settle

    return run_before


@pytest.mark.parametrize("index", range(len(PANES)), ids=PANES)
def test_pane_80x24(snap_compare, example: Path, index: int):
    assert snap_compare(make_app(example, cursor_blink=False), run_before=showing(index))


@pytest.mark.parametrize("index", [0, 3], ids=["cover", "applications"])
def test_pane_wide(snap_compare, example: Path, index: int):
    app = make_app(example, cursor_blink=False)
    assert snap_compare(app, terminal_size=(120, 36), run_before=showing(index))
