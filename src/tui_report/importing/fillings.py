"""The ways a row printed with the wrong count of numbers may be read, when the way it
was mangled is known (issue 23): each is only a candidate, which ``solving`` keeps only
where the printed totals and the format's identities leave exactly one.

- **Collapsed runs**: a crawler that drops a text node equal to the one before it prints
  ``4 1 0 0 0 0 5`` as ``4 1 0 5``, and a row of zeros as ``0``: each printed number
  stands for a run of one or more equal cells (so no two printed neighbours are equal).
- **Split numbers**: a number wrapped inside a narrow cell prints ``162`` as ``1`` and
  ``62``: a run of two or three neighbouring numbers may be one number.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from .cells import Cell

MAX_READINGS = 20_000  # more ways than this to read one row: too ambiguous to try
MAX_PIECES = 3  # a number wrapped in a cell takes at most this many lines


def _plain(cells: list[Cell]) -> bool:
    """Numbers and empty cells only (a cell with a unit or a letter is read as it is)."""
    return all(cell.kind in ("number", "blank") for cell in cells)


def collapsed_readings(cells: list[Cell], width: int) -> list[tuple[Cell, ...]] | None:
    """Each way ``cells`` may be a row of ``width`` cells whose runs of equal neighbours
    were each printed once; [] where it cannot be one, None where there are too many."""
    count = len(cells)
    if not 0 < count < width or not _plain(cells):
        return []
    if any(a.text == b.text for a, b in pairwise(cells)):
        return []  # two equal neighbours printed: runs were not collapsed here
    found: list[tuple[Cell, ...]] = []
    for runs in _compositions(width, count):
        found.append(tuple(cell for cell, run in zip(cells, runs, strict=True) for _ in range(run)))
        if len(found) > MAX_READINGS:
            return None
    return found


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Each way to write ``total`` as ``parts`` positive whole numbers, in order."""
    if parts == 1:
        yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def split_readings(cells: list[Cell], width: int) -> list[tuple[Cell, ...]] | None:
    """Each way ``cells`` may be a row of ``width`` numbers, some wrapped over two or three
    neighbouring cells (``1`` ``62`` for 162); [] where none, None where too many."""
    count = len(cells)
    if count <= width or count > MAX_PIECES * width or not _plain(cells):
        return []
    found: list[tuple[Cell, ...]] = []

    def walk(start: int, left: int, taken: tuple[Cell, ...]) -> bool:
        if left == 0:
            if start == count:
                found.append(taken)
            return len(found) <= MAX_READINGS
        remaining = count - start
        if remaining < left or remaining > MAX_PIECES * left:
            return True
        for size in range(1, MAX_PIECES + 1):
            if start + size > count:
                break
            piece = cells[start : start + size]
            joined = _joined(piece)
            if joined is None:
                continue
            if not walk(start + size, left - 1, (*taken, joined)):
                return False
        return True

    if not walk(0, width, ()):
        return None
    return found


def _joined(piece: list[Cell]) -> Cell | None:
    """One number from the pieces a cell was wrapped into; None where they cannot be one
    (not all digits, or a number that would start with 0)."""
    if len(piece) == 1:
        return piece[0]
    if not all(cell.kind == "number" and cell.text.isdigit() for cell in piece):
        return None
    text = "".join(cell.text for cell in piece)
    if text.startswith("0"):
        return None
    return Cell(text, piece[0].line, "number")
