"""Moving around the editor: parts, cells, problems, Tab between input areas, finding.

Tab and Shift+Tab go from one input area of the part to the next (发布机关 → 年度 →
引言 on the cover) and never to the part bar, where typed keys would be lost; in
a table they go from cell to cell (see ``grid``). The part bar is reached with ↑
from a table's first row or a field, and keys typed there go into the part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, OptionList

from ...report.domain import TEXT_KEY
from ...report.model import CellRef
from ...report.problems import Problem
from .panes import COVER, PROBLEMS, pane_ids
from .part_tabs import PartTabs

if TYPE_CHECKING:
    from ..widgets.grid import ReportGrid
    from .find import Place
    from .problem_order import Place as ProblemPlace
    from .screen import EditorScreen

    _Base = EditorScreen
else:
    _Base = object

INPUT_AREAS = "ReportGrid, TextArea, Input, OptionList"


class Moving(_Base):
    """Mixin of the editor screen (its message handlers go by name: Textual's @on is
    not seen in a mixin)."""

    async def show_pane(self, pane_id: str) -> None:
        await self.fill_pane(pane_id)
        self.query_one("#parts", ContentSwitcher).current = pane_id
        self.query_one("#part-tabs", PartTabs).set_active(pane_id)
        if self._problem_list_stale:
            self.update_problem_list()  # what was found while it was hidden

    async def action_show_part(self, index: int) -> None:
        pane_id = pane_ids(self.report.format)[index]
        await self.show_pane(pane_id)
        self.focus_pane(pane_id)

    @property
    def current_pane(self) -> str:
        return self.query_one("#parts", ContentSwitcher).current or ""

    def input_areas(self, pane_id: str) -> list[Widget]:
        pane = self.query_one(f"#{pane_id}")
        return [w for w in pane.query(INPUT_AREAS) if isinstance(w, Widget) and w.focusable]

    def focus_pane(self, pane_id: str) -> None:
        areas = self.input_areas(pane_id)
        if areas:
            self.focus_now(areas[0])

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (``Widget.focus`` waits a turn), so that the next key of the
        same burst, already on its way, goes there too (see ``key_order``)."""
        self.set_focus(widget)
        if self.focused is not widget:
            widget.focus()

    def action_next_field(self, step: int) -> None:
        """Tab / Shift+Tab outside a table: the next input area of this part."""
        areas = self.input_areas(self.current_pane)
        if not areas:
            return
        focused = self.focused
        if focused in areas:
            if len(areas) == 1:
                self.say("本部分只有这一个输入区；切换部分用 F2…F7、F9、F10 或 Ctrl+G")
                return
            target = areas[(areas.index(focused) + step) % len(areas)]
        else:  # from the part bar: into the part
            target = areas[0] if step > 0 else areas[-1]
        self.focus_now(target)

    def action_part_bar(self) -> None:
        """↑ from a field: up to the part bar."""
        self.focus_now(self.query_one("#part-tabs", PartTabs))

    def on_part_tabs_typed(self, event: PartTabs.Typed) -> None:
        """A key typed on the part bar goes into the part (it would otherwise be lost)."""
        self.focus_pane(self.current_pane)
        if self.focused is not None and self.focused is not event.bar:
            self.focused.post_message(event.key)

    def action_goto(self) -> None:
        from .goto import Goto

        def chosen(index: int | None) -> None:
            if index is not None:
                self.call_next(self.action_show_part, index)

        self.app.push_screen(Goto(self.report.format), chosen)

    async def show_cell(self, ref: CellRef) -> None:
        grid = await self.grid_for(ref.table)
        await self.show_pane(f"pane-{self.report.format.section_of_table[ref.table].key}")
        table = grid.table
        self.focus_now(grid)
        grid.move_to(table.row_index[ref.row], table.column_index[ref.column])

    async def leave_part(self, grid: ReportGrid, step: int) -> bool:
        """Tab or Enter past a part's last entry cell: the next part with a table, at its
        first entry cell (Shift+Tab before the first: the previous part's last). The focus
        moves before the key is done, so the rest of a burst of keys follows. False at
        the report's first or last entry cell."""
        from ..widgets import navigation

        sections = [s for s in self.report.format.sections if s.tables]
        here = sections.index(self.report.format.section_of_table[grid.table.key])
        if not 0 <= here + step < len(sections):
            return False
        section = sections[here + step]
        table = section.tables[0] if step > 0 else section.tables[-1]
        target = await self.grid_for(table.key)
        await self.show_pane(f"pane-{section.key}")
        self.focus_now(target)
        edge = navigation.first_entry_cell if step > 0 else navigation.last_entry_cell
        target.move_to(*edge(table))
        where = "第一个" if step > 0 else "最后一个"
        self.say(f"已到{section.heading}的{where}输入格")
        return True

    async def show_text(self, text_key: str, offset: int | None = None) -> None:
        from textual.widgets import TextArea

        section = self.report.format.section_of_text.get(text_key)
        await self.show_pane(f"pane-{section.key}" if section else f"pane-{COVER}")
        area = self.query_one(f"#text-{text_key}", TextArea)
        self.focus_now(area)
        if offset is not None:
            area.move_cursor(area.document.get_location_from_index(offset), center=True)

    async def jump_to(self, problem: Problem) -> None:
        key = problem.location.key or ""
        if problem.cells:
            await self.show_cell(problem.cells[0])
        elif key.endswith(f".{TEXT_KEY}") and key.split(".")[0] in self.report.texts:
            await self.show_text(key.split(".")[0])
        elif key in ("agency", "year"):
            await self.show_pane(f"pane-{COVER}")
            self.focus_now(self.query_one(f"#{key}", Input))
        else:
            await self.show_pane(f"pane-{PROBLEMS}")
        self.say(problem.message, about=problem)

    async def action_next_problem(self, step: int = 1) -> None:
        """F8 / Ctrl+N: the next problem after the cursor (Shift+F8: the one before)."""
        from .problem_order import next_problem

        if not self.problems:
            self.say("没有发现问题")
            return
        here = self.cursor_place()
        index = next_problem(self.report.format, self.problems, here, self._visited(here), step)
        await self.go_to_problem(index)

    async def action_previous_problem(self) -> None:
        await self.action_next_problem(-1)

    async def go_to_problem(self, index: int) -> None:
        problem = self.problems[index]
        await self.jump_to(problem)
        self._visited_problem = (problem, self.cursor_place())

    def _visited(self, here: ProblemPlace) -> int | None:
        """The problem F8 (or the list) last went to, while the cursor is still there."""
        if self._visited_problem is None:
            return None
        problem, place = self._visited_problem
        if place != here or problem not in self.problems:
            return None
        return self.problems.index(problem)

    def cursor_place(self) -> ProblemPlace:
        """Where the cursor is, in the report's reading order (see ``problem_order``)."""
        from ..widgets.grid import ReportGrid
        from .problem_order import COVER_PLACES, PANE_START, cell_place, text_place

        fmt = self.report.format
        focused = self.focused
        if isinstance(focused, ReportGrid):
            return cell_place(fmt, focused.cursor_ref)
        name = (focused.id or "") if focused is not None else ""
        if name.startswith("text-") and name.removeprefix("text-") in fmt.section_of_text:
            return text_place(fmt, name.removeprefix("text-"))
        if name in COVER_PLACES:
            return (0, COVER_PLACES[name], 0, 0)
        panes = pane_ids(fmt)
        pane = panes.index(self.current_pane) if self.current_pane in panes else 0
        return (pane, PANE_START, 0, 0)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "problems":
            return
        await self.go_to_problem(int(event.option.id or 0))

    # --- finding ------------------------------------------------------------------------

    def current_texts(self) -> dict[str, str]:
        """Each narrative as on screen (a text area shows it exactly, offset for offset)."""
        from textual.widgets import TextArea

        from ..widgets.literal import for_editing

        texts = {key: for_editing(text) for key, text in self.report.texts.items()}
        for area in self.query("TextArea").results(TextArea):
            key = (area.id or "").removeprefix("text-")
            if key in texts:
                texts[key] = area.text
        return texts

    def action_find(self) -> None:
        from .find import Find

        def chosen(place: Place | None) -> None:
            if place is not None:
                self.call_next(self.go_to_place, place)

        self.app.push_screen(Find(self.report, self.current_texts()), chosen)

    async def go_to_place(self, place: Place) -> None:
        if place.kind == "cell" and place.ref is not None:
            await self.show_cell(place.ref)
        elif place.kind == "text":
            await self.show_text(place.key, place.offset)
        elif place.kind == "field":
            await self.show_pane(f"pane-{COVER}")
            self.focus_now(self.query_one(f"#{place.key}", Input))
        else:
            await self.show_pane(place.key)
            self.focus_pane(place.key)
        self.say(f"已跳到 {place.label}")

    def action_commands(self) -> None:
        from ..widgets.grid import ReportGrid
        from .palette import CommandPalette

        def chosen(key: str | None) -> None:
            if key is not None:
                self.app.simulate_key(key)

        in_grid = isinstance(self.focused, ReportGrid)
        self.app.push_screen(CommandPalette(in_grid, self.report.format), chosen)
