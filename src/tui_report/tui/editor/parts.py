"""The editor's parts: the cover, the six official parts and the problems list, one
shown at a time. Each pane is made the first time it is shown (a quick start: the
other parts' grids and text areas cost nothing until they are needed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from ...document.document import Change, ReportDocument
from ...report.problems import Problem, count
from ...storage.reading import MAX_FILE_BYTES
from ..widgets.grid import CursorWatcher, EditsHandler, PartLeaver, ReportGrid
from ..widgets.grid_base import GridBase
from ..widgets.literal import for_editing, from_editing, literal
from ..widgets.wrapped import wrapped
from .panes import COVER, PROBLEMS, problems_content, section_content
from .status_line import StatusLine

if TYPE_CHECKING:
    from textual.widgets import TextArea  # the module: with the first part that has prose

    from .cover import CoverPane  # the module: when the cover is first shown

INPUT_AREAS = "ReportGrid, TextArea, Input, OptionList"


class Parts(ContentSwitcher):
    def __init__(
        self,
        document: ReportDocument,
        status: StatusLine,
        start: str,
        edit_cells: EditsHandler,
        leave_part: PartLeaver,
        steady: Callable[[], bool],
        cursor_moved: CursorWatcher,
        *,
        id: str,
    ) -> None:
        super().__init__(id=id, initial=start)
        self.document = document
        self.status = status
        self.start = start
        self._edit_cells, self._leave_part = edit_cells, leave_part
        self._cursor_moved = cursor_moved
        self._steady = steady  # no blinking cursors (steady screenshots)
        self._filled: set[str] = set()
        self._labelled: dict[str, GridBase] = {}  # each part's grid its cell label is of
        self._list_stale = False  # the problems pane, hidden, not yet showing the latest
        self._cover_pane: CoverPane | None = None  # once made
        # the grids, found once for each number of panes made (not at each change)
        self._grids: tuple[int, list[ReportGrid]] = (-1, [])
        self._mounted = 0  # panes whose mount has finished (what ``_grids`` was taken at)

    def compose(self) -> ComposeResult:
        self._filled.add(self.start)
        yield self._made(self.start)

    def _made(self, pane_id: str) -> Widget:
        key = pane_id.removeprefix("pane-")
        document = self.document
        if key == COVER:
            from .cover import CoverPane  # its module (and its fields'): when first shown

            self._cover_pane = CoverPane(document, self.status, self.refuse_paste)
            return self._cover_pane
        if key == PROBLEMS:
            content = problems_content()
        else:
            section = next(s for s in document.report.format.sections if s.key == key)
            content = section_content(
                document.report,
                section,
                self._edit_cells,
                self._leave_part,
                self.refuse_paste,
                self._cursor_moved,
            )
        return Vertical(*content, id=pane_id, classes="pane")

    def refuse_paste(self, pasted: str, replaced: str) -> bool:
        """Whether a paste into a text would make the report file larger than a report may
        be (saving it would then be refused); the status line says so (the text areas'
        ``paste_check``)."""
        estimate = self.document.paste_too_large(pasted, replaced)
        if estimate is None:
            return False
        limit = MAX_FILE_BYTES // 1024 // 1024
        self.status.say(
            f"未粘贴：粘贴后报告文件将超过上限 {limit} MB（约 {estimate / 1024 / 1024:.1f} MB），"
            "本程序将无法保存；请只粘贴需要的部分",
            "bold reverse",
        )
        return True

    @property
    def current_pane(self) -> str:
        return self.current or ""

    @property
    def grids(self) -> list[ReportGrid]:
        """The grids of the parts made so far."""
        # taken again after each pane's mount has finished: a pane is a child as soon as its
        # mount begins, its grids only once it ends (a change told meanwhile, e.g. last
        # year's report found, must not keep the list without them)
        if self._grids[0] != self._mounted:
            self._grids = (self._mounted, list(self.query(ReportGrid)))
        return list(self._grids[1])

    async def fill(self, pane_id: str) -> None:
        """Mount a pane's widgets the first time it is shown."""
        if pane_id in self._filled:
            return
        self._filled.add(pane_id)
        made = self._made(pane_id)
        made.display = False  # until the switcher shows it
        await self.mount(made)
        self._mounted += 1
        widgets = list(made.children)
        if self._steady():
            for widget in widgets:
                for editable in (widget, *widget.query("Input, TextArea")):
                    if hasattr(editable, "cursor_blink"):
                        editable.cursor_blink = False
        cells = self.document.problem_cells()
        for widget in widgets:
            for grid in (widget, *widget.query(ReportGrid)):
                if isinstance(grid, ReportGrid):
                    grid.problem_cells = cells.get(grid.table.key, set())
        if pane_id == f"pane-{PROBLEMS}":
            self.update_problem_list()

    async def show(self, pane_id: str) -> None:
        await self.fill(pane_id)
        self.current = pane_id
        if self._list_stale:
            self.update_problem_list()  # what was found while it was hidden

    async def grid_for(self, table_key: str) -> ReportGrid:
        """The grid of a table, its pane filled first if it was never shown."""
        section = self.document.report.format.section_of_table[table_key]
        await self.fill(f"pane-{section.key}")
        return self.query_one(f"#grid-{table_key}", ReportGrid)

    def input_areas(self, pane_id: str) -> list[Widget]:
        pane = self.query_one(f"#{pane_id}")
        return [w for w in pane.query(INPUT_AREAS) if isinstance(w, Widget) and w.focusable]

    @property
    def cover_pane(self) -> CoverPane | None:
        """The cover's pane once it is on the screen (it is made when first shown)."""
        pane = self._cover_pane
        return pane if pane is not None and pane.is_mounted else None

    async def reset(self) -> None:
        """Empty, to show another report (the file reloaded)."""
        await self.remove_children()
        self._mounted += 1  # other grids from now on
        self._cover_pane = None
        self._labelled.clear()
        self.current = None  # so that showing the same part again shows its new content
        self._filled.clear()

    # --- a change of the document --------------------------------------------------------

    def show_change(self, change: Change) -> None:
        """The grids' values and problem cells, the problem list, the fields and texts the
        program changed, and the cover's title."""
        if change.problems or change.tables:
            by_table = self.document.problem_cells()
            for grid in self.grids:
                cells = by_table.get(grid.table.key, set())
                if cells != grid.problem_cells or grid.table.key in change.tables:
                    grid.problem_cells = cells
                    grid.refresh_values()
        if change.problems:
            self.update_problem_list()
        for name in change.shown:
            self._show_field(name)
        if self._cover_pane is not None:
            self._cover_pane.show_title()

    def _show_field(self, name: str) -> None:
        if name in ("agency", "year"):
            if self._cover_pane is not None:
                self._cover_pane.show_field(name)
            return
        from textual.widgets import TextArea  # loaded with the first part that has prose

        for area in self.query(f"#text-{name}").results(TextArea):
            area.load_text(for_editing(self.document.report.texts[name]))

    def typed_text(self, area: TextArea) -> str | None:
        """The key of a text area whose text the person changed (None if unchanged).

        Text that is on screen exactly as it came from the file is left alone, so
        characters the screen cannot show (see ``literal``) survive a save.
        """
        key = (area.id or "").removeprefix("text-")
        texts = self.document.report.texts
        return None if key not in texts or area.text == for_editing(texts[key]) else key

    def take_texts(self) -> None:
        """The texts as on screen, taken before saving or quitting (a keystroke's message
        may still be queued when Ctrl+S or Ctrl+Q arrives)."""
        from textual.widgets import TextArea  # loaded with the first part that has prose

        for area in self.query("TextArea").results(TextArea):
            if (key := self.typed_text(area)) is not None:
                self.document.set_text(key, from_editing(area.text))

    def texts_shown(self) -> dict[str, str]:
        """Each narrative as on screen (a text area shows it exactly, offset for offset)."""
        from textual.widgets import TextArea  # loaded with the first part that has prose

        texts = {key: for_editing(text) for key, text in self.document.report.texts.items()}
        for area in self.query("TextArea").results(TextArea):
            key = (area.id or "").removeprefix("text-")
            if key in texts:
                texts[key] = area.text
        return texts

    def update_problem_list(self) -> None:
        if f"pane-{PROBLEMS}" not in self._filled:
            return  # filled when first shown
        if self.current != f"pane-{PROBLEMS}":
            # Filled again when next shown (``show``): refilling a hidden list would lay
            # out the whole screen again and repaint every scroll bar at each edit.
            self._list_stale = True
            return
        self._list_stale = False
        problems = self.document.problems
        errors, warnings = count(problems)
        summary = f"共 {errors} 个错误、{warnings} 个警告。选中一项按 Enter 跳到该处。"
        if not problems:
            summary = "没有发现问题。"
        self.query_one("#problems-summary", Static).update(summary)
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options(Option(_problem_text(p), id=str(i)) for i, p in enumerate(problems))
        if problems:
            options.highlighted = 0

    # --- the cell label below a part's tables ------------------------------------------

    def show_cell_label(self, grid: GridBase) -> None:
        """The full labels of the cursor's row and column, below the table, wrapped."""
        section = self.document.report.format.section_of_table[grid.table.key]
        self._labelled[section.key] = grid
        label = self.query_one(f"#cell-{section.key}", Static)
        text = literal(grid.describe_cursor())
        # as many lines as the labels need; a layout pass (which repaints more) only when
        # that changes, and the wrapping measured only when one line is not enough
        room = label.size.width or self.app.size.width - 2  # the width inside padding 0 1
        lines = 1
        if cell_len(text.plain) > room:
            text = wrapped(text, room)
            lines = min(text.plain.count("\n") + 1, 4)
        if label.styles.height is None or label.styles.height.value != lines:
            label.styles.height = lines
        label.update(text, layout=False)

    def relabel(self) -> None:
        """The cell labels wrapped again (for a new width)."""
        for grid in list(self._labelled.values()):
            self.show_cell_label(grid)


def _problem_text(problem: Problem) -> Text:
    text = Text()
    text.append(problem.severity.label, style="bold reverse" if problem.is_error else "bold")
    text.append(" ")
    text.append_text(literal(problem.message))
    return text
