"""``tui-report DIR``: the folder view, and the editor opened from it.

The application is the editor's (``ReportApp``: saving, the recovery copy, the lock,
the questions before quitting) with the folder's list as its first screen. Enter
opens a report in the editor on top of the list; quitting the editor (Ctrl+Q, after
saving or not) closes the report and goes back to the list, which checks that file
again at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.screen import Screen

from ...document.opening import read_for_editing
from ...document.recovery import EditorSession
from ...folder.parallel import stop_workers
from ...storage.reading import ReportFileError
from ..app import ReportApp
from ..editor.screen import EditorScreen
from .screen import FolderScreen


class FolderApp(ReportApp):
    CSS_PATH = ["../app.tcss", "folder.tcss"]  # type: ignore[assignment]  # (App takes a list)

    def __init__(self, folder: Path, cursor_blink: bool = True) -> None:
        super().__init__(folder, None, cursor_blink=cursor_blink)
        self.folder = folder

    def get_default_screen(self) -> Screen:
        return FolderScreen(self.folder)

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]  # (takes the event)
        event.prevent_default()  # not the editor's start (which asks for a new report)
        self._catch_hangups()

    def lock_at_start(self) -> None:
        """Nothing: the folder is no report; ``open_report`` locks each one it opens."""

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit (Ctrl+Q, SIGTERM): the folder's checks end at once, their worker
        processes stopped, instead of after the files already handed to them."""
        stop_workers()
        super().exit(*args, **kwargs)

    @property
    def list_screen(self) -> FolderScreen:
        return next(s for s in self.screen_stack if isinstance(s, FolderScreen))

    @property
    def report_open(self) -> bool:
        return any(isinstance(s, EditorScreen) for s in self.screen_stack)

    def open_report(self, path: Path) -> None:
        """The editor on ``path``, as ``tui-report FILE`` opens it: after the questions
        about another editor on the file or edits left by one that stopped."""
        try:
            loaded = read_for_editing(path)
        except ReportFileError as exc:
            self.list_screen.say(f"无法打开：{exc}；请用文本编辑器改正", "bold")
            return
        self.path, self.loaded = path, loaded
        self.session = EditorSession(path)
        self.others = self.session.others()
        self.recoveries = self.session.orphans()
        self.session.lock()
        if self.others:
            self._warn_of_others(loaded)
        elif self.recoveries:
            self._offer_recovery(loaded, self.recoveries)
        else:
            self.push_screen(EditorScreen(loaded))

    def close_report(self, status: int) -> None:
        """Back to the list (which checks the file again), the file's lock released."""
        path = self.path
        self.session.unlock()
        self.loaded = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.list_screen.recheck([str(path)])

    def action_redraw(self) -> None:
        """Ctrl+L: in the list, every report is checked again too (as F5 does)."""
        super().action_redraw()
        if not self.report_open:
            self.list_screen.action_recheck_all()

    async def action_quit(self) -> None:
        if self.report_open:
            self.request_quit()
        else:
            self.exit(0)
