"""Lines of Chinese wrapped between characters in one-line-per-row widgets (messages,
labels, questions).

Textual's Static wraps at spaces, as Rich does: ``已复制整行 （一）予以公开（7 个值…``
breaks after the last space and leaves a short line, or a whole message moves to
the next line. Here the breaks go between any two Chinese characters (the word
pattern of ``cjk_wrap``: 避头尾, closing punctuation stays with the character before
and an opening bracket with the one after), while numbers and other words stay whole —
``不能超过 999999999`` is never split — and a last line is never one character alone.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static

from ...text.textwidth import NO_LINE_END, NO_LINE_START
from ..cjk_wrap import CJK_PATTERN


@cache
def _chunks() -> re.Pattern[str]:
    return re.compile(CJK_PATTERN)


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` into lines of at most ``width`` cells (a word longer
    than a line is cut; a space at a break may hang past the edge). The text's own
    line breaks start lines too."""
    width = max(width, 2)
    offsets: list[int] = []
    start = 0
    for paragraph in text.split("\n"):
        offsets += [start + offset for offset in _paragraph_breaks(paragraph, width)]
        start += len(paragraph) + 1
    return offsets


def _paragraph_breaks(paragraph: str, width: int) -> list[int]:
    """Breaks between the pieces of the word pattern (a Chinese character with its
    punctuation, a word), and no single character alone on the last line (孤字)."""
    pieces = [(found.start(), found.group()) for found in _chunks().finditer(paragraph)]
    offsets: list[int] = []
    line_starts: list[int] = [0]  # the piece each line starts with (-1: cut inside a word)
    used = 0
    for index, (start, piece) in enumerate(pieces):
        size = cell_len(piece.rstrip())
        if used and used + size > width:
            offsets.append(start)
            line_starts.append(index)
            used = 0
        if size > width:  # longer than a line: cut it where it must be cut
            cut = 0
            for i, ch in enumerate(piece):
                if used and used + cell_len(ch) > width and not ch.isspace():
                    at = i
                    while at > cut + 1 and (
                        piece[at] in NO_LINE_START or piece[at - 1] in NO_LINE_END
                    ):
                        at -= 1  # 避头尾 inside the piece too, where the line still fits
                    if cell_len(piece[at : i + 1]) > width:
                        at = i
                    offsets.append(start + at)
                    line_starts.append(-1)
                    used, cut = cell_len(piece[at:i]), at
                used += cell_len(ch)
        else:
            used += cell_len(piece)
    last, before = line_starts[-1], line_starts[-2] if len(line_starts) > 1 else -1
    if last == len(pieces) - 1 and 0 <= before < last - 1 and _one_character(pieces[last][1]):
        start, piece = pieces[last - 1]
        if cell_len(piece + pieces[last][1].rstrip()) <= width:
            offsets[-1] = start  # the character before comes down to keep it company
    return offsets


def _one_character(piece: str) -> bool:
    """A piece that is one Chinese character (with its punctuation)."""
    core = [ch for ch in piece if ch not in NO_LINE_START + NO_LINE_END and not ch.isspace()]
    return len(core) == 1 and cell_len(core[0]) == 2


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

    def __init__(self, text: Text, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.text = text

    def on_resize(self, event: events.Resize) -> None:
        self.update(wrapped(self.text, event.size.width))
