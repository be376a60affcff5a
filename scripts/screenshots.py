"""Regenerate the SVG screenshots in screenshots/ (every pane, 80x24 and 120x36).

    python scripts/screenshots.py

Runs the editor headless on a copy of reports/example-2024.toml with one
deliberate 勾稽关系 error, so the highlighted cells and the problems list show.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tui_report.formats import FORMAT_2021  # noqa: E402
from tui_report.model import CellRef  # noqa: E402
from tui_report.tui.launch import make_app  # noqa: E402
from tui_report.tui.panes import pane_ids  # noqa: E402

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


if __name__ == "__main__":
    main()
