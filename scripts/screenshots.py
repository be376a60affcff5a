"""Regenerate the SVG screenshots in screenshots/ (every pane, 80x24 and 120x36; the
folder view and its county checks).

    python scripts/screenshots.py

Runs the editor headless on a copy of reports/example-2024.toml with one
deliberate 勾稽关系 error, so the highlighted cells and the problems list show; and
the folder view on a county's folder made by scripts/county_folder.py (a git
repository, one report edited since the last commit and one not yet added).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "scripts")]

from tui_report.formats import FORMAT_2021  # noqa: E402
from tui_report.report.model import CellRef  # noqa: E402
from tui_report.tui.editor.panes import pane_ids  # noqa: E402
from tui_report.tui.launch import make_app, make_folder_app  # noqa: E402

PANES = [pane.removeprefix("pane-") for pane in pane_ids(FORMAT_2021)]
SIZES = [(80, 24), (120, 36)]


async def shoot(source: Path, out: Path) -> list[Path]:
    written = []
    for width, height in SIZES:
        copy = source.parent / f"{width}x{height}" / source.name  # a fresh file per size
        copy.parent.mkdir()
        shutil.copy(source, copy)
        app = make_app(copy, cursor_blink=False)
        async with app.run_test(size=(width, height)) as pilot:
            await pilot.pause()
            editor = app.screen
            editor.apply(CellRef("applications", "granted", "natural_person"), 21)
            for index, pane in enumerate(PANES):
                await editor.action_show_part(index)
                await pilot.pause()
                await pilot.pause(0.3)
                name = f"{index}-{pane}-{width}x{height}.svg"
                app.save_screenshot(filename=name, path=str(out))
                written.append(out / name)
    return written


async def shoot_folder(folder: Path, out: Path) -> list[Path]:
    """The folder view at both sizes, sorted by errors; the county checks at 80x24."""
    written = []
    for width, height in SIZES:
        app = make_folder_app(folder, cursor_blink=False)
        async with app.run_test(size=(width, height)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("s", *"错误", "enter", "home")
            await pilot.pause()
            name = f"folder-{width}x{height}.svg"
            app.save_screenshot(filename=name, path=str(out))
            written.append(out / name)
            if width == 80:
                await pilot.press("c")
                await pilot.pause()
                name = f"folder-checks-{width}x{height}.svg"
                app.save_screenshot(filename=name, path=str(out))
                written.append(out / name)
    return written


def county(parent: Path) -> Path:
    """A county's folder (relative, as a clerk opens it) with a git status to show."""
    import datetime

    from county_folder import make

    folder = parent / "reports"
    make(folder, 40, git=True)
    moment = datetime.datetime(2025, 1, 20, 9, 30).timestamp()
    for path in folder.glob("*.toml"):
        os.utime(path, (moment, moment))
    edited = folder / "001-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    later = moment + 3 * 86400 + 5400
    os.utime(edited, (later, later))
    shutil.copy2(folder / "002-2024.toml", folder / "002-2024-修改稿.toml")
    os.chdir(parent)
    return Path("reports")


def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.svg"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_STATE_HOME"] = folder  # recovery copies stay in the temporary folder
        source = Path(folder) / "example-2024.toml"
        shutil.copy(ROOT / "reports" / "example-2024.toml", source)
        for path in asyncio.run(shoot(source, out)):
            print(path.relative_to(ROOT))
        for path in asyncio.run(shoot_folder(county(Path(folder)), out)):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
