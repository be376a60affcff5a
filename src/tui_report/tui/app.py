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

from ..document.debug_log import swallowed
from ..document.recovery import EditorSession, Recovery, base_changed, discard_copy, recovered
from ..report.model import Report
from ..report.problems import count
from ..storage.reading import LoadedReport, ReportFileError
from .editor.host import EditorHost
from .editor.screen import EditorScreen
from .startup import resume_collection
from .widgets.literal import literal


class ReportApp(App[int], inherit_bindings=False):
    """``ReportApp(path, loaded)``; ``loaded`` is None for a file that does not exist yet.

    Textual's own Ctrl+Q binding has priority over keys still queued for widgets;
    the editor screen binds Ctrl+Q itself, in order (see ``keys.app_bindings``).
    Textual's Ctrl+C (an English "Press ctrl+q to quit" notice) is replaced: the
    editor copies with it, and where there is nothing to copy it only rings the bell.
    Ctrl+L paints the whole screen again, on every screen and dialog.
    """

    BINDINGS = [
        Binding("ctrl+c", "nothing_to_copy", show=False, system=True),
        Binding("ctrl+l", "redraw", show=False, system=True),
    ]

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
        self.session = EditorSession(path)  # this editor's lock and recovery copy
        self.exporting: Path | None = None  # the file an export is being written to
        self.others = self.session.others() if loaded is not None else []
        self.recoveries = self.session.orphans() if loaded is not None else []

    def get_default_screen(self) -> Screen[None]:
        """The editor itself when there is nothing to ask first (a quicker start)."""
        if self.loaded is not None and not self.recoveries and not self.others:
            return EditorScreen(self.loaded)
        return Screen()

    def on_ready(self) -> None:
        """The first frame is on the screen: the collector runs again (``startup``)."""
        resume_collection(freeze=True)
        self.lock_at_start()

    def lock_at_start(self) -> None:
        """Tell other editors that this one has the file open (the lock is a warning only;
        written once the first screen is shown, it costs that screen nothing)."""
        self.session.lock()

    def on_mount(self) -> None:
        self._catch_hangups()
        if self.loaded is not None:
            self.others = self.session.others()  # again: one may have started meanwhile
        if self.loaded is None:
            from .widgets.dialogs import NewReport  # a dialog: when first asked (start-up)

            self.push_screen(NewReport(str(self.path), self.default_year), self._create)
        elif self.others:
            self._warn_of_others(self.loaded)
        elif self.recoveries:
            self._offer_recovery(self.loaded, self.recoveries)

    def on_unmount(self) -> None:
        self.session.unlock()

    def _warn_of_others(self, loaded: LoadedReport) -> None:
        """Another editor has this file open: say so before anything is typed."""

        def answered(choice: str | None) -> None:
            if choice != "open":
                self.close_report(0)
            elif any(isinstance(s, EditorScreen) for s in self.screen_stack):
                return  # the editor was already open beneath the question
            elif self.recoveries:
                self._offer_recovery(loaded, self.recoveries)
            else:
                self.push_screen(EditorScreen(loaded))

        who = "；".join(holder.describe() for holder in self.others)
        from .widgets.dialogs import Choice  # a dialog: when first asked (start-up)

        self.push_screen(
            Choice(
                f"另一个编辑器已打开此文件：{who}。\n同时编辑时，后保存的一方会被询问是否覆盖"
                "对方的修改。如果那个编辑器已不在运行（例如在另一台机器上被关掉），可以放心打开。",
                [("open", "仍然打开", "o"), ("quit", "退出", "q")],
            ),
            answered,
        )

    def _offer_recovery(self, loaded: LoadedReport, recoveries: list[Recovery]) -> None:
        """Offer the latest copy of an editor that no longer runs; "later" keeps every copy
        where it is (in the recovery folder, never beside the report) to be offered again."""

        recovery, older = recoveries[0], recoveries[1:]
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
                    note = f"无法恢复：{exc.message}（副本仍保留，下次打开时再问）"
                else:
                    self._take_over(opened, recovery)
            elif choice == "discard":
                discard_copy(recovery)
                if older:
                    self._offer_recovery(loaded, older)
                    return
            else:  # "later" (or Esc): nothing is lost, nothing is put beside the report
                note = "未恢复的修改仍保留，下次打开此文件时再问"
            if older and choice == "restore":
                note += f"；另有 {len(older)} 份较早的恢复副本，下次打开时再问"
            editor = EditorScreen(opened)
            self.push_screen(editor)
            if note:
                editor.call_after_refresh(editor.say, note)

        from .widgets.dialogs import Choice  # a dialog: when first asked (start-up)

        self.push_screen(
            Choice(
                f"发现{recovery.saved_at}时未保存的修改（上次编辑意外中断，如SSH断开）。"
                f"要恢复这些修改吗？选“以后再说”会保留它们，下次打开时再问。{warning}",
                [("restore", "恢复", "r"), ("discard", "丢弃", "d"), ("later", "以后再说", "l")],
            ),
            answered,
        )

    def _take_over(self, opened: LoadedReport, recovery: Recovery) -> None:
        """This editor's own copy replaces the restored one (which stays if it cannot)."""
        try:
            self.session.write(opened, opened.report)
        except Exception:  # the old copy still holds the edits: nothing is lost
            swallowed("恢复后写入本编辑器的恢复副本")
            return
        discard_copy(recovery)

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
            try:  # keep what can be kept, whatever the state
                editor.sync_from_widgets()
            except Exception:
                swallowed("断线（SIGHUP/SIGTERM）时取回屏幕上的输入")
            try:
                editor.keep_recovery()
            except Exception:
                swallowed("断线（SIGHUP/SIGTERM）时写入恢复副本")
        if signum == signal.SIGHUP:
            os._exit(128 + signum)  # the terminal is gone: nothing to restore on it
        self.exit(128 + signum)

    def _create(self, answer: tuple[str, int] | None) -> None:
        from ..formats import format_for_year
        from ..report.templates import new_report
        from ..storage import create_report_file

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

    def action_redraw(self) -> None:
        """Ctrl+L: every line of the terminal written again, as terminal programs do — over
        text another program wrote there (``wall``, a message of the SSH server) or a line
        lost on a bad connection. Textual otherwise writes only what changed."""
        self.refresh(repaint=True, layout=True)

    def save(self, then_quit: bool = False) -> None:
        from ..storage.writing import changed_on_disk  # start-up: with the first save

        editor = self.editor
        if not editor.sync_from_widgets():
            return  # a value being typed was refused; the message says why
        if changed_on_disk(editor.document.loaded):
            from .editor import disk_change  # a dialog: when first opened (start-up)

            disk_change.ask(self, editor, lambda: self.write(then_quit))
            return
        self.write(then_quit)

    def write(self, then_quit: bool) -> None:
        editor = self.editor
        try:
            filled = editor.document.save()
        except ReportFileError as exc:
            editor.say(f"保存失败：{exc.message}。所有修改仍在编辑器中", "bold reverse")
            return
        except Exception:  # a bug must not take the edits with it
            swallowed("保存")
            editor.say("保存失败：程序内部错误。所有修改仍在编辑器中", "bold reverse")
            return
        self.session.discard()
        note = f"；缺失的单元格按 0 写入：{'、'.join(filled)}" if filled else ""
        editor.say(f"已保存 {editor.document.loaded.path}{note}")
        if then_quit:
            self.close_report(0)

    def request_quit(self) -> None:
        editor = self.editor
        if not editor.sync_from_widgets():
            return
        if not editor.document.modified:
            self.session.discard()  # a copy of edits since undone is not worth asking about
            self.close_report(0)
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(then_quit=True)
            elif choice == "discard":
                self.session.discard()
                self.close_report(0)

        errors, _ = count(editor.document.problems)
        still = (
            f"\n注意：报告还有 {errors} 个错误，保存后仍需改正才能发布（Ctrl+N 逐个查看）。"
            if errors
            else ""
        )
        from .widgets.dialogs import Choice  # a dialog: when first asked (start-up)

        self.push_screen(
            Choice(
                f"有未保存的修改。退出前要保存吗？{still}",
                [("save", "保存", "s"), ("discard", "不保存", "d"), ("cancel", "取消", "c")],
            ),
            answered,
        )

    def close_report(self, status: int) -> None:
        """Done with the report (saved, discarded, or not opened after all): here the
        program ends; the folder view goes back to its list instead."""
        self.exit(status)

    async def action_quit(self) -> None:
        if self.loaded is None:
            self.exit(1)
            return
        self.request_quit()

    # --- export -----------------------------------------------------------------------------

    def export_report(self) -> None:
        """Ask which format, then write the export beside the report and say where."""
        from .editor.export_dialog import ExportChoice  # a dialog: when first opened

        editor = self.editor
        if self.exporting is not None:  # a key pressed twice: never a second export
            editor.say(f"正在导出到 {self.exporting}，请稍候…")
            return
        if not editor.sync_from_widgets():
            return
        document = editor.document
        errors, _ = count(document.problems)
        self.push_screen(
            ExportChoice(document.loaded.path, document.modified, errors),
            lambda name: self.confirm_export(name, errors) if name else None,
        )

    def confirm_export(self, name: str, errors: int) -> None:
        """Export to the file beside the report; where it exists, ask first (覆盖？)."""
        from ..export import EXPORT_FORMATS  # start-up: the exports, with the first
        from ..storage.atomic import refuse_link
        from .editor.export_dialog import export_target

        editor = self.editor
        target = export_target(editor.document.loaded.path, EXPORT_FORMATS[name])
        try:
            refuse_link(target)
        except ReportFileError as exc:
            editor.say(f"未导出：{target}：{exc.message}", "bold reverse")
            return
        if not os.path.lexists(target):
            self.write_export(name, errors)
            return

        def answered(choice: str | None) -> None:
            if choice == "overwrite":
                self.write_export(name, errors, overwrite=True)
            else:
                editor.say(f"未导出：{target} 保持不变")

        from .widgets.dialogs import Choice  # a dialog: when first asked (start-up)

        self.push_screen(
            Choice(
                f"{target} 已存在。覆盖？（原有内容将被替换）",
                [("overwrite", "覆盖", "o"), ("cancel", "取消", "c")],
                default="cancel",
            ),
            answered,
        )

    def write_export(self, name: str, errors: int, overwrite: bool = False) -> None:
        """Write the export in a worker thread (a Word document takes a moment): the status
        line says 正在导出… at once, and the result when it is written."""
        from ..export import EXPORT_FORMATS  # start-up: the exports, with the first
        from .editor.export_dialog import export_target

        editor = self.editor
        kind = EXPORT_FORMATS[name]
        target = export_target(editor.document.loaded.path, kind)
        self.exporting = target
        editor.say(f"正在导出{_spaced(kind.label)}到 {target}…")
        report = editor.document.report.copy()  # as shown now; edits go on meanwhile
        source = editor.document.loaded.path
        note = f"（报告有 {errors} 个错误，发布前请改正）" if errors else ""
        self.run_worker(
            lambda: self._export_in_thread(report, name, target, source, overwrite, note),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _export_in_thread(
        self, report: Report, name: str, target: Path, source: Path, overwrite: bool, note: str
    ) -> None:
        from ..export import EXPORT_FORMATS, ExportError, render  # start-up: with the first
        from ..storage.writing import write_atomic

        label = _spaced(EXPORT_FORMATS[name].label)
        try:
            content = render(report, name)
            # no more open than the report; a file that appeared meanwhile is not replaced
            write_atomic(target, content, create=not overwrite, made_from=source)
        except (ReportFileError, ExportError) as exc:  # ExportError: LibreOffice failed (PDF)
            said = (f"导出失败：{exc.message}", "bold reverse")
        except Exception:  # a bug must not end the editor with the edits in it
            swallowed(f"导出{label}")
            said = (f"导出{label}失败：程序内部错误", "bold reverse")
        else:
            said = (f"已导出{label}到 {target}{note}", "")
        self.call_from_thread(self._exported, *said)

    def _exported(self, message: str, style: str) -> None:
        self.exporting = None
        editors = [s for s in self.screen_stack if isinstance(s, EditorScreen)]
        if editors:
            editors[0].say(message, style)

    def notify_literal(self, message: str) -> None:
        self.notify(literal(message).plain, markup=False)


def _as_host(app: ReportApp) -> EditorHost:
    return app  # mypy checks here that the application is what the editor expects


def _spaced(label: str) -> str:
    """A format's name in a sentence: a space between Chinese and Latin letters
    ("Word 文档", "JSON")."""
    return (" " if label[0].isascii() else "") + label + (" " if label[-1].isascii() else "")
