"""The Textual application: owns the report file (open, create, save, export, quit)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from ..recovery import (
    Recovery,
    base_changed,
    discard_recovery,
    keep_aside,
    read_recovery,
    recovered,
)
from ..storage.reading import LoadedReport, ReportFileError
from .editor import EditorScreen
from .literal import literal


class ReportApp(App[int], inherit_bindings=False):
    """``ReportApp(path, loaded)``; ``loaded`` is None for a file that does not exist yet.

    Textual's own Ctrl+Q binding has priority over keys still queued for widgets;
    the editor screen binds Ctrl+Q itself, in order (see ``keys.app_bindings``).
    Textual's Ctrl+C (an English "Press ctrl+q to quit" notice) is replaced: the
    editor copies with it, and where there is nothing to copy it only rings the bell.
    """

    BINDINGS = [Binding("ctrl+c", "nothing_to_copy", show=False, system=True)]

    CSS_PATH = "app.tcss"
    TITLE = "tui-report"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        path: Path,
        loaded: LoadedReport | None,
        default_year: int = 2025,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.path = path
        self.loaded = loaded
        self.default_year = default_year
        self.cursor_blink = cursor_blink
        self.recovery = read_recovery(path) if loaded is not None else None

    def get_default_screen(self) -> Screen:
        """The editor itself when there is nothing to ask first (a quicker start)."""
        if self.loaded is not None and self.recovery is None:
            return EditorScreen(self.loaded)
        return Screen()

    def on_mount(self) -> None:
        self._catch_hangups()
        if self.loaded is None:
            from .dialogs import NewReport

            self.push_screen(NewReport(str(self.path), self.default_year), self._create)
        elif self.recovery is not None:
            self._offer_recovery(self.loaded, self.recovery)

    def _offer_recovery(self, loaded: LoadedReport, recovery: Recovery) -> None:
        from .dialogs import Choice

        warning = (
            "\n注意：文件在那之后已被修改（如 git pull）；恢复后保存会以恢复的内容为准。"
            if base_changed(loaded, recovery)
            else ""
        )

        def answered(choice: str | None) -> None:
            opened, note = loaded, ""
            if choice == "restore":
                try:
                    opened = recovered(loaded, recovery)
                    note = "已恢复上次未保存的修改；按 Ctrl+S 保存"
                except ReportFileError as exc:
                    note = f"无法恢复：{exc.message}"
                    choice = "later"
            if choice == "discard":
                discard_recovery(self.path)
            elif choice != "restore":  # "later" (or Esc): keep them as a file, lose nothing
                try:
                    kept = keep_aside(self.path, recovery)
                    note = f"{note}；" if note else ""
                    note += f"上次未保存的修改已另存为 {kept.name}"
                except ReportFileError as exc:
                    note = f"无法另存恢复副本：{exc.message}（副本仍保留）"
            editor = EditorScreen(opened)
            self.push_screen(editor)
            if note:
                editor.call_after_refresh(editor.say, note)

        self.push_screen(
            Choice(
                f"发现{recovery.saved_at}时未保存的修改（上次编辑意外中断，如SSH断开）。"
                f"要恢复这些修改吗？选“以后再说”会把它们另存为同目录下的一个文件。{warning}",
                [("restore", "恢复", "r"), ("discard", "丢弃", "d"), ("later", "以后再说", "l")],
            ),
            answered,
        )

    def _catch_hangups(self) -> None:
        """On SIGHUP (the SSH session dropped) or SIGTERM, keep unsaved edits first."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._hang_up, signum)

    def _hang_up(self, signum: int) -> None:
        editors = [s for s in self.screen_stack if isinstance(s, EditorScreen)]
        if editors:
            editor = editors[0]
            with contextlib.suppress(Exception):  # keep what can be kept, whatever the state
                editor.sync_from_widgets()
            with contextlib.suppress(Exception):
                editor.keep_recovery()
        if signum == signal.SIGHUP:
            os._exit(128 + signum)  # the terminal is gone: nothing to restore on it
        self.exit(128 + signum)

    def _create(self, answer: tuple[str, int] | None) -> None:
        from ..formats import format_for_year
        from ..storage import create_report_file
        from ..templates import new_report

        if answer is None:
            self.exit(1, message="未创建报告")
            return
        agency, year = answer
        try:
            self.loaded = create_report_file(
                new_report(agency, year, format_for_year(year)), self.path
            )
        except ReportFileError as exc:
            self.exit(2, message=str(exc))
            return
        self.push_screen(EditorScreen(self.loaded))

    @property
    def editor(self) -> EditorScreen:
        return next(s for s in self.screen_stack if isinstance(s, EditorScreen))

    # --- saving -----------------------------------------------------------------------------

    def action_nothing_to_copy(self) -> None:
        self.bell()

    def save(self, then_quit: bool = False) -> None:
        from ..storage.writing import changed_on_disk

        editor = self.editor
        if not editor.sync_from_widgets():
            return  # a value being typed was refused; the message says why
        if changed_on_disk(editor.loaded):
            from . import disk_change

            disk_change.ask(self, editor, then_quit)
            return
        self.write(then_quit)

    def write(self, then_quit: bool) -> None:
        from ..storage.writing import save_report

        editor = self.editor
        try:
            saved, filled = save_report(editor.loaded, editor.report)
        except ReportFileError as exc:
            editor.say(f"保存失败：{exc.message}。所有修改仍在编辑器中", "bold reverse")
            return
        editor.loaded = saved
        discard_recovery(saved.path)
        editor.update_header()
        note = f"；缺失的单元格按 0 写入：{'、'.join(filled)}" if filled else ""
        editor.say(f"已保存 {saved.path}{note}")
        if then_quit:
            self.exit(0)

    def request_quit(self) -> None:
        from .dialogs import Choice

        editor = self.editor
        if not editor.sync_from_widgets():
            return
        if not editor.modified:
            self.exit(0)
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(then_quit=True)
            elif choice == "discard":
                discard_recovery(editor.loaded.path)
                self.exit(0)

        self.push_screen(
            Choice(
                "有未保存的修改。退出前要保存吗？",
                [("save", "保存", "s"), ("discard", "不保存", "d"), ("cancel", "取消", "c")],
            ),
            answered,
        )

    async def action_quit(self) -> None:
        if self.loaded is None:
            self.exit(1)
            return
        self.request_quit()

    # --- export -----------------------------------------------------------------------------

    def export_text(self) -> None:
        from ..export import export_text
        from ..problems import count
        from ..storage.writing import write_atomic

        editor = self.editor
        if not editor.sync_from_widgets():
            return
        target = editor.loaded.path.with_suffix(".txt")
        if target == editor.loaded.path:
            target = editor.loaded.path.with_name(editor.loaded.path.name + ".txt")
        try:
            write_atomic(target, export_text(editor.report).encode("utf-8"))
        except ReportFileError as exc:
            editor.say(f"导出失败：{exc.message}", "bold reverse")
            return
        errors, _ = count(editor.problems)
        warning = f"（注意：报告还有 {errors} 个错误）" if errors else ""
        editor.say(f"已导出纯文本到 {target}{warning}")

    def notify_literal(self, message: str) -> None:
        self.notify(literal(message).plain, markup=False)
