"""Moving around the editor: parts, cells, problems, Tab between input areas, finding.

Tab and Shift+Tab go from one input area of the part to the next (发布机关 → 年度 →
引言 on the cover) and never to the part bar, where typed keys would be lost; in
a table they go from cell to cell (see ``grid``). The part bar is reached with ↑
from a table's first row or a field, and keys typed there go into the part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from ...document import navigation
from ...document.document import ReportDocument
from ...document.problem_order import (
    COVER_PLACES,
    PANE_START,
    cell_place,
    next_problem,
    text_place,
)
from ...document.problem_order import (
    Place as ProblemPlace,
)
from ...report.domain import TEXT_KEY
from ...report.model import CellRef
from ...report.problems import Problem
from ..widgets.grid import ReportGrid
from ..widgets.grid_base import GridBase
from .panes import COVER, PROBLEMS, pane_ids
from .part_tabs import PartTabs
from .parts import Parts
from .status_line import StatusLine

if TYPE_CHECKING:
    from .find import Place

# The dialogs (Find, Goto, CommandPalette) are imported when first opened: together with
# the editor's other dialogs they cost ~10 % of its start-up imports (-X importtime).


class Navigator:
    """Where the cursor goes: the editor screen's moves between parts, cells and texts."""

    def __init__(
        self,
        screen: Screen[None],
        document: ReportDocument,
        parts: Parts,
        tabs: PartTabs,
        status: StatusLine,
    ) -> None:
        self.screen, self.document, self.parts = screen, document, parts
        self.tabs, self.status = tabs, status
        self.visited_problem: tuple[Problem, ProblemPlace] | None = None  # F8's last

    # --- parts and input areas ------------------------------------------------------------

    async def show_pane(self, pane_id: str) -> None:
        await self.parts.show(pane_id)
        self.tabs.set_active(pane_id)

    async def show_part(self, index: int) -> None:
        pane_id = pane_ids(self.document.report.format)[index]
        await self.show_pane(pane_id)
        self.focus_pane(pane_id)

    def focus_pane(self, pane_id: str) -> None:
        areas = self.parts.input_areas(pane_id)
        if areas:
            self.focus_now(areas[0])

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (``Widget.focus`` waits a turn), so that the next key of the
        same burst, already on its way, goes there too (see ``key_order``)."""
        self.screen.set_focus(widget)
        if self.screen.focused is not widget:
            widget.focus()

    def next_field(self, step: int) -> None:
        """Tab / Shift+Tab outside a table: the next input area of this part."""
        areas = self.parts.input_areas(self.parts.current_pane)
        if not areas:
            return
        focused = self.screen.focused
        if focused in areas:
            if len(areas) == 1:
                self.status.say("本部分只有这一个输入区；切换部分用 F2…F7、F9、F10 或 Ctrl+G")
                return
            target = areas[(areas.index(focused) + step) % len(areas)]
        else:  # from the part bar: into the part
            target = areas[0] if step > 0 else areas[-1]
        self.focus_now(target)

    def typed_on_bar(self, event: PartTabs.Typed) -> None:
        """A key typed on the part bar goes into the part (it would otherwise be lost)."""
        self.focus_pane(self.parts.current_pane)
        focused = self.screen.focused
        if focused is not None and focused is not event.bar:
            focused.post_message(event.key)

    def goto(self) -> None:
        from .goto import Goto  # a dialog: when first opened (see above)

        def chosen(index: int | None) -> None:
            if index is not None:
                self.screen.call_next(self.show_part, index)

        self.screen.app.push_screen(Goto(self.document.report.format), chosen)

    # --- cells and texts ------------------------------------------------------------------

    def is_at(self, ref: CellRef) -> bool:
        focused = self.screen.focused
        return isinstance(focused, ReportGrid) and focused.cursor_ref == ref

    async def show_cell(self, ref: CellRef) -> None:
        grid = await self.parts.grid_for(ref.table)
        await self.show_pane(f"pane-{self.document.report.format.section_of_table[ref.table].key}")
        table = grid.table
        self.focus_now(grid)
        grid.move_to(table.row_index[ref.row], table.column_index[ref.column])

    async def leave_part(self, grid: GridBase, step: int) -> bool:
        """Tab or Enter past a part's last entry cell: the next part with a table, at its
        first entry cell (Shift+Tab before the first: the previous part's last). The focus
        moves before the key is done, so the rest of a burst of keys follows. False at
        the report's first or last entry cell."""
        fmt = self.document.report.format
        sections = [s for s in fmt.sections if s.tables]
        here = sections.index(fmt.section_of_table[grid.table.key])
        if not 0 <= here + step < len(sections):
            return False
        section = sections[here + step]
        table = section.tables[0] if step > 0 else section.tables[-1]
        target = await self.parts.grid_for(table.key)
        await self.show_pane(f"pane-{section.key}")
        self.focus_now(target)
        edge = navigation.first_entry_cell if step > 0 else navigation.last_entry_cell
        target.move_to(*edge(table))
        where = "第一个" if step > 0 else "最后一个"
        self.status.say(f"已到{section.heading}的{where}输入格")
        return True

    async def show_text(self, text_key: str, offset: int | None = None) -> None:
        from textual.widgets import TextArea  # loaded with the first part that has prose
        from textual.widgets.text_area import Document

        section = self.document.report.format.section_of_text.get(text_key)
        await self.show_pane(f"pane-{section.key}" if section else f"pane-{COVER}")
        area = self.parts.query_one(f"#text-{text_key}", TextArea)
        self.focus_now(area)
        if offset is not None:
            document = area.document
            assert isinstance(document, Document)
            area.move_cursor(document.get_location_from_index(offset), center=True)

    async def show_field(self, name: str) -> None:
        await self.show_pane(f"pane-{COVER}")
        self.focus_now(self.parts.query_one(f"#{name}", Input))

    # --- problems ---------------------------------------------------------------------------

    async def jump_to(self, problem: Problem) -> None:
        key = problem.location.key or ""
        if problem.cells:
            await self.show_cell(problem.cells[0])
        elif key.endswith(f".{TEXT_KEY}") and key.split(".")[0] in self.document.report.texts:
            await self.show_text(key.split(".")[0])
        elif key in ("agency", "year"):
            await self.show_field(key)
        else:
            await self.show_pane(f"pane-{PROBLEMS}")
        self.status.say(problem.message, about=problem)

    async def next_problem(self, step: int = 1) -> None:
        """F8 / Ctrl+N: the next problem after the cursor (Shift+F8: the one before)."""
        problems = self.document.problems
        if not problems:
            self.status.say("没有发现问题")
            return
        here = self.cursor_place()
        fmt = self.document.report.format
        await self.go_to_problem(next_problem(fmt, problems, here, self._visited(here), step))

    async def go_to_problem(self, index: int) -> None:
        problem = self.document.problems[index]
        await self.jump_to(problem)
        self.visited_problem = (problem, self.cursor_place())

    def _visited(self, here: ProblemPlace) -> int | None:
        """The problem F8 (or the list) last went to, while the cursor is still there."""
        if self.visited_problem is None:
            return None
        problem, place = self.visited_problem
        problems = self.document.problems
        if place != here or problem not in problems:
            return None
        return problems.index(problem)

    def cursor_place(self) -> ProblemPlace:
        """Where the cursor is, in the report's reading order (see ``problem_order``)."""
        fmt = self.document.report.format
        focused = self.screen.focused
        if isinstance(focused, ReportGrid):
            return cell_place(fmt, focused.cursor_ref)
        name = (focused.id or "") if focused is not None else ""
        if name.startswith("text-") and name.removeprefix("text-") in fmt.section_of_text:
            return text_place(fmt, name.removeprefix("text-"))
        if name in COVER_PLACES:
            return (0, COVER_PLACES[name], 0, 0)
        panes = pane_ids(fmt)
        current = self.parts.current_pane
        return (panes.index(current) if current in panes else 0, PANE_START, 0, 0)

    # --- finding and the command palette ---------------------------------------------------

    def find(self) -> None:
        from .find import Find  # a dialog: when first opened (see above)

        def chosen(place: Place | None) -> None:
            if place is not None:
                self.screen.call_next(self.go_to_place, place)

        report = self.document.report
        self.screen.app.push_screen(Find(report, self.parts.texts_shown()), chosen)

    async def go_to_place(self, place: Place) -> None:
        if place.kind == "cell" and place.ref is not None:
            await self.show_cell(place.ref)
        elif place.kind == "text":
            await self.show_text(place.key, place.offset)
        elif place.kind == "field":
            await self.show_field(place.key)
        else:
            await self.show_pane(place.key)
            self.focus_pane(place.key)
        self.status.say(f"已跳到 {place.label}")

    def commands(self) -> None:
        from .palette import CommandPalette  # a dialog: when first opened (see above)

        def chosen(key: str | None) -> None:
            if key is not None:
                self.screen.app.simulate_key(key)

        in_grid = isinstance(self.screen.focused, ReportGrid)
        palette = CommandPalette(in_grid, self.document.report.format)
        self.screen.app.push_screen(palette, chosen)
