"""The editor screen: panes, live validation, undo, and moving to problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..model import BadCell, CellRef, Report
from ..problems import Problem, count
from ..rules import validate
from ..storage.reading import MAX_YEAR, MIN_YEAR, TEXT_KEY, LoadedReport, normalize_text
from ..values import Value, normalize_typed, same_value
from .grid import ReportGrid
from .keys import app_bindings, footer_text
from .literal import for_editing, from_editing, literal
from .panes import (
    COVER,
    PROBLEMS,
    pane,
    pane_ids,
    pane_titles,
    title_line,
)
from .part_tabs import PartTabs
from .previous_year import LastYearLookup

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from ..recovery import EditorSession


@dataclass(frozen=True)
class CellEdit:
    """One committed cell edit, enough to undo it exactly."""

    ref: CellRef
    old: Value | None
    old_bad: BadCell | None
    new: Value
    old_published: dict[CellRef, Value] = field(default_factory=dict)


class EditorScreen(LastYearLookup, Screen[None]):
    BINDINGS = app_bindings()
    AUTO_FOCUS = "ReportGrid"  # not the part bar, which comes first

    def __init__(self, loaded: LoadedReport) -> None:
        super().__init__()
        self.loaded = loaded
        self.report: Report = loaded.report
        self.problems: list[Problem] = []
        self.undo_stack: list[CellEdit] = []
        self.redo_stack: list[CellEdit] = []
        self.message = Text()
        self._problem_index = -1
        self._status_shown: Text | None = None
        self._header_shown: Text | None = None
        self.previous = None  # last year's report, when found (after start)
        self._recovery_timer: Timer | None = None
        self._previous_timer = None
        self._filled_panes: set[str] = set()
        self.session: EditorSession  # the app's, taken when mounted (see on_mount)

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="header-line")
        fmt = self.report.format
        yield PartTabs(pane_titles(self.report), pane_ids(fmt), self.start_pane, id="part-tabs")
        with ContentSwitcher(id="parts", initial=self.start_pane):
            yield pane(self.report, self.start_pane, self.apply)
        self._filled_panes.add(self.start_pane)
        yield Static(id="status")
        yield Static(footer_text(), id="keys")

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
        made = pane(self.report, pane_id, self.apply)
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
        year = f"{self.report.year}年度" if self.report.year is not None else "年度未填"
        text = literal(
            f" {self.report.agency or '（未填发布机关）'} · {year} · {self.loaded.path.name}"
        )
        if self.previous is not None:
            text.append_text(literal(f" · 上年：{Path(self.previous.path).name}"))
        if self.modified:
            text.append(" [未保存]", style="bold")
        if text != self._header_shown:  # repaint the line only when it changes
            self._header_shown = text
            self.query_one("#header-line", Static).update(text, layout=False)
        for title in self.query("#cover-title").results(Static):
            title.update(literal(title_line(self.report)))

    def say(self, message: str, style: str = "") -> None:
        """A message in the status line until the next one (literal text)."""
        self.message = literal(message, style)
        self.update_status()

    def update_status(self) -> None:
        errors, warnings = count(self.problems)
        text = Text()
        text.append(f"错误 {errors}", style="bold reverse" if errors else "")
        text.append(f"  警告 {warnings}", style="bold" if warnings else "")
        detail = self.message or self._problem_at_cursor()
        if detail:
            text.append(" │ ")
            text.append_text(detail)
        if text != self._status_shown:  # repaint the line only when it changes
            self._status_shown = text
            self.query_one("#status", Static).update(text, layout=False)

    def _problem_at_cursor(self) -> Text:
        focused = self.focused
        if isinstance(focused, ReportGrid):
            ref = focused.cursor_ref
            for problem in self.problems:
                if ref in problem.cells:
                    return literal(problem.message)
        return Text()

    # --- recovery copy -----------------------------------------------------------------

    RECOVERY_DELAY = 2.0  # seconds after the last edit

    def schedule_recovery(self) -> None:
        """Keep a recovery copy of unsaved edits a moment after the last one."""
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(self.RECOVERY_DELAY, self.keep_recovery)

    def keep_recovery(self) -> None:
        """Write (or, with nothing unsaved, remove) this editor's recovery copy, now."""
        from ..storage import ReportFileError

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
            from ..yearly import facts_of, year_problems

            this = facts_of(self.report, self.loaded.path)
            problems += year_problems(self.report.format, this, self.previous)
        changed = problems != self.problems
        self.problems = problems
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

    def apply(self, ref: CellRef, value: Value) -> None:
        """Put a committed value into the report (called by the grids, synchronously)."""
        self.message = Text()
        old = self.report.get(ref)
        if old is not None and same_value(old, value):
            self.update_status()
            return
        bad = self.report.bad_cells.get(ref)
        dropped = self.report.set(ref, value)
        self.undo_stack.append(CellEdit(ref, old, bad, value, dropped))
        if dropped:
            self.say("手工写入的总计已不再成立，保存时将删除（总计由程序计算）")
        self.redo_stack.clear()
        self.after_cell_change(ref)

    def after_cell_change(self, ref: CellRef) -> None:
        self.revalidate(edited_table=ref.table)
        self.update_header()
        self.schedule_recovery()

    async def action_undo(self) -> None:
        if not self.undo_stack:
            self.say("没有可撤销的单元格修改")
            return
        edit = self.undo_stack.pop()
        self.report.restore(edit.ref, edit.old, edit.old_bad, edit.old_published)
        self.redo_stack.append(edit)
        await self.show_cell(edit.ref)
        self.after_cell_change(edit.ref)
        self.say("已撤销")

    async def action_redo(self) -> None:
        if not self.redo_stack:
            self.say("没有可重做的修改")
            return
        edit = self.redo_stack.pop()
        self.report.set(edit.ref, edit.new)
        self.undo_stack.append(edit)
        await self.show_cell(edit.ref)
        self.after_cell_change(edit.ref)
        self.say("已重做")

    @on(ReportGrid.Refused)
    def refused(self, event: ReportGrid.Refused) -> None:
        self.app.bell()
        self.say(f"未输入：{event.text}（原值保留）", "bold")

    @on(ReportGrid.CursorMoved)
    def cursor_moved(self, event: ReportGrid.CursorMoved) -> None:
        section = self.report.format.section_of_table[event.grid.table.key]
        label = self.query_one(f"#cell-{section.key}", Static)
        text = literal(event.grid.describe_cursor())
        # one or two lines; a layout pass (which repaints more) only when that changes
        room = (label.size.width or self.app.size.width) - 2  # padding 0 1
        lines = 1 if cell_len(text.plain) <= room else 2
        if label.styles.height is None or label.styles.height.value != lines:
            label.styles.height = lines
        label.update(text, layout=False)
        if self.message and self.message.plain.startswith(("已撤销", "已重做", "已保存", "已导出")):
            self.message = Text()
        self.update_status()

    @on(ReportGrid.LeaveEdge)
    async def leave_edge(self, event: ReportGrid.LeaveEdge) -> None:
        section = self.report.format.section_of_table[event.grid.table.key]
        tables = list(section.tables)
        index = tables.index(event.grid.table) + event.direction
        if not 0 <= index < len(tables):
            return
        target = await self.grid_for(tables[index].key)
        row = 0 if event.direction > 0 else len(target.table.rows) - 1
        self.focus_now(target)
        target.move_to(row, min(event.grid.cursor_col, len(target.table.columns) - 1))

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
            self._take_year(normalize_typed(field_.value))
        committed = all(grid.commit_pending() for grid in self.grids)
        self.revalidate()
        self.update_header()
        return committed

    def _take_year(self, year: str) -> None:
        if year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR and int(year) != self.report.year:
            self.report.year = int(year)
            self.report.bad_fields.pop("year", None)

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
        if self._take_text(event.text_area):
            self.revalidate()
            self.update_header()
            self.schedule_recovery()

    @on(Input.Changed, "#agency")
    def agency_changed(self, event: Input.Changed) -> None:
        if event.value != for_editing(self.report.agency):
            self.report.agency = from_editing(event.value)
            self.forget_previous(unless_same_agency=True)
            self.revalidate()
            self.update_header()
            self.schedule_recovery()
            self.schedule_previous_lookup()

    @on(Input.Changed, "#year")
    def year_changed(self, event: Input.Changed) -> None:
        text = normalize_typed(event.value)
        if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
            if int(text) != self.report.year:
                self.report.year = int(text)
                self.report.bad_fields.pop("year", None)
                self.message = Text()
                self.forget_previous()
                self.revalidate()
                self.update_header()
                self.schedule_recovery()
                self.schedule_previous_lookup()
        elif len(text) >= 4 or not text.isdigit():
            self.say(
                f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的四位数字；仍按 {self.report.year} 计",
                "bold",
            )

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, Input) and widget.id == "year":
            shown = "" if self.report.year is None else str(self.report.year)
            if normalize_typed(widget.value) != shown:
                widget.value = shown  # never keep an invalid year on screen

    # --- moving around -----------------------------------------------------------------------

    async def show_pane(self, pane_id: str) -> None:
        await self.fill_pane(pane_id)
        self.query_one("#parts", ContentSwitcher).current = pane_id
        self.query_one("#part-tabs", PartTabs).set_active(pane_id)

    async def action_show_part(self, index: int) -> None:
        pane_id = pane_ids(self.report.format)[index]
        await self.show_pane(pane_id)
        self.focus_pane(pane_id)

    def focus_pane(self, pane_id: str) -> None:
        pane = self.query_one(f"#{pane_id}")
        for widget in pane.query("ReportGrid, TextArea, Input, OptionList"):
            if isinstance(widget, Widget) and widget.focusable:
                self.focus_now(widget)
                return

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (``Widget.focus`` waits a turn), so that the next key of the
        same burst, already on its way, goes there too (see ``key_order``)."""
        self.set_focus(widget)
        if self.focused is not widget:
            widget.focus()

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

    async def jump_to(self, problem: Problem) -> None:
        key = problem.location.key or ""
        if problem.cells:
            await self.show_cell(problem.cells[0])
        elif key.endswith(f".{TEXT_KEY}") and key.split(".")[0] in self.report.texts:
            text_key = key.split(".")[0]
            section = self.report.format.section_of_text.get(text_key)
            await self.show_pane(f"pane-{section.key}" if section else f"pane-{COVER}")
            self.focus_now(self.query_one(f"#text-{text_key}"))
        elif key in ("agency", "year"):
            await self.show_pane(f"pane-{COVER}")
            self.focus_now(self.query_one(f"#{key}", Input))
        else:
            await self.show_pane(f"pane-{PROBLEMS}")
        self.say(problem.message)

    async def action_next_problem(self, step: int = 1) -> None:
        if not self.problems:
            self.say("没有发现问题")
            return
        self._problem_index = (self._problem_index + step) % len(self.problems)
        await self.jump_to(self.problems[self._problem_index])

    async def action_previous_problem(self) -> None:
        await self.action_next_problem(-1)

    @on(OptionList.OptionSelected, "#problems")
    async def problem_selected(self, event: OptionList.OptionSelected) -> None:
        self._problem_index = int(event.option.id or 0)
        await self.jump_to(self.problems[self._problem_index])

    # --- file actions (delegated to the app, which owns the file) ----------------------------

    def action_save(self) -> None:
        self.app.save()  # type: ignore[attr-defined]

    def action_quit(self) -> None:
        self.app.request_quit()  # type: ignore[attr-defined]

    def action_export_text(self) -> None:
        self.app.export_text()  # type: ignore[attr-defined]

    def action_help(self) -> None:
        from .dialogs import Help

        self.app.push_screen(Help())
