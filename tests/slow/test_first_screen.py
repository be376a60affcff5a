"""The editor's first screen in a real pseudo-terminal (80x24), as a terminal emulator
shows it after every read of the program's output: no frame draws the grid laid out for
no width (one column, labels cut to 一、本年…: issue 21 item 18, a flash a user sees), and
the screen ends finished (what B1 of benchmarks/run.py times: issue 26)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pyte")

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import screen  # noqa: E402
import terminal  # noqa: E402

from ..conftest import EXAMPLE  # noqa: E402

pytestmark = pytest.mark.pty  # the editor in a pseudo-terminal


def test_no_frame_draws_the_grid_with_one_column(tmp_path: Path):
    session = terminal.start(
        [sys.executable, "-m", "tui_report", str(EXAMPLE)], {"XDG_STATE_HOME": str(tmp_path)}
    )
    watched = screen.Watched(session, keep_frames=True)
    try:
        full = screen.first_full_screen("示例市示例区人民政府", "8.属于行政查询事项")
        watched.wait_until(full, timeout=120)
        watched.settle(0.5)
    finally:
        session.stop()
    assert full(watched.lines)  # still finished once the program is quiet
    drawn = [f for f in watched.frames if any("一、本年" in line for line in f)]
    assert drawn  # the grid was looked at in the frames that drew it
    flashes = [f for f in watched.frames if screen.one_column_grid(f)]
    assert not flashes, "\n".join(flashes[0])


def test_one_column_grid_is_recognised():
    """The detector itself: a grid laid out for no width, as issue 21 saw it."""
    cut = ["一、本年…", "二、上年…", "三、本年…"]
    assert screen.one_column_grid(["", *cut])
    full = ["一、本年新收政府信息公开申请数量        42     5     1     0     2     1    51"]
    assert not screen.one_column_grid(full)


def test_a_wide_character_half_drawn_over_is_shown_as_a_terminal_shows_it():
    """Between two reads of one frame the left half of a wide character can be drawn
    over; pyte's ``display`` fails there (IndexError), the watcher shows a space."""
    import pyte

    drawn = pyte.Screen(10, 1)
    stream = pyte.ByteStream(drawn)
    stream.feed("ab中文e".encode())
    assert screen.screen_lines(drawn) == drawn.display == ["ab中文e   "]
    stream.feed(b"\x1b[1;3Hx")  # over the left half of 中
    with pytest.raises(IndexError):
        drawn.display  # noqa: B018  # (pyte's own)
    assert screen.screen_lines(drawn) == ["abx 文e   "]
