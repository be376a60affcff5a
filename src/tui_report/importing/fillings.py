"""The ways a row printed with the wrong count of numbers may be read, when the way it
was mangled is known (issue 23): each is only a candidate, which ``solving`` keeps only
where the printed totals and the format's identities leave exactly one.

- **Cells dropped**: a crawler keeps no empty text node, so a cell left blank (a zero,
  as some reports print it) is gone; one that drops a text node equal to the one before
  it prints ``4 1 0 0 0 0 5`` as ``4 1 0 5``, and a row of zeros as ``0``. Each printed
  number stands for one or more cells equal to it, and a blank cell may have been
  anywhere: ``38`` alone in a row of three is ``38 38 38`` as much as ``38 空 空``.
- **Split numbers**: a number wrapped inside a narrow cell prints ``162`` as ``1`` and
  ``62``: a run of two or three neighbouring numbers may be one number.
"""

from __future__ import annotations

from collections.abc import Callable

from .cells import Cell

MAX_READINGS = 20_000  # more ways than this to read one row: too ambiguous to try
MAX_STEPS = 400_000  # cells placed in looking for them (a second or so): more is too many
MAX_PIECES = 3  # a number wrapped in a cell takes at most this many lines

Keeps = Callable[[list[Cell]], bool]  # whether a reading begun so may be kept (its row's totals)


def _plain(cells: list[Cell]) -> bool:
    """Numbers and empty cells only (a cell with a unit or a letter is read as it is)."""
    return all(cell.kind in ("number", "blank") for cell in cells)


def dropped(line: int) -> Cell:
    """A blank cell a crawler dropped (read as a blank cell is: 0, or a total that states
    nothing)."""
    return Cell("", line, "blank")


def collapsed_readings(
    cells: list[Cell],
    width: int,
    keeps: Keeps | None = None,
    totals: frozenset[int] = frozenset(),
) -> list[tuple[Cell, ...]] | None:
    """Each way ``cells`` may be a row of ``width`` cells some of which were dropped
    (see the module: blank cells anywhere, runs of equal neighbours printed once), those
    with fewest blank cells first; [] where it cannot be one, None where there are too
    many. A blank cell is read as 0, except at the places ``totals`` (a total left blank
    states nothing): elsewhere a 0 printed and a blank dropped are one reading.
    ``keeps`` is asked of each reading as it is made (its row's total, once placed), so
    that the readings a total rules out are not all made."""
    count = len(cells)
    if not 0 < count < width or not _plain(cells):
        return []
    found: list[tuple[int, tuple[Cell, ...]]] = []  # blank cells put in, the reading
    placed: list[Cell] = []
    steps = 0

    def walk(states: tuple[int, ...], blanks: int) -> bool:
        """Place the next cell; ``states``: the counts of printed cells the placed ones
        may stand for. False where there are too many ways."""
        nonlocal steps
        if len(placed) == width:
            if count in states:
                found.append((blanks, tuple(placed)))
            return len(found) <= MAX_READINGS
        steps += 1
        if steps > MAX_STEPS:
            return False
        zero_is_blank = len(placed) not in totals
        # what may be placed: the cell printed last once more, the next one, or a blank;
        # by the value each is read as (a 0 and a blank one are one reading)
        options: dict[tuple[str, ...], tuple[Cell, set[int]]] = {}

        def offer(cell: Cell, after: set[int]) -> None:
            if zero_is_blank and _is_zero(cell):
                key: tuple[str, ...] = ("0",)
            else:
                key = ("blank",) if cell.kind == "blank" else ("text", cell.text)
            options.setdefault(key, (cell, set()))[1].update(after)

        for state in states:
            if state:
                offer(cells[state - 1], {state})
            if state < count:
                offer(cells[state], {state + 1})
        line = placed[-1].line if placed else cells[0].line
        blank = dropped(line)
        offer(blank, set(states))
        left = width - len(placed) - 1  # cells still to place after this one
        for cell, following in options.values():
            after = tuple(sorted(state for state in following if count - state <= left))
            if not after:
                continue
            placed.append(cell)
            if (keeps is None or keeps(placed)) and not walk(after, blanks + (cell is blank)):
                return False
            placed.pop()
        return True

    if not walk((0,), 0):
        return None
    found.sort(key=lambda item: item[0])
    return [reading for _, reading in found]


def _is_zero(cell: Cell) -> bool:
    """A cell read as 0 where a blank is: 0 printed, or a blank one (``-``)."""
    return cell.kind == "blank" or cell.value == 0


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
