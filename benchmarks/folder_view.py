"""B8: the folder view (``tui-report DIR``) of a county's reports, in an 80x24
pseudo-terminal: the work from the first paint until every report has been checked
and shown (the view says “已检查全部”), against ``check DIR`` on the same folder. The
folder is made by ``build(folder, count)`` (the benchmark corpus of ``run.py``). The
view keeps the pinyin of the names it sorted (``known_syllables``): the runs after the
first use it, as a folder opened again does; one more run without it is given too."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import files
import terminal

FIRST_PAINT = "目录".encode()  # the top line, painted before any file is read
ALL_CHECKED = "已检查全部".encode()
Build = Callable[[Path, int], object]


def b8(work: Path, count: int, repeats: int, build: Build, state: Path) -> dict[str, float]:
    folder = work / f"b8-{count}"
    build(folder, count)
    check = files.median_run(files.tui_report("check", str(folder)), repeats)
    argv = [sys.executable, "-m", "tui_report", str(folder)]
    after_paint, paints = [], []
    for _ in range(repeats + 1):  # the first run warms the file cache, as check's did
        painted, done = _view(argv, state)
        after_paint.append(done - painted)
        paints.append(painted)
    # once more without the names' pinyin the view keeps (as when a folder is first opened)
    (state / "tui-report" / "pinyin.json").unlink(missing_ok=True)
    painted, done = _view(argv, state)
    return {
        "count": count,
        "view": statistics.median(after_paint[1:]),
        "first_paint": statistics.median(paints[1:]),
        "check": check.wall,
        "no_pinyin_kept": done - painted,
    }


def _view(argv: list[str], state: Path) -> tuple[float, float]:
    """(first paint, all checked), in seconds from the start."""
    session = terminal.start(argv, {"XDG_STATE_HOME": str(state)})
    try:
        return session.wait_for(FIRST_PAINT), session.wait_for(ALL_CHECKED, timeout=600)
    finally:
        session.stop()
