"""The list of a folder's reports: one line each, a fixed heading, a cursor.

A Line API widget rather than a DataTable: the view re-sorts and re-filters hundreds of
rows on a key press and takes results in batches while a folder is being checked, and
a DataTable must be rebuilt row by row for each of these (a fifth of a second for a
thousand rows). Here the rows are a list the screen hands over; only the lines on
screen are drawn, from ``columns``' layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...folder.rows import ReportRow
from .columns import GAP, ListContext, Placed, WidestCells, cell_text, fit, line


class ReportList(ScrollView, can_focus=True):
    """The rows shown (already filtered and sorted by the screen) and a cursor on one."""

    COMPONENT_CLASSES = {
        "list--header",
        "list--cursor",
        "list--cursor-blurred",
        "list--error",
        "list--pending",
    }

    DEFAULT_CSS = """
    ReportList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ReportList > .list--header { text-style: bold; color: $text-muted; }
    ReportList > .list--cursor { text-style: reverse bold; }
    ReportList > .list--cursor-blurred { text-style: underline; }
    ReportList > .list--error { text-style: bold reverse; }
    ReportList > .list--pending { color: $text-muted; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "上", show=False),
        Binding("down", "move(1)", "下", show=False),
        Binding("pageup", "page(-1)", "上一页", show=False),
        Binding("pagedown", "page(1)", "下一页", show=False),
        Binding("home", "edge(-1)", "第一行", show=False),
        Binding("end", "edge(1)", "最后一行", show=False),
        Binding("enter", "choose", "打开", show=False),
    ]

    class Chosen(Message):
        """Enter on a report: open it."""

        def __init__(self, row: ReportRow) -> None:
            super().__init__()
            self.row = row

    class Highlighted(Message):
        """The cursor is on another report (None: the list is empty)."""

        def __init__(self, row: ReportRow | None) -> None:
            super().__init__()
            self.row = row

    class HeaderClicked(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ReportRow] = []
        self.context = ListContext()
        self.cursor = 0
        self.sorted_by: str | None = None
        self.descending = False
        self.total_cells: dict[str, str] = {}  # the total line's cells, for the widths
        self.placed: list[Placed] = []
        self._layout_width = 0
        self._widest = WidestCells(self.context)  # of the rows shown, in their context

    # --- what is shown ------------------------------------------------------------------

    def show(
        self,
        rows: Sequence[ReportRow],
        context: ListContext,
        keep_path: str | None = None,
    ) -> None:
        """Show these rows, the cursor on ``keep_path``'s row if it is among them (else
        at the same place in the list)."""
        before = self.current
        self.rows = list(rows)
        if context is not self.context:  # the cells are another state's: measured anew
            self.context, self._widest = context, WidestCells(context)
        path = keep_path if keep_path is not None else before.path if before else None
        if path is not None:
            at = next((i for i, r in enumerate(self.rows) if r.path == path), None)
            if at is not None:
                self.cursor = at
        self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        self.relayout()
        self._scroll_to_cursor()
        now = self.current
        if (now and now.path) != (before and before.path) or before is None:
            self.post_message(self.Highlighted(now))

    def relayout(self) -> None:
        """The columns for the width and the rows shown (after a change of either)."""
        width = self.scrollable_content_region.width if self.is_mounted else 80
        self._layout_width = width = max(width, 20)
        widest = self._widest.of(self.rows)
        self.placed = fit(width, self.rows, self.context, self.total_cells, self.sorted_by, widest)
        size = Size(width, len(self.rows) + 1)
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    @property
    def current(self) -> ReportRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # --- drawing --------------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows) + 1

    def on_resize(self, _event: events.Resize) -> None:
        self.relayout()
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header_strip(width)
        index = y - 1 + int(self.scroll_y)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        return self._row_strip(index, width)

    def heading_cells(self) -> dict[str, str]:
        mark = "▼" if self.descending else "▲"
        return {
            p.column.key: p.title + (mark if p.column.key == self.sorted_by else "")
            for p in self.placed
        }

    def _header_strip(self, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("list--header")
        return self._strip(line(self.placed, self.heading_cells()), width, style, {})

    def _row_strip(self, index: int, width: int) -> Strip:
        row = self.rows[index]
        base = self.rich_style
        if not row.checked:
            base += self.get_component_rich_style("list--pending")
        if index == self.cursor:
            name = "list--cursor" if self.has_focus else "list--cursor-blurred"
            base += self.get_component_rich_style(name)
        cells = {
            p.column.key: cell_text(p.column.key, row, self.context, p.short) for p in self.placed
        }
        marked = {}
        if row.unreadable or (row.checked and self.context.analysis.errors(row)):
            marked["errors"] = base + self.get_component_rich_style("list--error")
        return self._strip(line(self.placed, cells), width, base, marked)

    def _strip(
        self, cells: list[tuple[str, str]], width: int, style: Style, marked: dict[str, Style]
    ) -> Strip:
        segments = [Segment(" ", style)]
        for i, (key, text) in enumerate(cells):
            if i:
                segments.append(Segment(" " * GAP, style))
            segments.append(Segment(text, marked.get(key, style)))
        return Strip(segments).adjust_cell_length(width, style).simplify()

    def refresh_row(self, index: int) -> None:
        line_y = index + 1 - int(self.scroll_y)
        if 1 <= line_y < self.size.height:
            self.refresh(Region(0, line_y, self.size.width, 1))

    # --- moving -----------------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.cursor:
            return
        before, self.cursor = self.cursor, index
        self.refresh_row(before)
        self.refresh_row(index)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        if not self.is_mounted:
            return
        visible_rows = max(self.size.height - 1, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible_rows:
            self.scroll_to(y=self.cursor - visible_rows + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.size.height - 2, 1))

    def action_edge(self, direction: int) -> None:
        self.move_to(0 if direction < 0 else len(self.rows) - 1)

    def action_choose(self) -> None:
        if self.current is None:
            raise SkipAction()  # the screen's Enter says why nothing opens
        self.post_message(self.Chosen(self.current))

    def on_focus(self, _event: events.Focus) -> None:
        self.refresh_row(self.cursor)

    def on_blur(self, _event: events.Blur) -> None:
        self.refresh_row(self.cursor)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x - 1
            for placed in self.placed:
                if x < placed.width + GAP:
                    self.post_message(self.HeaderClicked(placed.column.key))
                    return
                x -= placed.width + GAP
            return
        self.move_to(event.y - 1 + int(self.scroll_y))
        if event.chain == 2:
            self.action_choose()
