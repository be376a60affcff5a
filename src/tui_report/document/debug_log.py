"""The debug log: the tracebacks the editor swallows to keep the edits.

A save, the recovery timer, the SIGHUP handler and the export worker each catch every
exception, so that a bug never ends the editor with unsaved edits in it; the status line
says 程序内部错误 and nothing more. With ``TUI_REPORT_DEBUG`` set, each such traceback is
appended to a log a developer can read:

- ``TUI_REPORT_DEBUG=1`` (or yes, on, true): ``debug.log`` beside the recovery copies
  (``$XDG_STATE_HOME/tui-report/debug.log``, by default ``~/.local/state/tui-report/``);
- ``TUI_REPORT_DEBUG=/some/path.log``: that file.

The log is readable by its user only (0600), is never written through a symbolic link,
and writing it never raises: a log that cannot be written is left out.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from .recovery import state_dir

SETTING = "TUI_REPORT_DEBUG"
LOG_NAME = "debug.log"
_ON = ("1", "yes", "on", "true")
_OFF = ("", "0", "no", "off", "false")

_logger = logging.getLogger("tui_report.debug")
_logger.propagate = False  # never to the root logger, whose last resort writes on the screen
_logger.addHandler(logging.NullHandler())
_opened: dict[Path, logging.Handler] = {}  # the log's handler (one path at a time)


def log_path(environ: Mapping[str, str]) -> Path | None:
    """Where the debug log goes, or None when it is off."""
    value = environ.get(SETTING, "").strip()
    if value.lower() in _OFF:
        return None
    if value.lower() in _ON:
        return state_dir().parent / LOG_NAME
    return Path(value).expanduser()


def _handler(path: Path) -> logging.Handler | None:
    if path in _opened:
        return _opened[path]
    for old_path, old in list(_opened.items()):  # the setting changed: the new file only
        _logger.removeHandler(old)
        old.close()
        del _opened[old_path]
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return None
    handler = logging.StreamHandler(os.fdopen(fd, "a", encoding="utf-8", errors="replace"))
    handler.setFormatter(logging.Formatter("%(asctime)s pid %(process)d: %(message)s"))
    _opened[path] = handler
    _logger.addHandler(handler)
    return handler


def swallowed(what: str, environ: Mapping[str, str] | None = None) -> None:
    """Log the exception being handled (call it in an ``except`` block) with ``what`` was
    being done, where the debug log is on; never raises."""
    with contextlib.suppress(Exception):
        path = log_path(os.environ if environ is None else environ)
        if path is None:
            return
        handler = _handler(path)
        if handler is None:
            return
        _logger.setLevel(logging.ERROR)
        _logger.error("%s", what, exc_info=True)
        handler.flush()  # before an os._exit (SIGHUP) ends the process
