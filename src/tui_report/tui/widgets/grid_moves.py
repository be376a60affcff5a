"""The keys that move the grid's cursor: arrows, Home/End, PageUp/PageDown, and the
spreadsheet keys — Tab / Shift+Tab from entry cell to entry cell, Enter down to the
next entered row, Ctrl+Home / Ctrl+End to the part's first / last entry cell.

Moving into another table of the part (part 二 has four) moves the focus at once,
so that the rest of a burst of keys (``3 Tab 1 Tab 25`` typed quickly) follows.
"""

from __future__ import annotations

from ...document import navigation
from .grid_base import GridBase


class CursorMoves(GridBase):
    """The grid with its cursor keys (the key bindings are ``ReportGrid``'s)."""

    def action_move(self, rows: int, cols: int) -> None:
        typed = self.buffer
        if not self.commit_pending():
            return
        self.tab_start = None
        row, col = self.cursor_row + rows, self.cursor_col + cols
        if row < 0 or row >= len(self.table.rows):
            step = -1 if row < 0 else 1
            target = self.neighbour(step)
            if target is not None:
                last_row = 0 if step > 0 else len(target.table.rows) - 1
                self.go_to(target, last_row, navigation.entry_column_near(target.table, col))
                return
            if step < 0:
                self.just_entered = bool(typed and typed.strip())  # a key typed on the bar
                self.post_message(self.LeaveTop(self))  # comes back here
            else:
                self._stay_at_the_end(typed, "本部分最后一行")
            return
        if not 0 <= col < len(self.table.columns):
            if typed is not None:
                self._stay_at_the_end(typed, "表格最左一列" if col < 0 else "表格最右一列")
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
        if not self.commit_pending():
            return
        self.tab_start = None
        self.move_to(self.cursor_row, 0 if where == "home" else len(self.table.columns) - 1)

    def action_page(self, direction: int) -> None:
        if not self.commit_pending():
            return
        self.tab_start = None
        step = max(self.size.height - self.header_height - 1, 1)
        self.move_to(self.cursor_row + direction * step, self.cursor_col)

    # --- moving between entry cells, and between the tables of a part ----------------

    def part_grids(self) -> list[GridBase]:
        """The grids of this part, in order (part 二 has four small tables)."""
        if self.parent is None:
            return [self]
        return [w for w in self.parent.children if isinstance(w, GridBase)]

    def neighbour(self, step: int) -> GridBase | None:
        grids = self.part_grids()
        index = grids.index(self) + step
        return grids[index] if 0 <= index < len(grids) else None

    def go_to(self, target: GridBase, row: int, col: int) -> None:
        """Move the cursor to a cell of this grid or of another grid of the part; the
        focus moves at once, so the rest of a burst of keys follows it."""
        if target is not self:
            self.screen.set_focus(target)
            if self.screen.focused is not target:
                target.focus()
        target.move_to(row, col)

    async def action_next_cell(self, step: int) -> None:
        """Tab / Shift+Tab: confirm, then the next (previous) entry cell, across the row,
        on to the next row, the next table of the part and the next part with a table,
        passing over computed cells."""
        typed = self.buffer
        if not self.commit_pending():
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
        if target is not None:
            first_or_last = navigation.first_entry_cell if step > 0 else navigation.last_entry_cell
            self.go_to(target, *first_or_last(target.table))
            return
        if not await self._leave_part(step):
            which = "最后一个" if step > 0 else "第一个"
            self._stay_at_the_end(typed, f"本报告{which}输入格")

    async def _leave_part(self, step: int) -> bool:
        """On to the next part's first entry cell (back to the previous part's last):
        a report is typed in part after part. False at the report's first or last."""
        return self.leave_part is not None and await self.leave_part(self, step)

    def _stay_at_the_end(self, typed: str | None, where: str) -> None:
        """The cursor cannot go on: say so, and where a value was just confirmed here,
        keep the next digit from replacing it unseen (see ``CellEditing.just_entered``)."""
        if typed is None or not typed.strip():
            self.post_message(self.Told(self, f"已是{where}"))
            return
        self.just_entered = True
        value = self._shown[self.cursor_row][self.cursor_col]
        self.post_message(
            self.Told(
                self,
                f"已是{where}，{value} 已确认；要改它请按 Ctrl+E，输入下一个数前请先移动光标",
            )
        )

    def action_section_edge(self, step: int) -> None:
        """Ctrl+Home / Ctrl+End: the part's first / last entry cell."""
        if not self.commit_pending():
            return
        self.tab_start = None
        grids = self.part_grids()
        target = grids[0] if step < 0 else grids[-1]
        edge = navigation.first_entry_cell if step < 0 else navigation.last_entry_cell
        self.go_to(target, *edge(target.table))

    async def move_down_after_entry(self, typed: str | None) -> None:
        """Enter: the next entered row (（七）总计 is passed over), in the column a run of
        Tabs began in, as a spreadsheet does; then the next table of the part, then the
        next part with a table."""
        col = self.cursor_col if self.tab_start is None else self.tab_start
        self.tab_start = None
        row = navigation.next_entry_row(self.table, self.cursor_row)
        if row is not None:
            self.move_to(row, col)
            return
        target = self.neighbour(1)
        if target is not None:
            first = navigation.next_entry_row(target.table, -1)
            assert first is not None
            self.go_to(target, first, navigation.entry_column_near(target.table, col))
            return
        if not await self._leave_part(1):
            self._stay_at_the_end(typed, "本报告最后一行")
