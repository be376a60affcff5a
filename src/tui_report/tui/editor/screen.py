"""The editor screen: panes, live validation, the status line, and moving around."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...report.model import CellRef, Report
from ...report.problems import Problem, count
from ...rules import validate
from ...storage.reading import LoadedReport, normalize_text
from ..widgets.grid import ReportGrid
from ..widgets.key_line import KeyLine
from ..widgets.literal import for_editing, from_editing, literal
from ..widgets.wrapped import wrapped
from .cover import CoverFields
from .header import header_text
from .history import CellHistory, Step
from .keys import app_bindings, footer_entries
from .moving import Moving
from .panes import (
    COVER,
    PROBLEMS,
    pane,
    pane_ids,
    pane_titles,
    title_line,
    written_year,
)
from .part_tabs import PartTabs
from .previous_year import LastYearLookup
from .status_line import CursorPlace, StatusLine

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from ...document.recovery import EditorSession
    from .problem_order import Place as ProblemPlace


class EditorScreen(CellHistory, CoverFields, Moving, LastYearLookup, StatusLine, Screen[None]):
    BINDINGS = app_bindings()
    AUTO_FOCUS = "ReportGrid"  # not the part bar, which comes first

    def __init__(self, loaded: LoadedReport) -> None:
        super().__init__()
        self.loaded = loaded
        self.report: Report = loaded.report
        self.problems: list[Problem] = []
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self.message = Text()
        self._message_place: CursorPlace | None = None  # where the cursor was when said
        self._message_serial = 0
        self._message_about: Problem | None = None  # the problem the message tells, if one
        self._status_lines = 1
        self._visited_problem: tuple[Problem, ProblemPlace] | None = None  # F8's last
        self._status_shown: Text | None = None
        self._header_shown: Text | None = None
        self.previous = None  # last year's report, when found (after start)
        self._recovery_timer: Timer | None = None
        self._previous_timer = None
        self._filled_panes: set[str] = set()
        self._labelled: dict[str, ReportGrid] = {}  # each part's grid its cell label is of
        self._problem_list_stale = False  # the problems pane, hidden, not yet showing the latest
        self.session: EditorSession  # the app's, taken when mounted (see on_mount)

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="header-line")
        fmt = self.report.format
        yield PartTabs(pane_titles(self.report), pane_ids(fmt), self.start_pane, id="part-tabs")
        with ContentSwitcher(id="parts", initial=self.start_pane):
            yield pane(self.report, self.start_pane, self.apply_changes, self.leave_part)
        self._filled_panes.add(self.start_pane)
        yield Static(id="status")
        yield KeyLine(footer_entries(), id="keys")

    async def on_mount(self) -> None:
        self.session = self.app.session  # type: ignore[attr-defined]  # this editor's copy and lock
        self.revalidate()
        first_error = next((p for p in self.problems if p.is_error and p.cells), None)
        if first_error:
            await self.jump_to(first_error)
        else:
            await self.show_pane(self.start_pane)
            self.focus_pane(self.start_pane)
        self.update_header()
        self.call_after_refresh(self.find_previous_year)  # reads other files: after the first paint

    @property
    def start_pane(self) -> str:
        """The applicant matrix, where most of the typing happens (and a quick first paint)."""
        section = self.report.format.section_of_table[self.report.format.applications_table]
        return f"pane-{section.key}"

    # --- panes, filled when first shown ----------------------------------------------------

    async def fill_pane(self, pane_id: str) -> None:
        """Mount a pane's widgets the first time it is shown (a quick start: the other
        parts' grids and text areas cost nothing until they are needed)."""
        if pane_id in self._filled_panes:
            return
        self._filled_panes.add(pane_id)
        made = pane(self.report, pane_id, self.apply_changes, self.leave_part)
        made.display = False  # until the switcher shows it
        await self.query_one("#parts", ContentSwitcher).mount(made)
        widgets = list(made.children)
        if not getattr(self.app, "cursor_blink", True):  # steady screenshots
            for widget in widgets:
                for editable in (widget, *widget.query("Input, TextArea")):
                    if hasattr(editable, "cursor_blink"):
                        editable.cursor_blink = False
        cells = self._problem_cells()
        for widget in widgets:
            for grid in (widget, *widget.query(ReportGrid)):
                if isinstance(grid, ReportGrid):
                    grid.problem_cells = cells.get(grid.table.key, set())
        if pane_id == f"pane-{PROBLEMS}":
            self.update_problem_list()
        if pane_id == f"pane-{COVER}":
            self.update_header()

    @on(PartTabs.Chosen)
    async def part_chosen(self, event: PartTabs.Chosen) -> None:
        await self.show_pane(event.pane_id)
        if event.focus:
            self.focus_pane(event.pane_id)

    @property
    def grids(self) -> list[ReportGrid]:
        return list(self.query(ReportGrid))

    async def grid_for(self, table_key: str) -> ReportGrid:
        """The grid of a table, its pane filled first if it was never shown."""
        await self.fill_pane(f"pane-{self.report.format.section_of_table[table_key].key}")
        return self.query_one(f"#grid-{table_key}", ReportGrid)

    # --- state shown -----------------------------------------------------------------

    @property
    def modified(self) -> bool:
        baseline = self.loaded.baseline
        return baseline is None or not self.report.same_content(baseline)

    def update_header(self) -> None:
        written = written_year(self.report)
        if self.report.year is not None:
            year = f"{written}年度"
        else:
            year = f"年度“{written}”不合格" if written else "年度未填"
        line = self.query_one("#header-line", Static)
        text = header_text(
            self.report.agency or "（未填发布机关）",
            year,
            self.loaded.path.name,
            Path(self.previous.path).name if self.previous and self.previous.path else None,
            self.modified,
            line.size.width or self.app.size.width,
        )
        if text != self._header_shown:  # repaint the line only when it changes
            self._header_shown = text
            line.update(text, layout=False)
        cover_title = title_line(self.report)
        for title in self.query("#cover-title").results(Static):
            if getattr(title, "shown_title", None) != cover_title:  # a new layout only then
                title.shown_title = cover_title  # type: ignore[attr-defined]
                title.update(literal(cover_title))

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        self._header_shown = self._status_shown = None
        self.update_header()
        self.update_status()
        for grid in list(self._labelled.values()):  # wrapped again for the new width
            self.show_cell_label(grid)

    # --- recovery copy -----------------------------------------------------------------

    RECOVERY_DELAY = 2.0  # seconds after the last edit

    def schedule_recovery(self) -> None:
        """Keep a recovery copy of unsaved edits a moment after the last one."""
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(self.RECOVERY_DELAY, self.keep_recovery)

    def keep_recovery(self) -> None:
        """Write (or, with nothing unsaved, remove) this editor's recovery copy, now."""
        from ...storage import ReportFileError

        self._recovery_timer = None
        if not self.modified:
            self.session.discard()
            return
        try:
            self.session.write(self.loaded, self.report)
        except ReportFileError as exc:  # short: the whole message must fit the status line
            self.say(f"无法写入恢复副本（{exc.reason}）；请尽快保存", "bold")
        except Exception:  # a bug in a timer must not end the editor and its edits
            self.say("无法写入恢复副本（程序内部错误）；请尽快保存", "bold")

    # --- validation --------------------------------------------------------------------

    def revalidate(self, edited_table: str | None = None) -> None:
        """Run every rule again (well under a millisecond) and show the result."""
        problems = validate(self.report, self.loaded.structure)
        if self.previous is not None:
            from ...folder.yearly import facts_of, year_problems

            this = facts_of(self.report, self.loaded.path)
            problems += year_problems(self.report.format, this, self.previous)
        # errors first (last year's carry-over among them), then warnings: F8 and the
        # problem list take the ones that block publishing first
        problems.sort(key=lambda problem: not problem.is_error)
        changed = problems != self.problems
        self.problems = problems
        if changed and self._message_about is not None:
            self._follow_told_problem()
        if changed or edited_table:
            by_table = self._problem_cells()
            for grid in self.grids:
                cells = by_table.get(grid.table.key, set())
                if cells != grid.problem_cells or grid.table.key == edited_table:
                    grid.problem_cells = cells
                    grid.refresh_values()
        if changed:
            self.update_problem_list()
        self.update_status()

    def _problem_cells(self) -> dict[str, set[CellRef]]:
        by_table: dict[str, set[CellRef]] = {}
        for problem in self.problems:
            for ref in problem.cells:
                by_table.setdefault(ref.table, set()).add(ref)
        return by_table

    def update_problem_list(self) -> None:
        if f"pane-{PROBLEMS}" not in self._filled_panes:
            return  # filled when first shown
        if self.current_pane != f"pane-{PROBLEMS}":
            # Filled again when next shown (``show_pane``): refilling a hidden list would
            # lay out the whole screen again and repaint every scroll bar at each edit.
            self._problem_list_stale = True
            return
        self._problem_list_stale = False
        errors, warnings = count(self.problems)
        summary = f"共 {errors} 个错误、{warnings} 个警告。选中一项按 Enter 跳到该处。"
        if not self.problems:
            summary = "没有发现问题。"
        self.query_one("#problems-summary", Static).update(summary)
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options(
            Option(self._problem_text(p), id=str(i)) for i, p in enumerate(self.problems)
        )
        if self.problems:
            options.highlighted = 0

    @staticmethod
    def _problem_text(problem: Problem) -> Text:
        text = Text()
        text.append(problem.severity.label, style="bold reverse" if problem.is_error else "bold")
        text.append(" ")
        text.append_text(literal(problem.message))
        return text

    # --- editing cells ------------------------------------------------------------------

    def after_cell_change(self, table_key: str) -> None:
        self.revalidate(edited_table=table_key)
        self.update_header()
        self.schedule_recovery()

    @on(ReportGrid.Refused)
    def refused(self, event: ReportGrid.Refused) -> None:
        self.app.bell()
        if event.pasted:
            self.say(f"未粘贴：{event.text}（未作任何修改）", "bold")
        else:
            self.say(f"未输入：{event.text}（原值保留）", "bold")

    @on(ReportGrid.Told)
    def told(self, event: ReportGrid.Told) -> None:
        self.say(event.text)

    @on(ReportGrid.EditStarted)
    def edit_started(self) -> None:
        self.clear_message_for_edit()

    def on_text_area_selection_changed(self, _event: TextArea.SelectionChanged) -> None:
        self.clear_stale_message()  # the cursor moved in a text

    @on(ReportGrid.LeaveTop)
    def leave_top(self) -> None:
        self.focus_now(self.query_one("#part-tabs", PartTabs))

    @on(ReportGrid.CursorMoved)
    def cursor_moved(self, event: ReportGrid.CursorMoved) -> None:
        self.show_cell_label(event.grid)
        self.clear_stale_message()

    def show_cell_label(self, grid: ReportGrid) -> None:
        """The full labels of the cursor's row and column, below the table, wrapped."""
        section = self.report.format.section_of_table[grid.table.key]
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

    # --- editing texts and metadata -------------------------------------------------------

    def sync_from_widgets(self) -> bool:
        """Take into the report what is on screen but maybe not yet handled as a message.

        Called before saving and quitting: a keystroke's message may still be queued
        when Ctrl+S or Ctrl+Q arrives. False if a value being typed in a grid is refused.
        """
        for area in self.query("TextArea"):
            self._take_text(area)
        for field_ in self.query("#agency").results(Input):
            if field_.value != for_editing(self.report.agency):
                self.report.agency = from_editing(field_.value)
        for field_ in self.query("#year").results(Input):
            self.take_year(field_)
        committed = all(grid.commit_pending() for grid in self.grids)
        self.revalidate()
        self.update_header()
        return committed

    def _take_text(self, area: TextArea) -> bool:
        """Copy a text area into the report if the person changed it. True if changed.

        Text that is on screen exactly as it came from the file is left alone, so
        characters the screen cannot show (see ``literal``) survive a save.
        """
        key = (area.id or "").removeprefix("text-")
        if key not in self.report.texts or area.text == for_editing(self.report.texts[key]):
            return False
        self.report.texts[key] = normalize_text(from_editing(area.text) + "\n")
        return True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._take_text(event.text_area):  # typed: not text put there (a merge, an undo)
            self.clear_message_for_edit()
            self.revalidate()
            self.update_header()
            self.schedule_recovery()

    # --- file actions (delegated to the app, which owns the file) ----------------------------

    async def reload(self, loaded: LoadedReport) -> None:
        """Show the file as it is on disk now, giving up this session's unsaved edits
        (重新载入 when the file changed on disk)."""
        current = self.current_pane or self.start_pane
        focused = self.focused
        at = focused.cursor_ref if isinstance(focused, ReportGrid) else None
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
            self._recovery_timer = None
        self.loaded, self.report = loaded, loaded.report
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.previous = None
        switcher = self.query_one("#parts", ContentSwitcher)
        await switcher.remove_children()
        self._labelled.clear()
        switcher.current = None  # so that showing the same part again shows its new content
        self._filled_panes.clear()
        self.query_one("#part-tabs", PartTabs).titles = pane_titles(self.report)
        self.problems = []
        self.revalidate()
        await self.show_pane(current)
        self.focus_pane(current)
        if at is not None and self.report.format.has_cell(*at):
            await self.show_cell(at)  # the cursor where it was
        self.session.discard()  # this editor's copy held the edits given up
        self.update_header()
        self.find_previous_year()
        self.say("已重新载入磁盘上的文件（本次未保存的修改已放弃）")

    def action_save(self) -> None:
        self.app.save()  # type: ignore[attr-defined]

    def action_quit(self) -> None:
        self.app.request_quit()  # type: ignore[attr-defined]

    def action_export(self) -> None:
        self.app.export_report()  # type: ignore[attr-defined]

    def action_help(self) -> None:
        from .help import Help

        self.app.push_screen(Help())

    def action_copy(self) -> None:
        """Ctrl+C where nothing is selected (a table copies its cell itself)."""
        self.say(
            "没有选中的文字：在文字区中按住 Shift 用方向键选中后再按 Ctrl+C；"
            "表格中 Ctrl+C 复制单元格"
        )
