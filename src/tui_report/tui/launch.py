"""``tui-report edit FILE``: read the file first, so that a broken file is reported
and never opens as an empty report that could overwrite it. ``tui-report DIR`` opens
the folder view of every report in it."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.opening import read_for_editing
from ..storage import ReportFileError
from ..text.visible import warn

if TYPE_CHECKING:
    from textual.app import App

    from .app import ReportApp
    from .folder.app import FolderApp


def make_app(path: Path, *, cursor_blink: bool = True) -> ReportApp:
    """The editor for ``path`` (the CLI, the Pilot tests and the snapshots all use this).

    Raises ``ReportFileError`` when the file exists but cannot be read as a report, or
    when changes to it could not be written back (see ``LoadedReport.unwritable``).
    """
    from .app import ReportApp

    loaded = read_for_editing(path) if path.exists() or path.is_symlink() else None
    last_year = datetime.date.today().year - 1
    return ReportApp(path, loaded, default_year=last_year, cursor_blink=cursor_blink)


def make_folder_app(folder: Path, *, cursor_blink: bool = True) -> FolderApp:
    """The folder view of ``folder`` (the CLI, the Pilot tests and the snapshots)."""
    from .folder.app import FolderApp

    return FolderApp(folder, cursor_blink=cursor_blink)


def run_folder(folder: Path) -> int:
    if refused := not_in_a_terminal():
        return refused
    return run_app(make_folder_app(folder))


def run_editor(path: Path) -> int:
    if path.is_dir():
        return run_folder(path)
    new = not (path.exists() or path.is_symlink())
    if new:  # a name a folder search would pass over: said before the new report's dialog
        from ..folder.listing import unlisted_name  # (the folder index: not for opening)

        if unlisted := unlisted_name(path):
            warn(f"tui-report: {unlisted}")
            return 2
    if new and not path.parent.is_dir():
        warn(f"tui-report: {path.parent}: 目录不存在")
        return 2
    try:
        app = make_app(path)
    except ReportFileError as exc:
        warn(f"tui-report: {exc}")
        warn("tui-report: 文件未被修改；请用文本编辑器改正后再打开")
        return 2
    if refused := not_in_a_terminal():
        return refused
    return run_app(app)


def run_app(app: App[int]) -> int:
    """Run the editor or the folder view in this terminal; its exit status.

    Textual starts with the size Rich gives, then takes the one its driver reads
    (``shutil.get_terminal_size``). Where the two differ the sizes chased each other for
    ever: the screen redrew at full CPU and ignored every key. They differ under
    ``TERM=dumb`` (or ``unknown``: Rich takes any terminal for 80×25) and on a terminal
    that has no size (a serial line, ``ssh -t`` from a script, ``script`` without a
    terminal: Rich falls back to 80×25, the driver to 80×24). So Rich is given the
    driver's size first.

    ``shutil.get_terminal_size`` prefers ``$COLUMNS`` and ``$LINES`` to the terminal's
    own size. A shell that exports them (a line in ~/.bashrc) exports one size for good:
    the screen was laid out for it whatever the window's size, and every resize was
    ignored. Where the terminal tells its size, the editor and the folder view follow
    it, so the two are taken out of this process's environment; where it has none,
    they are the only way to give one (else 80×24).

    Where the terminal draws ambiguous characters two columns wide
    (``TUI_REPORT_AMBIGUOUS=wide``), they are written narrow."""
    import os
    import shutil

    from .ambiguous import narrow_driver, wide_ambiguous

    if _told_size():
        for name in ("COLUMNS", "LINES"):
            os.environ.pop(name, None)
    app.console.size = shutil.get_terminal_size()
    if wide_ambiguous(os.environ):  # TUI_REPORT_AMBIGUOUS=wide: see ambiguous.py
        app.driver_class = narrow_driver(app.driver_class)
    return int(app.run() or 0)


def _told_size() -> bool:
    """Whether the terminal tells its size (where ``shutil`` asks it: standard output)."""
    import os
    import sys

    if sys.__stdout__ is None:
        return False
    try:
        columns, lines = os.get_terminal_size(sys.__stdout__.fileno())
    except (ValueError, OSError):
        return False
    return columns > 0 and lines > 0


def not_in_a_terminal() -> int:
    """2, said once, when the input or the output is not a terminal (a script, a CI job,
    ``> file``): the editor would wait there for keys for ever, drawing into the file.
    Textual draws on stderr: ``2> log`` left a blank screen waiting for keys."""
    import sys

    if sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty():
        return 0
    warn(
        "tui-report: 编辑器和目录视图须在终端中使用（输入或输出不是终端）；"
        "在脚本中请用 tui-report check 校验、tui-report export 导出"
    )
    return 2
