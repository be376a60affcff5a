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
from ..text.textwidth import cjk_width, pad, wrap, wrap_header

PADDING = 1  # spaces on each side of a cell's text
MIN_LABEL = 8  # a label column is not made narrower than four Chinese characters
COMFORTABLE_LABELS = 40  # below this, narrower number headings are worth it
# How narrow a column of numbers may make its heading: the whole label on one
# line, two characters a line, or one character a line.
HEADING_WIDTHS = (None, 4, 2)


class _Placed:
    """A cell of the template with its text, where it starts and ends on the grid."""

    __slots__ = ("cell", "column", "last_column", "last_row", "row", "text")

    def __init__(self, cell: TemplateCell, text: str, row: int, column: int) -> None:
        self.cell = cell
        self.text = text
        self.row = row
        self.column = column
        self.last_row = row + cell.rowspan - 1
        self.last_column = column + cell.colspan - 1


class DrawnTable:
    """A template table with its cell texts, placed on the grid of columns."""

    def __init__(self, layout: TemplateTable, number: Callable[[CellRef], str]) -> None:
        self.layout = layout
        self.rows = len(layout.rows)
        self._placement = placement = _placement(layout)
        self.placed: list[_Placed] = [
            _Placed(cell, number(cell.ref) if cell.ref is not None else cell.text, r, c)
            for r, c, cell in placement.cells
        ]
        placed = self.placed
        # the cells of one column of numbers: (column, width of the text, a heading?)
        self._numbers = [
            (p.column, cjk_width(p.text), p.cell.role == "header")
            for p in placed
            if p.cell.colspan == 1 and not self._is_label_column(p.column)
        ]

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
        for column, size, is_header in self._numbers:
            if is_header and heading is not None:
                size = min(size, heading)
            if size > widths[column - first]:
                widths[column - first] = size
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
        # Each cell's text lines, where they start and how they are drawn, by position
        # in ``self.placed`` (as ``_Placement.owners`` names the cells).
        texts = [self._lines(p, bounds) for p in self.placed]
        heights = self._heights(texts)
        tops = [_top_line(p, heights, len(t)) for p, t in zip(self.placed, texts, strict=True)]
        starts = [0]  # the text line each row starts at
        for height in heights:
            starts.append(starts[-1] + height)
        shown = [self._shown(p, bounds, t) for p, t in zip(self.placed, texts, strict=True)]
        lines: list[str] = [self._border(-1, bounds)]
        for r in range(self.rows):
            for n in range(heights[r]):
                lines.append(self._content(r, starts[r] + n, starts, shown, tops))
            lines.append(self._border(r, bounds))
        return "\n".join(line.rstrip() for line in lines), fits

    def _shown(self, placed: _Placed, bounds: list[int], lines: list[str]) -> tuple[list[str], str]:
        """A cell's lines as drawn (padded to its width, aligned, with the border after
        it), and its line without text."""
        size = bounds[placed.last_column + 1] - bounds[placed.column] - 1 - PADDING * 2
        align = _ALIGN.get(placed.cell.role, "center")
        if len(lines) == 1:  # the usual cell
            drawn = [_SPACE + pad(lines[0], size, align, cjk_width) + _SPACE + "|"]
        else:
            drawn = [_SPACE + pad(text, size, align, cjk_width) + _SPACE + "|" for text in lines]
        return drawn, _SPACE + " " * size + _SPACE + "|"

    def _lines(self, placed: _Placed, bounds: list[int]) -> list[str]:
        size = bounds[placed.last_column + 1] - bounds[placed.column] - 1 - PADDING * 2
        if placed.cell.role == "value" or cjk_width(placed.text) <= size:
            return [placed.text]
        heading = placed.cell.role == "header" and not self._is_label_column(placed.column)
        if heading and size >= 4:  # 自然/人: two characters a line, as narrow columns do
            return wrap_header(placed.text, size, cjk_width).split("\n")
        return wrap(placed.text, size, measure=cjk_width)

    def _heights(self, texts: list[list[str]]) -> list[int]:
        heights = [1] * self.rows
        for placed, lines in zip(self.placed, texts, strict=True):
            if placed.cell.rowspan == 1:
                heights[placed.row] = max(heights[placed.row], len(lines))
        for i in self._placement.merged_rows:  # cells of several rows, fewest rows first
            placed = self.placed[i]
            have = sum(heights[placed.row : placed.last_row + 1])
            heights[placed.last_row] += max(0, len(texts[i]) - have)
        return heights

    def _border(self, after: int, bounds: list[int]) -> str:
        """The line below row ``after`` (-1: the top line): ``-`` under each cell that
        ends there, ``=`` below the headings, blank inside a cell that goes on."""
        fill, closed, junctions = self._placement.borders[after + 1]
        parts = [junctions[0]]
        for c, across in enumerate(closed):
            parts.append((fill if across else " ") * (bounds[c + 1] - bounds[c] - 1))
            parts.append(junctions[c + 1])
        return "".join(parts)

    def _content(
        self,
        r: int,
        line: int,
        starts: list[int],
        shown: list[tuple[list[str], str]],
        tops: list[int],
    ) -> str:
        """Text line ``line`` of the table (from the top, borders left out), in row ``r``."""
        parts: list[str] = ["|"]
        c = 0
        width, owners, placed = self.layout.width, self._placement.owners[r], self.placed
        while c < width:
            i = owners[c]
            drawn, blank = shown[i]
            position = line - starts[placed[i].row] - tops[i]
            parts.append(drawn[position] if 0 <= position < len(drawn) else blank)
            c = placed[i].last_column + 1
        return "".join(parts)


_ALIGN = {"value": "right", "label": "left"}
_SPACE = " " * PADDING


@dataclass
class _Placement:
    """What a layout's drawing needs that depends on the layout alone: its cells where
    they start, the cell covering each place (an index into ``cells``), where vertical
    lines run in each row (at each column boundary), and where each border line is
    drawn across (below row ``after``, -1 for the top line: ``closed[after + 1]``)."""

    layout: TemplateTable
    cells: list[tuple[int, int, TemplateCell]]
    owners: list[list[int]]
    # Each border line (below row ``after``, -1 for the top line: at ``after + 1``): the
    # character it is drawn with, whether it runs across each column, and the character
    # at each column boundary.
    borders: list[tuple[str, list[bool], list[str]]]
    merged_rows: list[int]  # the cells of several rows, fewest rows first


# Each layout's placement, worked out once: layouts are the format's, made once
# (``published_tables``); the layout is kept in its placement, so that its id stays its own.
_PLACEMENTS: dict[int, _Placement] = {}


def _placement(layout: TemplateTable) -> _Placement:
    found = _PLACEMENTS.get(id(layout))
    if found is not None and found.layout is layout:
        return found
    cells = placed_cells(layout)
    width, rows = layout.width, len(layout.rows)
    owners = [[-1] * width for _ in layout.rows]
    for i, (r, c, cell) in enumerate(cells):
        for rr in range(r, r + cell.rowspan):
            for cc in range(c, c + cell.colspan):
                owners[rr][cc] = i
    assert all(i >= 0 for row in owners for i in row), "a place no cell covers"
    verticals = [
        [b in (0, width) or line[b - 1] != line[b] for b in range(width + 1)] for line in owners
    ]
    borders = []
    for after in range(-1, rows):
        fill = "=" if after == layout.header_rows - 1 and after >= 0 else "-"
        closed = [
            after in (-1, rows - 1) or owners[after][c] != owners[after + 1][c]
            for c in range(width)
        ]
        junctions = []
        for b in range(width + 1):
            horizontal = (b > 0 and closed[b - 1]) or (b < width and closed[b])
            vertical = (after >= 0 and verticals[after][b]) or (
                after < rows - 1 and verticals[after + 1][b]
            )
            junctions.append(
                ("+" if horizontal else "|") if vertical else fill if horizontal else " "
            )
        borders.append((fill, closed, junctions))
    if len(_PLACEMENTS) > 64:
        _PLACEMENTS.clear()
    merged = sorted(
        (i for i, (_, _, cell) in enumerate(cells) if cell.rowspan > 1),
        key=lambda i: cells[i][2].rowspan,
    )
    found = _PLACEMENTS[id(layout)] = _Placement(layout, cells, owners, borders, merged)
    return found


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
