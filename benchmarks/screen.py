"""What a program has drawn in its pseudo-terminal, as a terminal shows it: every byte
it writes goes through a terminal emulator (pyte), and the screen is looked at after
each read, so that a marker is seen when the whole screen shows it, not when its bytes
first pass (a frame half drawn has the key line's 转到 before the grid has its columns).

``first_full_screen`` is B1's: the editor's first screen with every part of the
finished layout (the title, the grid's last row shown, the status line, the key line).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pyte
import terminal
from wcwidth import wcwidth

Lines = list[str]
Predicate = Callable[[Lines], bool]


@dataclass
class Watched:
    """A session and the screen its output has drawn so far."""

    session: terminal.Session
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(80, 24))
    frames: list[Lines] = field(default_factory=list)  # the screen after each read, if kept
    keep_frames: bool = False

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)

    @property
    def lines(self) -> Lines:
        return screen_lines(self.screen)

    def wait_until(self, shown: Callable[[Lines], bool], timeout: float = 60) -> float:
        """Seconds from the session's start until the screen is ``shown`` (the time the
        bytes that completed it were read, not when the emulator was done with them).

        Whatever the program has written is read before the emulator takes any of it,
        as a terminal reads: pyte takes 3-12 ms for each 4 KB, and a program that writes
        more than one read gives (the editor's first screen is 11 KB, read 4,095 bytes
        at a time) had its last bytes read only after pyte was done with the first."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            chunk = self.session.first_output(0.05)
            if not chunk:
                continue
            arrived = [(time.perf_counter(), chunk)]
            while time.perf_counter() < end and (more := self.session.first_output(0)):
                arrived.append((time.perf_counter(), more))  # what is there already
            for read_at, piece in arrived:
                self.stream.feed(piece)
                lines = screen_lines(self.screen)
                if self.keep_frames:
                    self.frames.append(lines)
                if shown(lines):
                    return read_at - self.session.started
        raise TimeoutError("the screen never showed what was waited for")

    def settle(self, quiet: float = 0.3, limit: float = 5.0) -> None:
        """Read until nothing more is written for ``quiet`` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            chunk = self.session.first_output(quiet)
            if not chunk:
                return
            self.stream.feed(chunk)
            if self.keep_frames:
                self.frames.append(screen_lines(self.screen))


def screen_lines(screen: pyte.Screen) -> Lines:
    """The screen's lines as pyte's ``display`` gives them, except that the right half of
    a wide character whose left half was drawn over (between two reads of one frame)
    shows as a space, as a terminal shows it; pyte's own ``display`` fails there."""
    lines = []
    for y in range(screen.lines):
        row, cells, x = screen.buffer[y], [], 0
        while x < screen.columns:
            data = row[x].data
            cells.append(data or " ")
            x += 2 if data and wcwidth(data[0]) == 2 else 1
        lines.append("".join(cells))
    return lines


def first_full_screen(title: str, last_row: str) -> Callable[[Lines], bool]:
    """The editor's first screen, finished: ``title`` on the top line, the grid's row
    ``last_row`` drawn with its numbers (its label and a digit after it), the status
    line (错误 N  警告 N) and the key line (…^G 转到) on the last."""

    def shown(lines: Lines) -> bool:
        if title not in lines[0] or "转到" not in lines[-1]:
            return False
        if not any("错误" in line and "警告" in line for line in lines[-3:-1]):
            return False
        return any(last_row in line and line.rstrip()[-1:].isdigit() for line in lines[3:-3])

    return shown


def shows(text: str) -> Callable[[Lines], bool]:
    """The screen shows ``text`` on some line."""
    return lambda lines: any(text in line for line in lines)


def one_column_grid(lines: Lines) -> bool:
    """A frame of the grid laid out for no width (issue 21 item 18): its labels cut to
    a few characters (一、本年…) and no room for the columns."""
    return any(line.lstrip().startswith(("一、本年…", "二、上年…", "三、本年…")) for line in lines)
