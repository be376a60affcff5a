"""``tui-report edit FILE``: read the file first, so that a broken file is reported
and never opens as an empty report that could overwrite it."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import ReportFileError, read_report
from ..visible import warn

if TYPE_CHECKING:
    from .app import ReportApp


def make_app(path: Path, *, cursor_blink: bool = True) -> ReportApp:
    """The editor for ``path`` (the CLI, the Pilot tests and the snapshots all use this).

    Raises ``ReportFileError`` when the file exists but cannot be read as a report, or
    when changes to it could not be written back (see ``LoadedReport.unwritable``).
    """
    from .app import ReportApp

    loaded = read_report(path) if path.exists() or path.is_symlink() else None
    if loaded is not None and loaded.unwritable:  # found now, not when a save fails
        raise ReportFileError(path, loaded.unwritable)
    if loaded is not None:
        from ..storage.atomic import remove_stale_temporaries

        remove_stale_temporaries(loaded.path.resolve())  # of saves killed last time
    last_year = datetime.date.today().year - 1
    return ReportApp(path, loaded, default_year=last_year, cursor_blink=cursor_blink)


def run_editor(path: Path) -> int:
    if not (path.exists() or path.is_symlink()) and not path.parent.is_dir():
        warn(f"tui-report: {path.parent}: 目录不存在")
        return 2
    try:
        app = make_app(path)
    except ReportFileError as exc:
        warn(f"tui-report: {exc}")
        warn("tui-report: 文件未被修改；请用文本编辑器改正后再打开")
        return 2
    result = app.run()
    return int(result or 0)
