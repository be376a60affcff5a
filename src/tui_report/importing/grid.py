"""A published table as a grid first, then its rows mapped by headings.

Web pages and Word documents give tables with merged cells. The grid expands every
rowspan and colspan once, into a rectangle of slots, each slot knowing the published
cell that covers it. Its rows are then read as a reader needs them:

- a label (text) appears once in each row it covers: ``三、本年度办理结果`` (22 rows
  high) in each of its rows, ``一、本年新收政府信息公开申请数量`` (3 columns wide) once;
- a value spanning columns is one value when one heading spans those columns above it
  (``本年处理决定数量`` over three columns, ``54`` under it), and the same value in each
  column when the columns have headings of their own (``0`` across five columns of
  zeros) — the heading decides, not the nearest cell above; but a row with as many
  cells as the heading row above has is read cell by cell, each once: Word lets a
  row's cell borders drift from the row above (``0`` over ``上一年项目数量`` and half
  of ``本年增/减``, the next ``0`` under its other half), the cells still one each;
- a value spanning rows is read in its first row only: the rows below are one short,
  which the import reports rather than counting the value twice.

Web pages (``html_source``) and Word documents (``docx_source``) both build a ``Grid``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cells import classify

MAX_SPAN = 100


@dataclass(frozen=True)
class Published:
    """One cell as published: its text and where it starts."""

    text: str
    row: int
    column: int

    @property
    def is_label(self) -> bool:
        return classify(self.text) == "text"

    @property
    def is_value(self) -> bool:
        return classify(self.text) in ("number", "bad")


class Grid:
    """Rows of published cells expanded into a rectangle of slots."""

    def __init__(self) -> None:
        self._slots: list[list[Published | None]] = []
        self._below: dict[tuple[int, int], Published] = {}  # slots a rowspan above fills

    def add_row(self, cells: list[tuple[str, int, int]], continued: set[int] | None = None) -> None:
        """Add a row of ``(text, rowspan, colspan)`` cells. ``continued`` holds the
        positions (in ``cells``) of cells that continue the cell above instead of
        starting one (Word's ``vMerge="continue"``)."""
        index = len(self._slots)
        row: list[Published | None] = []
        self._fill_from_above(index, row)
        for position, (text, rowspan, colspan) in enumerate(cells):
            colspan = max(1, min(colspan, MAX_SPAN))
            rowspan = max(1, min(rowspan, MAX_SPAN))
            above = self._slot(index - 1, len(row))
            if continued and position in continued and above is not None:
                cell = above
            else:
                cell = Published(text, index, len(row))
            for _ in range(colspan):
                for below in range(1, rowspan):
                    self._below[(index + below, len(row))] = cell
                row.append(cell)
                self._fill_from_above(index, row)
        self._slots.append(row)

    def _fill_from_above(self, index: int, row: list[Published | None]) -> None:
        while (index, len(row)) in self._below:
            row.append(self._below.pop((index, len(row))))

    def _slot(self, row: int, column: int) -> Published | None:
        if 0 <= row < len(self._slots) and column < len(self._slots[row]):
            return self._slots[row][column]
        return None

    # --- reading ------------------------------------------------------------------------

    def _is_data_row(self, index: int) -> bool:
        return any(cell and cell.row == index and cell.is_value for cell in self._slots[index])

    def _is_heading_row(self, index: int) -> bool:
        """Labels only, at least two of them (a title spanning the table is not a heading)."""
        labels = {id(cell) for cell in self._slots[index] if cell and cell.is_label}
        return len(labels) >= 2 and not self._is_data_row(index)

    def _heading_spans(self, index: int, first: int, last: int) -> bool:
        """Whether the heading row nearest above ``index`` has one cell over the columns
        ``first``..``last`` (a value under it is one value, not one per column)."""
        for above in range(index - 1, -1, -1):
            if not self._is_heading_row(above):
                continue
            over = {id(self._slot(above, column)) for column in range(first, last + 1)}
            return len(over) == 1 and self._slot(above, first) is not None
        return False

    def _matches_heading(self, index: int) -> bool:
        """Whether row ``index`` has as many published cells as the heading row nearest
        above it (its borders may have drifted; its cells are still one per heading)."""
        for above in range(index - 1, -1, -1):
            if self._is_heading_row(above):
                return _count(self._slots[above]) == _count(self._slots[index])
        return False

    def rows(self) -> list[list[str]]:
        """Each row's cells as a reader reads them (see the module's description);
        rows with nothing in them are left out."""
        found: list[list[str]] = []
        for index, slots in enumerate(self._slots):
            cells: list[str] = []
            column = 0
            while column < len(slots):
                cell = slots[column]
                last = column
                while last + 1 < len(slots) and slots[last + 1] is cell:
                    last += 1
                if cell is not None:
                    cells += self._read(index, cell, column, last)
                column = last + 1
            if any(cells):
                found.append(cells)
        return found

    def _read(self, index: int, cell: Published, first: int, last: int) -> list[str]:
        if cell.is_label:
            return [cell.text]
        if cell.row != index:
            return []  # a value from a row above: read there, once
        if first == last or self._heading_spans(index, first, last) or self._matches_heading(index):
            return [cell.text]
        return [cell.text] * (last - first + 1)


def _count(slots: list[Published | None]) -> int:
    return len({id(cell) for cell in slots if cell is not None})
