"""Numbers wrapped in narrow cells, as ``pdftotext -layout`` prints them: the first digits
in the row's line, the rest on the next line under them (``42`` as ``4`` and, a line
lower, ``2``), after every other number of the row. Where a line holds only such pieces,
each under a number of the line above, the pieces are put right after the numbers they
are under: then they are neighbours, as a number wrapped in a cell of a crawled table's
is, and the reading again of rows with too many numbers (``rereading``) joins them only
where the totals leave one way to. This only orders pieces; it joins none.
"""

from __future__ import annotations

import re

from ..text.textwidth import width
from .lines import Line

_TOKEN = re.compile(r"\S+")
_DIGITS_ONLY = re.compile(r" *\d+(?: +\d+)* *$")  # (no tab, no |: split on spaces)
NEAR = 2  # columns between a piece and the number above it (-layout aligns them roughly)


def pieces_in_place(lines: list[Line]) -> list[Line]:
    """``lines`` with each line of wrapped pieces joined to the line above (see the module)."""
    digits = [i for i, (_, text) in enumerate(lines) if _DIGITS_ONLY.match(text)]
    if not digits:
        return lines  # (most regions: no line of digits only)
    out = list(lines)
    for i in digits:
        above = out[i - 1][1] if i else ""
        parts = out[i][1].split()
        if "|" in above or "\t" in above or sum(map(str.isdigit, above.split())) <= len(parts):
            continue  # (as many numbers as the line above: a row of its own)
        joined = _joined(above, out[i][1])
        if joined is not None:
            out[i - 1] = (out[i - 1][0], joined)
            out[i] = (out[i][0], "")
    return out


def _joined(above: str, below: str) -> str | None:
    """The tokens of ``above`` with each piece of ``below`` right after the number it is
    under; None where ``below`` is not such pieces (as many numbers as the line above has:
    a row of its own; a piece under no number, or two under one)."""
    tokens = _spans(above)
    numbers = [i for i, (_, _, text) in enumerate(tokens) if text.isdigit()]
    pieces = _spans(below)
    if len(pieces) >= len(numbers):
        return None
    after: dict[int, str] = {}
    for start, end, piece in pieces:
        near = [i for i in numbers if _distance(tokens[i], (start, end)) <= NEAR]
        if len(near) != 1 or near[0] in after or tokens[near[0]][2].startswith("0"):
            return None
        after[near[0]] = piece
    words = []
    for i, (_, _, text) in enumerate(tokens):
        words.append(text)
        if i in after:
            words.append(after[i])
    return " ".join(words)


def _spans(text: str) -> list[tuple[int, int, str]]:
    """Each token of ``text`` with the display columns it takes (CJK characters are two),
    measured once along the line."""
    spans = []
    column = end = 0
    for match in _TOKEN.finditer(text):
        start = column + width(text[end : match.start()])
        column = start + width(match.group())
        end = match.end()
        spans.append((start, column, match.group()))
    return spans


def _distance(token: tuple[int, int, str], piece: tuple[int, int]) -> int:
    """Columns between two spans (0 where they touch or overlap)."""
    return max(0, piece[0] - token[1], token[0] - piece[1])
