"""The editor screen: a view of a ``ReportDocument``.

The document holds the report, its history and its problems, and tells each change
once (``show_change``). The screen is made of the pieces that show it: the header line,
the part bar, the parts (``Parts``), the status line; ``Navigator`` moves the cursor
between them, ``LastYearLookup`` finds last year's report. The application owns the
file (saving, exporting, quitting: see ``host``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList

from ...document.debug_log import swallowed
from ...document.document import Change, ReportDocument
from ...report.model import CellRef, Report
from ...report.problems import Problem
from ...report.values import Value
from ...storage.reading import LoadedReport, ReportFileError
from ..widgets.grid import ReportGrid
from ..widgets.grid_base import GridBase
from ..widgets.key_line import KeyLine
from ..widgets.literal import from_editing
from .header import HeaderLine
from .host import EditorHost, host
from .keys import app_bindings, footer_entries
from .moving import Navigator
from .panes import pane_ids, pane_titles
from .part_tabs import PartTabs
from .parts import Parts
from .previous_year import LastYearLookup
from .status_line import StatusLine

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widgets import TextArea

    from ...document.recovery import EditorSession
    from ...folder.yearly import YearFacts


class EditorScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()
    AUTO_FOCUS = "ReportGrid"  # not the part bar, which comes first
    RECOVERY_DELAY = 2.0  # seconds after the last edit

    def __init__(self, loaded: LoadedReport) -> None:
        super().__init__()
        self.document = document = ReportDocument(loaded)
        report = document.report
        section = report.format.section_of_table[report.format.applications_table]
        self.start_pane = f"pane-{section.key}"  # the applicant matrix: most typing is there
        self.header_line = HeaderLine(document, id="header-line")
        self.tabs = PartTabs(
            pane_titles(report), pane_ids(report.format), self.start_pane, id="part-tabs"
        )
        self.status = StatusLine(document, id="status")
        self.parts = Parts(
            document,
            self.status,
            self.start_pane,
            self.edit_cells,
            self._leave_part,
            lambda: not self.owner.cursor_blink,
            self.cursor_moved,
            id="parts",
        )
        self.moves = Navigator(self, document, self.parts, self.tabs, self.status)
        self.last_year = LastYearLookup(self, document, self.status)
        self._recovery_timer: Timer | None = None
        self.owner: EditorHost  # the application that owns the file (taken when mounted)
        self.session: EditorSession  # this editor's lock and recovery copy (when mounted)
        document.subscribe(self.show_change)

    # --- what the document is, for those who ask the screen ----------------------------------

    @property
    def loaded(self) -> LoadedReport:
        return self.document.loaded

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def problems(self) -> list[Problem]:
        return self.document.problems

    @property
    def modified(self) -> bool:
        return self.document.modified

    @property
    def previous(self) -> YearFacts | None:
        return self.document.previous

    @property
    def message(self) -> Text:
        return self.status.message

    def say(self, message: str, style: str = "", about: Problem | None = None) -> None:
        """A message in the status line until the cursor moves (see ``StatusLine.say``)."""
        self.status.say(message, style, about)

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.header_line
        yield self.tabs
        yield self.parts
        yield self.status
        yield KeyLine(footer_entries(), id="keys")

    async def on_mount(self) -> None:
        self.owner = host(self)
        self.session = self.owner.session
        self.document.revalidate()
        first_error = next((p for p in self.problems if p.is_error and p.cells), None)
        if first_error:
            await self.moves.jump_to(first_error)
        else:
            await self.moves.show_pane(self.start_pane)
            self.moves.focus_pane(self.start_pane)
        self.call_after_refresh(self.last_year.find)  # reads other files: after the first paint

    def show_change(self, change: Change) -> None:
        """The document changed: show it, once, and keep a recovery copy of an edit."""
        if change.problems and self.status.about is not None:
            self.status.follow_told_problem()
        self.parts.show_change(change)
        self.status.show_status()
        self.header_line.show_header()
        if change.edited:
            self.schedule_recovery()
        if change.identity:
            self.last_year.schedule()

    def revalidate(self) -> None:
        """Run every rule again and show the result (after changing ``report`` directly)."""
        self.document.revalidate()

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        self.header_line.show_header(again=True)
        self.status.show_status(again=True)
        self.parts.relabel()  # wrapped again for the new width

    # --- editing -----------------------------------------------------------------------

    def apply(self, ref: CellRef, value: Value) -> None:
        """Put one committed value into the report."""
        self.edit_cells([(ref, value)])

    def edit_cells(self, changes: list[tuple[CellRef, Value]], what: str = "") -> None:
        """Values committed in a grid (synchronously), as one undo step."""
        self.status.forget()
        applied = self.document.apply_changes(changes, what)
        if applied.step is None:
            if what:
                self.say(f"{what.replace('粘贴', '粘贴的', 1)}与原值相同，没有修改")
            else:
                self.status.show_status()
            return
        notes = [f"已{what}"] if what else []
        if applied.dropped:
            notes.append("手工写入的总计已不再成立，保存时将删除（总计由程序计算）")
        if notes:
            self.say("；".join(notes))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        key = self.parts.typed_text(event.text_area)
        if key is not None:  # typed: not text put there (a merge, an undo)
            self.status.clear_for_edit()
            self.document.set_text(key, from_editing(event.text_area.text))

    def sync_from_widgets(self) -> bool:
        """Take into the report what is on screen but maybe not yet handled as a message.

        Called before saving and quitting: a keystroke's message may still be queued
        when Ctrl+S or Ctrl+Q arrives. False if a value being typed in a grid is refused.
        """
        self.parts.take_texts()
        if (cover := self.parts.cover_pane) is not None:
            cover.take_fields()
        committed = all(grid.commit_pending() for grid in self.parts.grids)
        self.document.revalidate()
        return committed

    async def action_undo(self) -> None:
        await self._history_step(undone=True)

    async def action_redo(self) -> None:
        await self._history_step(undone=False)

    async def _history_step(self, undone: bool) -> None:
        """Ctrl+Z / Ctrl+Y: a step of the cells' history, shown where it is (a text area
        or a field undoes its own typing first, and only then does Ctrl+Z come here)."""
        moved = self.document.undo() if undone else self.document.redo()
        if moved is None:
            self.say(
                "没有可撤销的单元格修改（文字和发布机关在其输入区中按 Ctrl+Z 撤销）"
                if undone
                else "没有可重做的单元格修改"
            )
            return
        step, jumped = moved.step, False
        if step.edits:
            jumped = not self.moves.is_at(step.edits[0].ref)
            await self.moves.show_cell(step.edits[0].ref)
        where = "（光标已移到该处）" if jumped else ""
        left = f"（{moved.fields_left} 处文字之后又改过，未动）" if moved.fields_left else ""
        done = "已撤销" if undone else "已重做"
        self.say(f"{done}：{self.document.describe_step(step, undone)}{where}{left}")

    # --- what the grids and the part bar tell ----------------------------------------------

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
        self.status.clear_for_edit()

    @on(ReportGrid.LeaveTop)
    def leave_top(self) -> None:
        self.moves.focus_now(self.tabs)

    def cursor_moved(self, grid: GridBase) -> None:
        """A grid's cursor moved (told at once: drawn in the same frame as the move)."""
        self.parts.show_cell_label(grid)
        self.status.clear_stale()

    async def _leave_part(self, grid: GridBase, step: int) -> bool:
        return await self.moves.leave_part(grid, step)

    def on_text_area_selection_changed(self, _event: TextArea.SelectionChanged) -> None:
        self.status.clear_stale()  # the cursor moved in a text

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.status.clear_stale()

    @on(PartTabs.Chosen)
    async def part_chosen(self, event: PartTabs.Chosen) -> None:
        await self.moves.show_pane(event.pane_id)
        if event.focus:
            self.moves.focus_pane(event.pane_id)

    def on_part_tabs_typed(self, event: PartTabs.Typed) -> None:
        self.moves.typed_on_bar(event)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "problems":
            await self.moves.go_to_problem(int(event.option.id or 0))

    # --- moving (see ``moving``) ---------------------------------------------------------------

    async def show_cell(self, ref: CellRef) -> None:
        await self.moves.show_cell(ref)

    async def grid_for(self, table_key: str) -> ReportGrid:
        return await self.parts.grid_for(table_key)

    async def action_show_part(self, index: int) -> None:
        await self.moves.show_part(index)

    def action_next_field(self, step: int) -> None:
        self.moves.next_field(step)

    def action_part_bar(self) -> None:
        """↑ from a field: up to the part bar."""
        self.moves.focus_now(self.tabs)

    async def action_next_problem(self, step: int = 1) -> None:
        await self.moves.next_problem(step)

    async def action_previous_problem(self) -> None:
        await self.moves.next_problem(-1)

    def action_goto(self) -> None:
        self.moves.goto()

    def action_find(self) -> None:
        self.moves.find()

    def action_commands(self) -> None:
        self.moves.commands()

    def find_previous_year(self) -> None:
        self.last_year.find()

    # --- the recovery copy --------------------------------------------------------------

    def schedule_recovery(self) -> None:
        """Keep a recovery copy of unsaved edits a moment after the last one."""
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(self.RECOVERY_DELAY, self.keep_recovery)

    def keep_recovery(self) -> None:
        """Write (or, with nothing unsaved, remove) this editor's recovery copy, now."""
        self._recovery_timer = None
        session = self.session
        if not self.document.modified:
            session.discard()
            return
        try:
            session.write(self.document.loaded, self.document.report)
        except ReportFileError as exc:  # short: the whole message must fit the status line
            self.say(f"无法写入恢复副本（{exc.reason}）；请尽快保存", "bold")
        except Exception:  # a bug in a timer must not end the editor and its edits
            swallowed("写入恢复副本")
            self.say("无法写入恢复副本（程序内部错误）；请尽快保存", "bold")

    # --- the file (the application owns it) ------------------------------------------------

    async def reload(self, loaded: LoadedReport) -> None:
        """Show the file as it is on disk now, giving up this session's unsaved edits
        (重新载入 when the file changed on disk)."""
        current = self.parts.current_pane or self.start_pane
        focused = self.focused
        at = focused.cursor_ref if isinstance(focused, ReportGrid) else None
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
            self._recovery_timer = None
        await self.parts.reset()
        self.tabs.titles = pane_titles(loaded.report)
        self.document.reload(loaded)
        await self.moves.show_pane(current)
        self.moves.focus_pane(current)
        if at is not None and self.report.format.has_cell(*at):
            await self.moves.show_cell(at)  # the cursor where it was
        self.session.discard()  # this editor's copy held the edits given up
        self.last_year.find()
        self.say("已重新载入磁盘上的文件（本次未保存的修改已放弃）")

    def action_save(self) -> None:
        self.owner.save()

    def action_quit(self) -> None:
        self.owner.request_quit()

    def action_export(self) -> None:
        self.owner.export_report()

    def action_help(self) -> None:
        from .help import Help  # a dialog: when first opened (start-up)

        self.app.push_screen(Help())

    def action_copy(self) -> None:
        """Ctrl+C where nothing is selected (a table copies its cell itself)."""
        self.say(
            "没有选中的文字：在文字区中按住 Shift 用方向键选中后再按 Ctrl+C；"
            "表格中 Ctrl+C 复制单元格"
        )
