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
from functools import cached_property

from .cells import classify
from .problems import ImportFailure

MAX_SPAN = 100
# A row is never made wider by spans than its table's widest row (in cells) or this,
# whichever is more: the official format's widest table has 15 columns; a colspan of
# 100000 on a page is read as reaching the table's edge, not 100000 columns.
MIN_TABLE_WIDTH = 32
MAX_SLOTS = 1_000_000  # a table's cells once spans are expanded (a report's: ~500)


@dataclass(frozen=True)
class Published:
    """One cell as published: its text and where it starts."""

    text: str
    row: int
    column: int

    @cached_property
    def _kind(self) -> str:
        return classify(self.text)

    @property
    def is_label(self) -> bool:
        return self._kind == "text"

    @property
    def is_value(self) -> bool:
        return self._kind in ("number", "bad")


RawRow = tuple[list[tuple[str, int, int]], set[int]]


class Grid:
    """Rows of published cells expanded into a rectangle of slots (once every row has
    been added: spans are bounded by the table's width and its rows)."""

    def __init__(self) -> None:
        self._raw: list[RawRow] = []
        self._slots: list[list[Published | None]] = []
        self._below: dict[tuple[int, int], Published] = {}  # slots a rowspan above fills
        self._heading: list[bool] = []  # of each row: a heading row
        self._heading_above: list[int] = []  # of each row: the nearest heading row above
        self._counts: list[int] = []  # of each row: its published cells

    def add_row(self, cells: list[tuple[str, int, int]], continued: set[int] | None = None) -> None:
        """Add a row of ``(text, rowspan, colspan)`` cells. ``continued`` holds the
        positions (in ``cells``) of cells that continue the cell above instead of
        starting one (Word's ``vMerge="continue"``)."""
        self._raw.append((cells, continued or set()))

    def _expand(self) -> None:
        if self._slots or not self._raw:
            return
        width = max(MIN_TABLE_WIDTH, max(len(cells) for cells, _ in self._raw))
        slots = 0
        for index, (cells, continued) in enumerate(self._raw):
            row = self._expand_row(index, cells, continued, width, len(self._raw) - index)
            slots += len(row)
            if slots > MAX_SLOTS:
                first = next((text for text, _, _ in self._raw[0][0] if text), "")[:20]
                raise ImportFailure(
                    f"表格过大：展开合并单元格后超过 {MAX_SLOTS:,} 格（共 {len(self._raw)} 行，"
                    f"第一行为“{first}”），不像是年度报告中的表格"
                )
            self._slots.append(row)
        self._raw = []
        self._below.clear()
        self._index_rows()

    def _expand_row(
        self,
        index: int,
        cells: list[tuple[str, int, int]],
        continued: set[int],
        width: int,
        rows_left: int,
    ) -> list[Published | None]:
        row: list[Published | None] = []
        self._fill_from_above(index, row)
        for position, (text, rowspan, colspan) in enumerate(cells):
            colspan = max(1, min(colspan, MAX_SPAN, width - len(row)))  # to the table's edge
            rowspan = max(1, min(rowspan, MAX_SPAN, rows_left))  # to its last row
            above = self._slot(index - 1, len(row))
            if position in continued and above is not None:
                cell = above
            else:
                cell = Published(text, index, len(row))
            for _ in range(colspan):
                for below in range(1, rowspan):
                    self._below[(index + below, len(row))] = cell
                row.append(cell)
                self._fill_from_above(index, row)
        return row

    def _fill_from_above(self, index: int, row: list[Published | None]) -> None:
        while (index, len(row)) in self._below:
            row.append(self._below.pop((index, len(row))))

    def _slot(self, row: int, column: int) -> Published | None:
        if 0 <= row < len(self._slots) and column < len(self._slots[row]):
            return self._slots[row][column]
        return None

    def _index_rows(self) -> None:
        """What the reading asks of every row, found once: whether it is a heading row
        (labels only, at least two: a title spanning the table is not one), the
        nearest heading row above it, and how many published cells it has."""
        nearest = -1
        for index, slots in enumerate(self._slots):
            distinct = list({id(cell): cell for cell in slots if cell is not None}.values())
            self._counts.append(len(distinct))
            self._heading_above.append(nearest)
            data = any(cell.row == index and cell.is_value for cell in distinct)
            heading = not data and sum(1 for cell in distinct if cell.is_label) >= 2
            self._heading.append(heading)
            if heading:
                nearest = index

    # --- reading ------------------------------------------------------------------------

    def _heading_spans(self, index: int, first: int, last: int) -> bool:
        """Whether the heading row nearest above ``index`` has one cell over the columns
        ``first``..``last`` (a value under it is one value, not one per column)."""
        above = self._heading_above[index]
        if above < 0:
            return False
        over = {id(self._slot(above, column)) for column in range(first, last + 1)}
        return len(over) == 1 and self._slot(above, first) is not None

    def _matches_heading(self, index: int) -> bool:
        """Whether row ``index`` has as many published cells as the heading row nearest
        above it (its borders may have drifted; its cells are still one per heading)."""
        above = self._heading_above[index]
        return above >= 0 and self._counts[above] == self._counts[index]

    def rows(self) -> list[list[str]]:
        """Each row's cells as a reader reads them (see the module's description);
        rows with nothing in them are left out."""
        self._expand()
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
