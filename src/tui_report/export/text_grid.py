"""A table of the official template drawn in ASCII (``+-=|``), merged cells included.

tabulate, like every plain-text table library we know, cannot merge cells, and
the template is made of merged cells (三、本年度办理结果 beside 22 rows, 行政诉讼
over ten columns). So the drawing is done here: column widths are chosen to fit
the page (numbers keep their digits, labels wrap), rows grow to hold their
wrapped labels, and a merged cell's text is centred over the rows it spans.
Widths are measured as Chinese fonts draw them (``cjk_width``); box-drawing
characters are avoided because Chinese fonts draw them at ambiguous widths.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..formats.spec import CellRef
from ..formats.template import TemplateCell, TemplateTable, placed_cells
from ..textwidth import cjk_width, pad, wrap, wrap_header

PADDING = 1  # spaces on each side of a cell's text
MIN_LABEL = 8  # a label column is not made narrower than four Chinese characters
COMFORTABLE_LABELS = 40  # below this, narrower number headings are worth it
# How narrow a column of numbers may make its heading: the whole label on one
# line, two characters a line, or one character a line.
HEADING_WIDTHS = (None, 4, 2)


@dataclass
class _Placed:
    cell: TemplateCell
    text: str
    row: int
    column: int

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_column(self) -> int:
        return self.column + self.cell.colspan - 1


class DrawnTable:
    """A template table with its cell texts, placed on the grid of columns."""

    def __init__(self, layout: TemplateTable, number: Callable[[CellRef], str]) -> None:
        self.layout = layout
        self.rows = len(layout.rows)
        self.owner: list[list[_Placed | None]] = [[None] * layout.width for _ in layout.rows]
        self.placed: list[_Placed] = []
        for r, c, cell in placed_cells(layout):
            text = number(cell.ref) if cell.ref is not None else cell.text
            placed = _Placed(cell, text, r, c)
            self.placed.append(placed)
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    self.owner[rr][cc] = placed

    # --- widths -------------------------------------------------------------------

    def _is_label_column(self, column: int) -> bool:
        return column < self.layout.label_columns

    def widths(self, max_width: int) -> tuple[list[int], bool]:
        """Content width of each column, and whether the table fits in ``max_width``."""
        label_columns = range(self.layout.label_columns)
        low = [MIN_LABEL] * len(label_columns)
        high = [MIN_LABEL] * len(label_columns)
        for placed in self.placed:
            if placed.cell.colspan == 1 and self._is_label_column(placed.column):
                natural = cjk_width(placed.text)
                low[placed.column] = max(low[placed.column], min(natural, MIN_LABEL))
                high[placed.column] = max(high[placed.column], natural)
        borders = 1 + (PADDING * 2 + 1) * self.layout.width
        choices = []  # (widths of the numbers, room left for the labels), headings widest first
        for heading in HEADING_WIDTHS:
            numbers = self._number_widths(heading)
            choices.append((numbers, max_width - borders - sum(numbers)))
        fitting = [(numbers, room) for numbers, room in choices if room >= sum(low)]
        comfortable = [c for c in fitting if c[1] >= min(sum(high), COMFORTABLE_LABELS)]
        numbers, room = (comfortable or fitting or choices[-1:])[0]
        return _share(room, low, high) + numbers, bool(fitting)

    def _number_widths(self, heading: int | None) -> list[int]:
        """Widths of the columns of numbers when headings may be ``heading`` wide."""
        widths = [1] * (self.layout.width - self.layout.label_columns)
        first = self.layout.label_columns
        for placed in self.placed:
            if placed.cell.colspan != 1 or self._is_label_column(placed.column):
                continue
            size = cjk_width(placed.text)
            if placed.cell.role == "header" and heading is not None:
                size = min(size, heading)
            widths[placed.column - first] = max(widths[placed.column - first], size)
        for placed in self.placed:  # a merged number needs its digits' room in all
            if placed.cell.role == "value" and placed.cell.colspan > 1:
                span = range(placed.column - first, placed.last_column - first + 1)
                room = sum(widths[i] for i in span) + (PADDING * 2 + 1) * (len(span) - 1)
                widths[span[-1]] += max(0, cjk_width(placed.text) - room)
        return widths

    # --- drawing ------------------------------------------------------------------

    def draw(self, max_width: int) -> tuple[str, bool]:
        widths, fits = self.widths(max_width)
        bounds = [0]
        for w in widths:
            bounds.append(bounds[-1] + w + PADDING * 2 + 1)
        texts = {id(p): self._lines(p, widths) for p in self.placed}
        heights = self._heights(texts)
        tops = {id(p): _top_line(p, heights, len(texts[id(p)])) for p in self.placed}
        lines: list[str] = [self._border(-1, bounds)]
        for r in range(self.rows):
            for n in range(heights[r]):
                lines.append(self._content(r, n, bounds, heights, texts, tops))
            lines.append(self._border(r, bounds))
        return "\n".join(line.rstrip() for line in lines), fits

    def _span_width(self, placed: _Placed, widths: list[int]) -> int:
        columns = range(placed.column, placed.last_column + 1)
        return sum(widths[c] for c in columns) + (PADDING * 2 + 1) * (len(columns) - 1)

    def _lines(self, placed: _Placed, widths: list[int]) -> list[str]:
        size = self._span_width(placed, widths)
        if placed.cell.role == "value" or cjk_width(placed.text) <= size:
            return [placed.text]
        heading = placed.cell.role == "header" and not self._is_label_column(placed.column)
        if heading and size >= 4:  # 自然/人: two characters a line, as narrow columns do
            return wrap_header(placed.text, size, cjk_width).split("\n")
        return wrap(placed.text, size, measure=cjk_width)

    def _heights(self, texts: dict[int, list[str]]) -> list[int]:
        heights = [1] * self.rows
        for placed in self.placed:
            if placed.cell.rowspan == 1:
                heights[placed.row] = max(heights[placed.row], len(texts[id(placed)]))
        for placed in sorted(self.placed, key=lambda p: p.cell.rowspan):
            if placed.cell.rowspan > 1:
                have = sum(heights[placed.row : placed.last_row + 1])
                heights[placed.last_row] += max(0, len(texts[id(placed)]) - have)
        return heights

    def _border(self, after: int, bounds: list[int]) -> str:
        """The line below row ``after`` (-1: the top line): ``-`` under each cell that
        ends there, ``=`` below the headings, blank inside a cell that goes on."""
        fill = "=" if after == self.layout.header_rows - 1 and after >= 0 else "-"
        line = [" "] * (bounds[-1] + 1)
        width = self.layout.width
        last = self.rows - 1
        closed = [
            after in (-1, last) or self.owner[after][c] is not self.owner[after + 1][c]
            for c in range(width)
        ]
        for c in range(width):
            if closed[c]:
                line[bounds[c] + 1 : bounds[c + 1]] = fill * (bounds[c + 1] - bounds[c] - 1)
        for c in range(width + 1):
            horizontal = (c > 0 and closed[c - 1]) or (c < width and closed[c])
            vertical = self._divides(after, c) or self._divides(after + 1, c)
            if vertical:
                line[bounds[c]] = "+" if horizontal else "|"
            elif horizontal:
                line[bounds[c]] = fill
        return "".join(line)

    def _divides(self, row: int, boundary: int) -> bool:
        """Whether a vertical line runs at column boundary ``boundary`` in ``row``."""
        if row < 0 or row >= self.rows:
            return False
        if boundary in (0, self.layout.width):
            return True
        return self.owner[row][boundary - 1] is not self.owner[row][boundary]

    def _content(
        self,
        r: int,
        n: int,
        bounds: list[int],
        heights: list[int],
        texts: dict[int, list[str]],
        tops: dict[int, int],
    ) -> str:
        parts: list[str] = ["|"]
        c = 0
        while c < self.layout.width:
            placed = self.owner[r][c]
            assert placed is not None
            size = bounds[placed.last_column + 1] - bounds[c] - 1 - PADDING * 2
            lines = texts[id(placed)]
            position = sum(heights[placed.row : r]) + n - tops[id(placed)]
            text = lines[position] if 0 <= position < len(lines) else ""
            align = {"value": "right", "label": "left"}.get(placed.cell.role, "center")
            parts.append(" " * PADDING + pad(text, size, align, cjk_width) + " " * PADDING + "|")
            c = placed.last_column + 1
        return "".join(parts)


def _top_line(placed: _Placed, heights: list[int], count: int) -> int:
    """Where a cell's text starts, counted in the text lines of its rows (border lines
    between rows hold no text). A cell of one row starts at its top. A merged cell's
    text goes, centred, into the row nearest the middle that holds it whole, so that
    no border cuts through it; failing that, it is centred over all its rows."""
    if placed.cell.rowspan == 1:
        return 0
    spanned = heights[placed.row : placed.last_row + 1]
    middle = sum(spanned) / 2
    starts = [sum(spanned[:i]) for i in range(len(spanned))]
    fitting = [i for i, height in enumerate(spanned) if height >= count]
    if fitting:
        best = min(fitting, key=lambda i: abs(starts[i] + spanned[i] / 2 - middle))
        return starts[best] + (spanned[best] - count) // 2
    return (sum(spanned) - count) // 2


def draw_table(
    layout: TemplateTable, number: Callable[[CellRef], str], max_width: int
) -> tuple[str, bool]:
    """The table drawn in ASCII, and whether it fits in ``max_width`` columns."""
    return DrawnTable(layout, number).draw(max_width)


def _share(room: int, low: list[int], high: list[int]) -> list[int]:
    """Label column widths in ``room``: each between its narrowest and its natural
    width, the space beyond the narrowest shared in proportion to what each could use."""
    if not low:
        return []
    if room >= sum(high):
        return list(high)
    if room <= sum(low):
        return list(low)
    # Group labels (三、本年度办理结果, （三）不予公开) in two lines, the row labels the rest.
    groups = [max(lo, min(hi, _half(hi))) for lo, hi in zip(low[:-1], high[:-1], strict=True)]
    last = room - sum(groups)
    if last >= high[-1]:
        spare = last - high[-1]
        for i, (width, hi) in enumerate(zip(groups, high, strict=False)):
            grown = min(hi, width + spare)
            spare -= grown - width
            groups[i] = grown
        return [*groups, high[-1]]
    if last >= low[-1]:
        return [*groups, last]
    spare, wanted = room - sum(low), sum(high) - sum(low)
    widths = [lo + (hi - lo) * spare // wanted for lo, hi in zip(low, high, strict=True)]
    widths[-1] += room - sum(widths)  # what rounding left goes to the last (widest) labels
    return widths


def _half(width: int) -> int:
    """The width that breaks a label of ``width`` into two lines of whole Chinese characters."""
    return 2 * -(-width // 4)
