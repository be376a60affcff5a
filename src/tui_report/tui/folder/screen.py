"""The folder view: every report of a folder in one list, with the year's total.

The list is painted at once from the tops of the files (agency and year); the files are
then checked in a thread, on every core (``parallel.each_in_order``), and the rows are
filled in as results arrive (``reading``). A file changed on disk — a ``git pull``,
another clerk's save — is checked again, and so is the file just edited when the editor
closes. Whatever the thread does, keys are handled at once: sorting and filtering work on
the rows in hand.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker

from ...folder.agencies import AgencyNames
from ...folder.county import Analysis
from ...folder.rows import ReportRow, Stamp
from ...folder.year_total import YearTotal, year_total, years_of
from ...storage.fast_toml import prepare_fast_parser
from ..editor.help import Help
from ..widgets.key_line import KeyLine
from ..widgets.literal import literal
from .columns import (
    BY_KEY,
    COLUMNS,
    ListContext,
    OwnWidths,
    SortKeys,
    arranged,
    line,
    matches,
)
from .county_checks import CountyAnswer, CountyChecks, NamesRecorded, OpenReport
from .git import GitAsker
from .keys import SortChoice, ask_command, folder_bindings, folder_help, folder_key_entries
from .known_syllables import KnownSyllables
from .reading import WATCH_SECONDS, FolderReading
from .report_list import ReportList
from .text import detail_lines, left_out_line, not_opened, shown_in_total, top_line, total_cells

SORTABLE = [c.key for c in COLUMNS]


class FolderScreen(Screen[None]):
    BINDINGS = folder_bindings()
    AUTO_FOCUS = "ReportList"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.rows: dict[str, ReportRow] = {}  # by file, in the listing's order
        self.analysis = Analysis()
        self.names = AgencyNames()
        self.names_error: str | None = None
        self.names_stamp: Stamp | None = None
        self.reading = FolderReading(folder, self)
        self.git: dict[str, str] | None = None  # filled in when git answers (``GitAsker``)
        self.git_asker = GitAsker(self, folder, self._take_git)
        self.year: int | None = None
        self.all_years = False
        self.only_errors = False
        self.text_filter = ""
        self.sort_key = "agency"
        self.descending = False
        self.total: YearTotal | None = None
        self.message: Text | None = None
        self._list_context: ListContext | None = None  # of the rows in hand; None when they change
        self.sort_keys = SortKeys()  # of the listing's names and paths (a new listing: anew)
        self.known: KnownSyllables | None = None  # names' pinyin kept between runs
        self.own_widths = OwnWidths()  # of the listing's rows' own cells (as long)
        self._unshown = False  # rows taken that the list does not show yet

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(" 正在读取目录…", id="folder-header")
        yield ReportList(id="reports")
        yield Static(id="folder-total")
        yield Static(id="folder-note")
        yield Static(id="folder-detail")
        hint = "输入机关名称或文件名的一段；Enter 确定，Esc 取消"
        yield Input(id="folder-filter", placeholder=hint)
        yield KeyLine(folder_key_entries(), id="folder-keys")

    def on_mount(self) -> None:
        prepare_fast_parser()  # here, in the main thread: the threads below read by it
        self.query_one("#folder-filter", Input).display = False
        self.reading.start()
        self.set_interval(WATCH_SECONDS, self.reading.look_again)

    def on_unmount(self) -> None:
        self.reading.stop()
        if self.known is not None:
            self.known.save()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.reading.thread_changed(event)

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._show_total)  # under the list's columns, refitted

    @property
    def report_list(self) -> ReportList:
        return self.query_one(ReportList)

    # --- how the reading goes (``FolderReading``) ----------------------------------------------

    @property
    def listed(self) -> bool:
        return self.reading.listed

    @property
    def checking(self) -> bool:
        return self.reading.checking

    def recheck(self, paths: list[str]) -> None:
        """Check these files again now (the one the editor closed), and any changes."""
        self.reading.recheck(paths)

    # --- taking results (on the event loop) --------------------------------------------------

    def _take_listing(
        self,
        listing: list[ReportRow],
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
    ) -> None:
        self.rows = {r.path: r for r in listing}
        self._list_context = None
        if self.known is None:
            self.known = KnownSyllables.load()
        self.sort_keys = SortKeys(self.known)
        self.own_widths = OwnWidths()
        self.names, self.names_error, self.names_stamp = names, error, names_stamp
        years = years_of(listing)
        self.year = years[0] if years else None
        # Shown just after, not here: the reading thread waits for this call, and the
        # files are checked meanwhile (sorting 10,000 names takes a while). Rows that
        # arrive first are shown with them (``_take_rows``), and nothing twice.
        self._unshown = True
        self.call_later(self._show_listing)
        self.git_asker.ask()

    def _show_listing(self) -> None:
        if self._unshown:
            self.refresh_view()
        if self.known is not None and self.known.added:  # names new to the kept pinyin
            threading.Thread(target=self.known.save, name="pinyin", daemon=True).start()

    def _take_rows(
        self, rows: list[ReportRow], gone: list[str], analysis: Analysis | None = None
    ) -> None:
        if analysis is not None:  # the cells of other rows may change (上年, errors): anew
            self._list_context = None
        for row in rows:
            replaced = self.rows.get(row.path)
            if replaced is not None:  # (its widths kept no longer: nor the row with them)
                self.own_widths.pop(id(replaced), None)
            self.rows[row.path] = row
        for path in gone:
            gone_row = self.rows.pop(path, None)
            if gone_row is not None:
                self.own_widths.pop(id(gone_row), None)
        if analysis is not None:
            self.analysis = analysis
        self.refresh_view()

    def _take_changes(
        self,
        fresh: list[ReportRow],
        gone: list[str],
        analysis: Analysis,
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
        altered: set[str],
    ) -> None:
        self.names, self.names_error, self.names_stamp = names, error, names_stamp
        self._take_rows(fresh, gone, analysis)
        self.git_asker.ask()  # what changed on disk may have changed for git
        if self.year not in years_of(self.rows.values()):
            years = years_of(self.rows.values())
            self.year = years[0] if years else None
            self.refresh_view()
        parts = []
        told = [r for r in fresh if r.path in altered]  # not a file only read again
        if told:
            names_listed = "、".join(Path(r.path).name for r in told[:3])
            more = f" 等 {len(told)} 个" if len(told) > 3 else ""
            parts.append(f"已重新检查磁盘上改动的文件：{names_listed}{more}")
        if gone:
            parts.append(f"{len(gone)} 个文件已不在目录中")
        if parts:
            self.say("；".join(parts))

    def _take_git(self, states: dict[str, str] | None) -> None:
        if states != self.git:  # (not a repository, nothing changed: nothing to show again)
            self.git, self._list_context = states, None
            self.refresh_view()

    # --- what is shown ---------------------------------------------------------------------------

    def context(self) -> ListContext:
        """The rows' context, kept while they, the analysis and git stay as they are (it
        keeps the widths of the cells: a sort or a filter measures none of them again)."""
        context = self._list_context
        if context is None or context.today != datetime.date.today():
            context = self._list_context = ListContext(
                self.analysis,
                self.git,
                self.rows,
                sort_keys=self.sort_keys,
                own_widths=self.own_widths,
            )
        return context

    def keep(self, row: ReportRow) -> bool:
        other_year = self.year is not None and row.year != self.year
        if not self.all_years and other_year and not (row.unreadable and row.year is None):
            return False
        if self.only_errors and not (row.unreadable or (row.checked and self.analysis.errors(row))):
            return False
        return matches(row, self.text_filter)

    def refresh_view(self) -> None:
        """The list, the total and the lines below it, from the rows in hand."""
        self._unshown = False
        context = self.context()
        rows = list(self.rows.values())
        self.total = year_total(rows, self.year, self.analysis) if self.year else None
        shown = arranged(rows, context, self.keep, self.sort_key, self.descending)
        report_list = self.report_list
        report_list.sorted_by, report_list.descending = self.sort_key, self.descending
        report_list.total_cells = total_cells(self.total) if self.total else {}
        report_list.show(shown, context)
        self._show_header(len(shown))
        self._show_total()
        self._show_detail()

    def _show_header(self, shown: int) -> None:
        filters = []
        if self.only_errors:
            filters.append("只看有错误的")
        if self.text_filter:
            filters.append(f"含“{self.text_filter}”")
        checked = sum(1 for r in self.rows.values() if r.checked)
        text = top_line(
            str(self.folder), self.year, self.all_years, shown, len(self.rows), checked, filters
        )
        if not self.rows and self.listed:
            text = f" 目录 {self.folder} 中没有报告（.toml 文件）"
        self.query_one("#folder-header", Static).update(literal(text))

    def _show_total(self) -> None:
        total_line = self.query_one("#folder-total", Static)
        note = self.query_one("#folder-note", Static)
        if self.total is None:
            total_line.update("")
            note.update("")
            return
        cells = line(self.report_list.placed, total_cells(self.total))
        total_line.update(Text(" " + " ".join(text for _, text in cells), style="bold"))
        filtered = self.only_errors or self.text_filter
        shown = shown_in_total(self.report_list.rows, self.total) if filtered else None
        note.update(literal(left_out_line(self.total, self.analysis, self.names_error, shown)))

    def _show_detail(self) -> None:
        lines = detail_lines(
            self.report_list.current,
            self.context(),
            self.total,
            str(self.folder),
            next((p.width for p in self.report_list.placed if p.column.key == "agency"), 0),
        )
        second = literal(" " + lines[1]) if self.message is None else Text(" ") + self.message
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append_text(literal(" " + lines[0]))
        text.append("\n")
        text.append_text(second)
        self.query_one("#folder-detail", Static).update(text)

    def say(self, message: str, style: str = "") -> None:
        """A message in the last line below the list, until the cursor moves."""
        self.message = literal(message, style)
        self._show_detail()

    @on(ReportList.Highlighted)
    def highlighted(self) -> None:
        self.message = None
        self._show_detail()

    def on_key(self, _event: events.Key) -> None:
        """The next key (sorting, filtering…): what was said goes before its action runs."""
        if self.message is not None:
            self.highlighted()

    # --- keys ------------------------------------------------------------------------------------

    @on(ReportList.Chosen)
    def chosen(self, event: ReportList.Chosen) -> None:
        self._open(event.row)

    def action_open(self) -> None:
        row = self.report_list.current
        if row is not None:
            self._open(row)
        elif self.listed:
            self.say(
                "列表中没有报告可以打开" + ("（筛选或“只看错误”隐去了其余的）" if self.rows else "")
            )

    def _open(self, row: ReportRow) -> None:
        if row.unreadable:
            self.say(not_opened(row), "bold")
            return
        self.app.open_report(Path(row.path))  # type: ignore[attr-defined]

    def action_only_errors(self) -> None:
        self.only_errors = not self.only_errors
        self.refresh_view()

    def action_sort(self, step: int) -> None:
        keys = [p.column.key for p in self.report_list.placed] or SORTABLE
        at = keys.index(self.sort_key) if self.sort_key in keys else 0
        self.sort_key = keys[(at + step) % len(keys)]
        self.descending = BY_KEY[self.sort_key].numeric and self.sort_key != "year"
        self.refresh_view()
        self.say(f"按“{BY_KEY[self.sort_key].title}”排序（R 反向）")

    @on(ReportList.HeaderClicked)
    def header_clicked(self, event: ReportList.HeaderClicked) -> None:
        if event.key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = event.key, BY_KEY[event.key].numeric
        self.refresh_view()

    def action_sort_by(self) -> None:
        """S: choose the column to sort by (the same one again: the other way round)."""

        def chosen(key: str | None) -> None:
            if key is None:
                return
            if key == self.sort_key:
                self.descending = not self.descending
            else:
                self.sort_key = key
                self.descending = BY_KEY[key].numeric and key != "year"
            self.refresh_view()
            way = "从大到小" if self.descending else "从小到大"
            self.say(f"按“{BY_KEY[key].title}”排序，{way}（R 反向）")

        shown = [p.column for p in self.report_list.placed] or list(COLUMNS)
        self.app.push_screen(SortChoice(shown, self.sort_key, self.descending), chosen)

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refresh_view()

    def action_next_year(self) -> None:
        years = years_of(self.rows.values())
        if not years:
            if self.listed:
                self.say("目录中没有写明年度的报告，没有年度可换")
            return
        if years == [self.year]:
            self.say(f"目录中的报告都是 {self.year} 年度的，没有别的年度可换")
            return
        at = years.index(self.year) if self.year in years else -1
        self.year = years[(at + 1) % len(years)]
        self.refresh_view()
        self.say(f"合计和列表按 {self.year} 年度（Y 换年度，A 显示全部年度）")

    def action_all_years(self) -> None:
        self.all_years = not self.all_years
        self.refresh_view()

    def action_filter(self) -> None:
        field = self.query_one("#folder-filter", Input)
        field.value = self.text_filter
        field.display = True
        self.query_one("#folder-keys", Static).display = False
        field.focus()

    @on(Input.Changed, "#folder-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.text_filter = event.value
        self.refresh_view()

    @on(Input.Submitted, "#folder-filter")
    def filter_done(self) -> None:
        self._close_filter()

    def key_escape(self) -> None:
        field = self.query_one("#folder-filter", Input)
        if field.display:
            self.text_filter = ""
            self._close_filter()
            self.refresh_view()

    def _close_filter(self) -> None:
        self.query_one("#folder-filter", Input).display = False
        self.query_one("#folder-keys", Static).display = True
        self.report_list.focus()

    def action_recheck_all(self) -> None:
        if not self.reading.check_all():
            self.say("正在检查，请稍候")

    def action_county_checks(self) -> None:
        self.app.push_screen(
            CountyChecks(self.total, self.analysis, self.names_error, self.folder),
            self._checks_done,
        )

    def _checks_done(self, answer: CountyAnswer | None) -> None:
        if isinstance(answer, OpenReport):
            row = self.rows.get(answer.path)
            if row is not None:
                self.report_list.show(self.report_list.rows, self.context(), keep_path=row.path)
                self._open(row)
        elif isinstance(answer, NamesRecorded):
            self.say(answer.message)
            self.reading.recheck([])

    def action_help(self) -> None:
        self.app.push_screen(Help(folder_help()))

    def action_commands(self) -> None:
        ask_command(self)

    def action_quit(self) -> None:
        self.app.exit(0)
