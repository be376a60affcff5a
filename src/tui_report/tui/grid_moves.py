"""The keys that move the grid's cursor: arrows, Home/End, PageUp/PageDown, and the
spreadsheet keys — Tab / Shift+Tab from entry cell to entry cell, Enter down to the
next entered row, Ctrl+Home / Ctrl+End to the part's first / last entry cell.

Moving into another table of the part (part 二 has four) moves the focus at once,
so that the rest of a burst of keys (``3 Tab 1 Tab 25`` typed quickly) follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import navigation

if TYPE_CHECKING:
    from .grid import ReportGrid

    _Base = ReportGrid
else:
    _Base = object


class CursorMoves(_Base):
    """Mixin of ``ReportGrid``."""

    tab_start: int | None = None  # the column a run of Tabs began in (Enter returns there)

    def _leave_entry(self) -> bool:
        """Commit what is being typed before the cursor leaves the cell. False if refused."""
        return self.buffer is None or self._commit()

    def action_move(self, rows: int, cols: int) -> None:
        if not self._leave_entry():
            return
        self.tab_start = None
        row, col = self.cursor_row + rows, self.cursor_col + cols
        if row < 0 or row >= len(self.table.rows):
            step = -1 if row < 0 else 1
            target = self.neighbour(step)
            if target is not None:
                last_row = 0 if step > 0 else len(target.table.rows) - 1
                self.go_to(target, last_row, navigation.entry_column_near(target.table, col))
            elif step < 0:
                self.post_message(self.LeaveTop(self))
            return
        self.move_to(row, col)

    def action_left(self) -> None:
        if not self.caret_step(-1):
            self.action_move(0, -1)

    def action_right(self) -> None:
        if not self.caret_step(1):
            self.action_move(0, 1)

    def action_home(self) -> None:
        if not self.caret_to(0):
            self.action_edge("home")

    def action_end(self) -> None:
        if not self.caret_to(None):
            self.action_edge("end")

    def action_edge(self, where: str) -> None:
        if not self._leave_entry():
            return
        self.tab_start = None
        self.move_to(self.cursor_row, 0 if where == "home" else len(self.table.columns) - 1)

    def action_page(self, direction: int) -> None:
        if not self._leave_entry():
            return
        self.tab_start = None
        step = max(self.size.height - self.header_height - 1, 1)
        self.move_to(self.cursor_row + direction * step, self.cursor_col)

    # --- moving between entry cells, and between the tables of a part ----------------

    def siblings(self) -> list[ReportGrid]:
        """The grids of this part, in order (part 二 has four small tables)."""
        from .grid import ReportGrid

        if self.parent is None:
            return [self]
        return [w for w in self.parent.children if isinstance(w, ReportGrid)]

    def neighbour(self, step: int) -> ReportGrid | None:
        grids = self.siblings()
        index = grids.index(self) + step
        return grids[index] if 0 <= index < len(grids) else None

    def go_to(self, target: ReportGrid, row: int, col: int) -> None:
        """Move the cursor to a cell of this grid or of another grid of the part; the
        focus moves at once, so the rest of a burst of keys follows it."""
        if target is not self:
            self.screen.set_focus(target)
            if self.screen.focused is not target:
                target.focus()
        target.move_to(row, col)

    def action_next_cell(self, step: int) -> None:
        """Tab / Shift+Tab: confirm, then the next (previous) entry cell, across the row,
        on to the next row and the next table of the part, passing over computed cells."""
        if not self._leave_entry():
            return
        found = navigation.next_entry_cell(self.table, self.cursor_row, self.cursor_col, step)
        if found is not None:
            if found[0] == self.cursor_row and step > 0:
                if self.tab_start is None:
                    self.tab_start = self.cursor_col
            else:
                self.tab_start = None
            self.move_to(*found)
            return
        self.tab_start = None
        target = self.neighbour(step)
        if target is None:
            where = "最后一个" if step > 0 else "第一个"
            self.post_message(
                self.Told(self, f"已是本部分{where}输入格；切换部分用 F2…F7 或 Ctrl+G")
            )
            return
        edge = navigation.first_entry_cell if step > 0 else navigation.last_entry_cell
        self.go_to(target, *edge(target.table))

    def action_section_edge(self, step: int) -> None:
        """Ctrl+Home / Ctrl+End: the part's first / last entry cell."""
        if not self._leave_entry():
            return
        self.tab_start = None
        grids = self.siblings()
        target = grids[0] if step < 0 else grids[-1]
        edge = navigation.first_entry_cell if step < 0 else navigation.last_entry_cell
        self.go_to(target, *edge(target.table))

    def move_down_after_entry(self) -> None:
        """Enter: the next entered row (（七）总计 is passed over), in the column a run of
        Tabs began in, as a spreadsheet does; then the next table of the part."""
        col = self.cursor_col if self.tab_start is None else self.tab_start
        self.tab_start = None
        row = navigation.next_entry_row(self.table, self.cursor_row)
        if row is not None:
            self.move_to(row, col)
            return
        target = self.neighbour(1)
        if target is None:
            self.post_message(self.Told(self, "已是本部分最后一行；切换部分用 F2…F7 或 Ctrl+G"))
            return
        first = navigation.next_entry_row(target.table, -1)
        assert first is not None
        self.go_to(target, first, navigation.entry_column_near(target.table, col))
