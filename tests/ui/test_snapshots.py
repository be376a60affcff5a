"""How each pane looks (pytest-textual-snapshot). Update after a deliberate change with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at the SVGs before committing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui_report.formats import FORMAT_2021
from tui_report.report.model import CellRef
from tui_report.tui.editor.panes import pane_ids
from tui_report.tui.launch import make_app

from ..conftest import EXAMPLE, ROOT


def drawn_with() -> dict[str, str]:
    """The versions constraints.txt pins (the ones the snapshots were drawn with) that
    differ from the installed ones: name → "pinned, installed"."""
    from importlib.metadata import PackageNotFoundError, version

    differing = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, _, pinned = line.split("#", 1)[0].strip().partition("==")
        if name in ("textual", "rich"):
            try:
                installed = version(name)
            except PackageNotFoundError:
                installed = "未安装"
            if installed != pinned:
                differing[name] = f"{pinned}，安装的是 {installed}"
    return differing


# The screens are compared character by character: with another Textual or Rich they
# differ without anything being wrong (the job of the lowest supported versions runs the
# other tests). Installed with -c constraints.txt, as the README says, they run.
pytestmark = pytest.mark.skipif(
    bool(drawn_with()),
    reason=f"截图是用 constraints.txt 中的版本画的：{drawn_with()}",
)

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
        # let queued messages settle: last year's report looked for (in a thread), the cursor
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("index", range(len(PANES)), ids=PANES)
def test_pane_80x24(snap_compare, example: Path, index: int):
    assert snap_compare(make_app(example, cursor_blink=False), run_before=showing(index))


@pytest.mark.parametrize("index", [0, 3], ids=["cover", "applications"])
def test_pane_wide(snap_compare, example: Path, index: int):
    app = make_app(example, cursor_blink=False)
    assert snap_compare(app, terminal_size=(120, 36), run_before=showing(index))


# --- the folder view ---------------------------------------------------------------------


@pytest.fixture
def county_folder(tmp_path: Path, monkeypatch) -> Path:
    """The county's folder with a renamed unit and a broken file, every file last changed
    at the same moment, opened by a relative name (so that the screen is the same anywhere)."""
    import datetime
    import os

    from ..county_data import county, renamed_unit

    folder = county(tmp_path / "county")
    renamed_unit(folder)
    (folder / "broken.toml").write_text(
        'format = "2021"\nagency = "示例县财政局"\nyear = 2024\n[applications\n', "utf-8"
    )
    moment = datetime.datetime(2024, 3, 12, 14, 5).timestamp()
    for path in folder.iterdir():
        os.utime(path, (moment, moment))
    monkeypatch.chdir(tmp_path)
    return Path("county")


async def folder_checked(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down", "up")  # the time the check took is said until the cursor moves
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_folder_view(snap_compare, county_folder: Path, size: tuple[int, int]):
    from tui_report.tui.launch import make_folder_app

    app = make_folder_app(county_folder, cursor_blink=False)
    assert snap_compare(app, terminal_size=size, run_before=folder_checked)


def test_county_checks(snap_compare, county_folder: Path):
    from tui_report.tui.launch import make_folder_app

    async def run_before(pilot) -> None:
        await folder_checked(pilot)
        await pilot.press("c")
        await pilot.pause()

    app = make_folder_app(county_folder, cursor_blink=False)
    assert snap_compare(app, run_before=run_before)
