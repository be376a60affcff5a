"""Lines of Chinese wrapped between characters in one-line-per-row widgets (messages,
labels, questions).

Textual's Static wraps at spaces, as Rich does: ``已复制整行 （一）予以公开（7 个值…``
breaks after the last space and leaves a short line, or a whole message moves to
the next line. Here the breaks go between any two Chinese characters (the word
pattern of ``cjk_wrap``: punctuation stays with its neighbour), while numbers and
other words stay whole — ``不能超过 999999999`` is never split.
"""

from __future__ import annotations

import re
from functools import cache

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static

from .cjk_wrap import CJK_PATTERN


@cache
def _chunks() -> re.Pattern[str]:
    return re.compile(CJK_PATTERN)


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` into lines of at most ``width`` cells (a word longer
    than a line is cut; a space at a break may hang past the edge)."""
    width = max(width, 2)
    offsets: list[int] = []
    used = 0
    for found in _chunks().finditer(text):
        start = found.start()
        for n, piece in enumerate(found.group().split("\n")):
            if n:  # a line break of the text itself
                start += 1
                used = 0
            size = cell_len(piece.rstrip())
            if used and used + size > width:
                offsets.append(start)
                used = 0
            if size > width:  # longer than a line: cut it where it must be cut
                for i, ch in enumerate(piece):
                    if used and used + cell_len(ch) > width and not ch.isspace():
                        offsets.append(start + i)
                        used = 0
                    used += cell_len(ch)
            else:
                used += cell_len(piece)
            start += len(piece)
    return offsets


def wrapped(text: Text, width: int) -> Text:
    """The text with line breaks where it must wrap in ``width`` cells (styles kept)."""
    offsets = break_offsets(text.plain, width)
    if not offsets:
        return text
    # a space at a break stays at the end of its line (hanging past the edge, as Rich
    # lets it), so that the text is the same once the line breaks are taken out
    return Text("\n", end="").join(text.divide(offsets))


class WrappedStatic(Static):
    """A Static whose Chinese text wraps between characters, again at every new width."""

    def __init__(self, text: Text, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.text = text

    def on_resize(self, event: events.Resize) -> None:
        self.update(wrapped(self.text, event.size.width))
