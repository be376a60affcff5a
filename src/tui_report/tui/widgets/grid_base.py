"""The state and the drawing of the report's grid (``ReportGrid``, in ``grid``): one
table, its cursor, the value being typed into the cursor's cell, and the lines painted.

The keys are in two layers above this one: ``grid_moves`` (the cursor) and
``grid_editing`` (typing, pasting, copying); ``grid`` puts them together with the key
bindings. The value being typed is committed here (``commit_pending``), as every layer
needs it: a move commits before the cursor leaves the cell.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from rich.cells import cell_len as width
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ...document import navigation
from ...formats import Table
from ...report.model import CellRef, Report
from ...report.values import InvalidValue, Value, format_value, parse_typed
from ...text.textwidth import pad, shorten
from ..key_order import OwnBindingsFirst
from .grid_layout import (
    CELL_PADDING,
    INDENT,
    MAX_LABEL_WIDTH,
    Fit,
    fit,
    fit_columns,
    header_rows,
    number_widths,
    shown_alike,
)
from .grid_styles import StyledLines
from .literal import visible

EditsHandler = Callable[[list[tuple[CellRef, Value]], str], None]
# The editor's way on from a part's last entry cell (step 1) or back from its first (-1)
# to the next part with a table; False when there is none.
PartLeaver = Callable[["GridBase", int], Awaitable[bool]]
# Told at once when the cursor moved (or the grid took the focus), so that what the
# editor shows about the cell (its labels, the status line) is drawn in the same frame.
CursorWatcher = Callable[["GridBase"], None]


@dataclass(frozen=True)
class CellLook:
    text: str
    style: str  # a component class name, or "" for plain
    caret: int | None = None  # where the caret is in ``text`` when editing in place


class GridBase(OwnBindingsFirst, StyledLines):
    """One table: rows × columns with the derived totals computed and read-only."""

    buffer: str | None = None  # what is being typed into the cursor's cell, if anything
    caret: int = 0  # where in the buffer the next character goes
    in_place: bool = False  # editing the value in place (Ctrl+E): arrows move the caret
    # A value just confirmed by a key that could not move on (Enter or Tab at the report's
    # last entry cell): the next digit would replace it unseen, so it is refused until the
    # cursor moves, Ctrl+E edits the value or Delete clears it.
    just_entered: bool = False
    tab_start: int | None = None  # the column a run of Tabs began in (Enter returns there)

    class Refused(Message):
        """Something typed or pasted cannot go in; ``text`` says why (Chinese)."""

        def __init__(self, grid: GridBase, text: str, pasted: bool = False) -> None:
            super().__init__()
            self.grid = grid
            self.text = text
            self.pasted = pasted

    class Told(Message):
        """Something to say in the status line (Chinese): copied, the last cell …"""

        def __init__(self, grid: GridBase, text: str) -> None:
            super().__init__()
            self.grid = grid
            self.text = text

    class EditStarted(Message):
        """A value is being typed into a cell: what the status line said before goes."""

        def __init__(self, grid: GridBase) -> None:
            super().__init__()
            self.grid = grid

    class CursorMoved(Message):
        def __init__(self, grid: GridBase, ref: CellRef) -> None:
            super().__init__()
            self.grid = grid
            self.ref = ref

    class LeaveTop(Message):
        """The cursor went up from the first row of the part's first table."""

        def __init__(self, grid: GridBase) -> None:
            super().__init__()
            self.grid = grid

    def __init__(
        self,
        table: Table,
        report: Report,
        apply_edits: EditsHandler | None = None,
        *,
        leave_part: PartLeaver | None = None,
        cursor_moved: CursorWatcher | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.table = table
        self.report = report
        self.apply_edits = apply_edits
        self.leave_part = leave_part
        self.cursor_moved = cursor_moved
        self.cursor_row, self.cursor_col = navigation.first_entry_cell(table)
        self.problem_cells: set[CellRef] = set()
        self._line_of_row = {
            line.row: i for i, line in enumerate(table.outline) if line.row is not None
        }
        self._shown: list[list[str]] = []
        self._widths: list[int] = []
        self._headers: list[list[str]] = []
        self._fit = Fit(10, 0, len(table.columns))
        self._layout_width: int | None = None  # the width the label column was fitted to
        self._base_widths: list[int] = []
        self._label_width = 10
        self._signatures: list[tuple[object, ...]] = []
        self._shortened: list[list[str]] = []  # ``_shown`` as measured for the widths
        self._values: list[list[Value | None]] = []  # the grid ``_shown`` shows
        self._value_widths: list[int] = []  # the widest of ``_shortened``, column by column
        self._drawn_problems: set[CellRef] = set()  # the problem cells in the signatures
        self._drawn_cursor_row = -1  # the cursor's row in the signatures (-1: none yet)
        self._recompute()

    # --- state -------------------------------------------------------------------

    @property
    def cursor_ref(self) -> CellRef:
        return self.ref_at(self.cursor_row, self.cursor_col)

    def ref_at(self, row: int, col: int) -> CellRef:
        return CellRef(self.table.key, self.table.rows[row].key, self.table.columns[col].key)

    @property
    def header_height(self) -> int:
        return len(self._headers)

    def cell_is_derived(self, row: int, col: int) -> bool:
        return not navigation.is_entry(self.table, row, col)

    def describe_cursor(self) -> str:
        """The full official labels of the cursor's row and column (with their nearest group)."""
        row = self.table.rows[self.cursor_row]
        column = self.table.columns[self.cursor_col]
        row_text = " ".join(
            (*([self.table.title] if self.table.title else []), *row.groups[-1:], row.label)
        )
        column_text = " ".join((*column.groups[-1:], column.label))
        derived = "（程序计算）" if self.cell_is_derived(self.cursor_row, self.cursor_col) else ""
        return f"{row_text} · {column_text}{derived}"

    def _recompute(self) -> set[int]:
        """Values as shown, column widths, headers and the fit into the current width;
        the rows whose values are shown otherwise than before."""
        grid = self.report.grid(self.table)
        shown: list[list[str]] = []
        before, values_before = self._shown, self._values
        changed: set[int] = set()
        for r, row in enumerate(self.table.rows):
            values = grid[r]
            if r < len(values_before) and shown_alike(values, values_before[r]):
                shown.append(before[r])  # whole numbers equal: shown the same
                continue
            line = []
            for c, column in enumerate(self.table.columns):
                value = values[c]
                if value is None:
                    bad = self.report.bad_cells.get(CellRef(self.table.key, row.key, column.key))
                    line.append(visible(bad.raw) if bad and bad.raw else "?")
                else:
                    line.append(format_value(value))
            shown.append(line)
            if r >= len(before) or line != before[r]:
                changed.add(r)
        self._shown = shown
        self._values = [list(values) for values in grid]
        shortened = self._shortened
        if len(shortened) != len(shown):
            self._shortened = shortened = [[] for _ in shown]
            changed = set(range(len(shown)))
        for r in changed:
            shortened[r] = [shorten(text, 12, width) for text in shown[r]]
        self._refit(measure=bool(changed))
        return changed

    def _refit(self, measure: bool = True) -> None:
        """The label column and headers for the current width (whole headers if they fit,
        else narrow columns with wrapped headers), then the columns' widths for the
        values and which of them are visible (``measure``: the values shown changed)."""
        total = max(self.scrollable_content_region.width, 1) if self.is_mounted else 80
        if self._layout_width != total:
            self._layout_width = total
            self._base_widths, self._label_width = self._base_layout(total)
            self._headers = header_rows(self.table, self._base_widths)
        if measure or len(self._value_widths) != len(self.table.columns):
            self._value_widths = number_widths(self.table, self._shortened)
        values = self._value_widths
        self._widths = [max(b, v) for b, v in zip(self._base_widths, values, strict=True)]
        self._fit = fit_columns(total, self._label_width, self._widths, keep=self.cursor_col)
        size = Size(total, self.header_height + len(self.table.outline))
        if size != self.virtual_size:  # setting it repaints the scroll bar, line by line
            self.virtual_size = size

    def _base_layout(self, total: int) -> tuple[list[int], int]:
        """Column widths without the values, and the label width they leave."""
        natural_label = max(width(INDENT * line.level + line.label) for line in self.table.outline)
        natural_label += 1
        widths = number_widths(self.table, [])
        roomy = [max(w, width(c.label)) for w, c in zip(widths, self.table.columns, strict=True)]
        if min(natural_label, MAX_LABEL_WIDTH) + sum(w + CELL_PADDING for w in roomy) <= total:
            widths = roomy
        return widths, fit(total, widths, natural_label).label_width

    # --- layout ------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.header_height + len(self.table.outline)

    def on_resize(self, _event: events.Resize) -> None:
        self._refit()
        self._signatures = []
        self.refresh()

    def on_focus(self, _event: events.Focus) -> None:
        self.refresh_values()
        self._signatures = []  # has_focus changes after this: taken anew at the next
        self._tell_cursor()

    def on_blur(self, _event: events.Blur) -> None:
        if self.buffer is not None:
            self._commit()
        self.refresh_values()
        self._signatures = []  # (and Textual draws the whole grid again after it)

    # --- rendering -------------------------------------------------------------------

    def _look(self, r: int, c: int) -> CellLook:
        ref = CellRef(self.table.key, self.table.rows[r].key, self.table.columns[c].key)
        text = self._shown[r][c]
        is_cursor = (r, c) == (self.cursor_row, self.cursor_col)
        if is_cursor and self.buffer is not None:
            return CellLook(self.buffer, "grid--editing", self.caret if self.in_place else None)
        if is_cursor:
            return CellLook(text, "grid--cursor" if self.has_focus else "grid--cursor-blurred")
        if ref in self.problem_cells:
            return CellLook(text, "grid--error")
        if self.cell_is_derived(r, c):
            return CellLook(text, "grid--derived")
        return CellLook(text, "")

    def _line_signature(self, index: int) -> tuple[object, ...]:
        line = self.table.outline[index]
        if line.row is None:
            return (line.label, line.level, self._fit)
        looks = tuple(self._look(line.row, c) for c in self._fit.visible)
        return (line.label, line.level, self._fit, looks)

    def render_line(self, y: int) -> Strip:
        total = self.scrollable_content_region.width
        if total != self._layout_width:  # laid out before its width was known (at start)
            self._refit()
            self._signatures = []
        if y < self.header_height:
            return self._header_strip(y, total)
        index = y - self.header_height + int(self.scroll_y)
        if index >= len(self.table.outline):
            return Strip.blank(total, self.line_style())
        return self._data_strip(index, total)

    def _header_strip(self, y: int, total: int) -> Strip:
        style = self.line_style("grid--header")
        corner = self.table.corner if y == 0 and self.table.corner else ""
        segments = [
            Segment(
                pad(
                    shorten(corner, self._fit.label_width, width),
                    self._fit.label_width,
                    measure=width,
                ),
                style,
            )
        ]
        for c in self._fit.visible:
            text = pad(self._headers[y][c], self._widths[c] + CELL_PADDING, "center", width)
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(total, self.line_style()).simplify()

    def _data_strip(self, index: int, total: int) -> Strip:
        line = self.table.outline[index]
        base = self.line_style()
        label_style = self.line_style("grid--group" if line.row is None else "grid--label")
        label = shorten(INDENT * line.level + visible(line.label), self._fit.label_width, width)
        segments = [Segment(pad(label, self._fit.label_width, measure=width), label_style)]
        for c in self._fit.visible:
            cell_width = self._widths[c]
            if line.row is None:
                segments.append(Segment(" " * (cell_width + CELL_PADDING), base))
                continue
            look = self._look(line.row, c)
            style = self.line_style(look.style)
            if look.caret is not None:
                segments += self._caret_segments(look, cell_width, style)
                continue
            text = visible(look.text)
            if width(text) > cell_width:
                text = "…" + text[-(cell_width - 1) :]
            segments.append(Segment(" " + pad(text, cell_width, "right", width) + " ", style))
        return Strip(segments).adjust_cell_length(total, base).simplify()

    def _caret_segments(self, look: CellLook, cell_width: int, style: Style) -> list[Segment]:
        """A cell being edited in place: its text with the caret shown, scrolled to it."""
        assert look.caret is not None
        text = visible(look.text) + " "  # room for the caret after the last character
        start = max(0, look.caret - cell_width + 1)
        shown = text[start : start + cell_width]
        caret = look.caret - start
        caret_style = self.line_style("grid--caret")
        left = " " * (cell_width - len(shown))
        return [
            Segment(" " + left + shown[:caret], style),
            Segment(shown[caret : caret + 1], caret_style),
            Segment(shown[caret + 1 :] + " ", style),
        ]

    def refresh_values(self) -> None:
        """Repaint only the lines whose content changed (values, highlights, cursor).

        A line's look is taken again only where it may have changed: its values, the
        cursor's row before and now (the focus and the value typed show only there), the
        rows whose cells became or stopped being problems; every line when the columns
        changed."""
        old_widths = self._widths
        old_fit = self._fit
        changed = self._recompute()
        problems = self.problem_cells
        if self._widths != old_widths or self._fit != old_fit or not self._signatures:
            self._signatures = [self._line_signature(i) for i in range(len(self.table.outline))]
            self._drawn_problems, self._drawn_cursor_row = set(problems), self.cursor_row
            self.refresh()
            return
        rows = changed | {self.cursor_row, self._drawn_cursor_row}  # (-1: on no line)
        rows |= self._rows_of(problems ^ self._drawn_problems)
        lines = sorted(i for r in rows if (i := self._line_of_row.get(r)) is not None)
        self._drawn_problems, self._drawn_cursor_row = set(problems), self.cursor_row
        for index in lines:
            signature = self._line_signature(index)
            if signature != self._signatures[index]:
                self._signatures[index] = signature
                self.refresh_line(self.header_height + index)

    def _rows_of(self, refs: set[CellRef]) -> set[int]:
        index = self.table.row_index
        return {index[ref.row] for ref in refs}

    def refresh_line(self, y: int) -> None:
        """Refresh one virtual line (data lines are below the fixed header)."""
        row = y - int(self.scroll_y) if y >= self.header_height else y
        if self.header_height <= row < self.size.height:
            # the line itself, not the scroll bar beside it (which has not changed)
            self.refresh(Region(0, row, self.scrollable_content_region.width, 1))

    # --- moving within the table ------------------------------------------------------

    def move_to(self, row: int, col: int) -> None:
        """Put the cursor on a cell (row and column indexes in the table)."""
        left = self.cursor_row
        self.cursor_row = max(0, min(row, len(self.table.rows) - 1))
        self.cursor_col = max(0, min(col, len(self.table.columns) - 1))
        self.just_entered = False
        if self.cursor_col not in self._fit.visible:
            self._refit()
            self._signatures = []
        self._scroll_to_cursor()
        self._refresh_cursor_lines(left)
        self._tell_cursor()

    def _tell_cursor(self) -> None:
        """Tell where the cursor is now: at once to the watcher (drawn in the same frame
        as the move), else as a message."""
        if self.cursor_moved is not None:
            self.cursor_moved(self)
        else:
            self.post_message(self.CursorMoved(self, self.cursor_ref))

    def _refresh_cursor_lines(self, left: int) -> None:
        """After a move, which changes no value: only the lines of the row the cursor left
        and the row it is on are drawn anew (formatting and measuring every value again,
        as ``refresh_values`` does, was a third of an Enter's work: B2 of issue 26)."""
        total = max(self.scrollable_content_region.width, 1) if self.is_mounted else 80
        lines = [self._line_of_row.get(row) for row in {left, self.cursor_row}]
        fit = fit_columns(total, self._label_width, self._widths, keep=self.cursor_col)
        stale = total != self._layout_width or fit != self._fit or not self._signatures
        if stale or self.buffer is not None or None in lines:
            self.refresh_values()
            return
        for index in lines:
            assert index is not None
            signature = self._line_signature(index)
            if signature != self._signatures[index]:
                self._signatures[index] = signature
                self.refresh_line(self.header_height + index)
        self._drawn_cursor_row = self.cursor_row

    def _scroll_to_cursor(self) -> None:
        if not self.is_mounted:
            return
        index = self._line_of_row[self.cursor_row]
        visible_rows = max(self.size.height - self.header_height, 1)
        top = int(self.scroll_y)
        if self.cursor_row == self._first_row() and index > top:
            index = 0  # show the group headings above the first row too
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + visible_rows:
            self.scroll_to(y=index - visible_rows + 1, animate=False, immediate=True)

    def _first_row(self) -> int:
        return next(line.row for line in self.table.outline if line.row is not None)

    def on_click(self, event: events.Click) -> None:
        y = event.y
        if y < self.header_height:
            return
        index = y - self.header_height + int(self.scroll_y)
        if index >= len(self.table.outline) or self.table.outline[index].row is None:
            return
        x = event.x - self._fit.label_width
        col = self._fit.first
        for c in self._fit.visible:
            if x < self._widths[c] + CELL_PADDING:
                col = c
                break
            x -= self._widths[c] + CELL_PADDING
        row = self.table.outline[index].row
        assert row is not None
        if not self.commit_pending():
            return
        self.tab_start = None
        self.move_to(row, col)

    # --- the value being typed ----------------------------------------------------------

    def caret_step(self, step: int) -> bool:
        """Move the caret when editing in place; False when the key should move the cursor."""
        if self.buffer is None or not self.in_place:
            return False
        self.caret = max(0, min(self.caret + step, len(self.buffer)))
        self.refresh_values()
        return True

    def caret_to(self, position: int | None) -> bool:
        """The caret to the start (0) or the end (None) when editing in place."""
        if self.buffer is None or not self.in_place:
            return False
        self.caret = len(self.buffer) if position is None else position
        self.refresh_values()
        return True

    def commit_pending(self) -> bool:
        """Commit a value being typed (before saving or quitting, or before the cursor
        leaves the cell). False if it is refused."""
        return self.buffer is None or self._commit()

    def _commit(self) -> bool:
        """Take the buffer as the cell's value. False if refused. An emptied buffer
        changes nothing (like Esc); to clear a cell to 0 press Delete or Backspace."""
        text = self.buffer or ""
        self.buffer, self.caret, self.in_place = None, 0, False
        if not text.strip():
            self.refresh_values()
            return True
        accepted = self._request(text)
        if not accepted:
            self.refresh_values()
        return accepted

    def _request(self, text: str) -> bool:
        column = self.table.columns[self.cursor_col]
        try:
            value = parse_typed(text, column.kind)
        except InvalidValue as exc:
            self.post_message(self.Refused(self, exc.message))
            return False
        if self.apply_edits is not None:
            self.apply_edits([(self.cursor_ref, value)], "")
        return True
