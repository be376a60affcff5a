"""The ``tui-report`` command: new, check, export, import, diff, sum, edit.

One module per command (``check``, ``diff``, ``new``, ``export``, ``import_``, ``sum``,
``edit``), each with ``run(args)``; the options are described in ``args``, the exit
statuses and the one-line message of a person's mistake in ``output``.

This module runs before the Python version is known to be new enough, so it imports
only the standard library and ``environment`` at the top and must stay Python 3.10
syntax (tests/cli/test_environment.py). A command's module is imported when the command
runs: ``check`` and ``export`` never load Textual (the editor's), openpyxl (``sum``'s
workbook) or python-docx. A person's mistake (a missing file, a syntax error) is one
line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import environment

if TYPE_CHECKING:
    import argparse
    from types import ModuleType

EXIT_OK = 0  # as ``output`` has it, which is not imported before the version check
COMMANDS = ("new", "check", "export", "import", "diff", "sum", "edit")


def _output_never_fails() -> None:
    """In a terminal that is not UTF-8 (LANG=zh_CN.GBK on an old server, PYTHONIOENCODING=
    ascii) a character it lacks (− U+2212 in GBK) stopped ``check`` with a traceback; it
    is written as ``\\u2212`` instead (still valid inside ``--json`` strings)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and getattr(stream, "errors", None) == "strict":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")


def build_parser() -> argparse.ArgumentParser:
    from .args import build_parser as build  # argparse and its Chinese: only when parsing

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    """``tui-report``: a Python too old or a library not installed is said in Chinese
    before anything else can fail in English."""
    _output_never_fails()
    too_old = environment.python_too_old()
    if too_old:
        return _fail(too_old)
    try:
        return _run(argv)
    except ImportError as exc:
        message = environment.missing_library(exc)
        if message is None:
            raise
        return _fail(message)


def _run(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and (mistyped := _not_a_command(args_list)):
        return _fail(mistyped)
    if len(args_list) == 1 and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        return _edit(Path(args_list[0]), args_list[0])  # ``tui-report FILE``: to the editor
    if len(args_list) == 2 and args_list[0] == "edit" and not args_list[1].startswith("-"):
        return _edit(Path(args_list[1]), args_list[1])
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "edit")  # ``tui-report FILE`` opens the editor
    if not args_list:
        args_list = ["--help"]
    args = parse_arguments(args_list)
    try:
        if args.command in ("check", "sum"):  # worker processes: stopped on SIGTERM/SIGHUP
            from ..folder.parallel import stopped_by_signals  # (after the version check)

            with stopped_by_signals():
                return _dispatch(args)
        return _dispatch(args)
    except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM/SIGHUP as ``parallel.Stopped``
        return 128 + getattr(stop, "signum", 2)
    except BrokenPipeError:  # e.g. ``tui-report export … | head``
        sys.stderr.close()
        return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command; its exit status."""
    status: int = _command_module(args.command).run(args)
    return status


def _command_module(name: str) -> ModuleType:
    """The module of a command, imported now, so that each command loads only what it
    needs (``check`` never Textual: see the module's docstring)."""
    if name == "check":
        from . import check  # (each command's module when it runs)

        return check
    if name == "diff":
        from . import diff  # (each command's module when it runs)

        return diff
    if name == "new":
        from . import new  # (each command's module when it runs)

        return new
    if name == "export":
        from . import export  # (each command's module when it runs)

        return export
    if name == "import":
        from . import import_  # (each command's module when it runs)

        return import_
    if name == "sum":
        from . import sum as sum_command  # (each command's module when it runs)

        return sum_command
    from . import edit  # (each command's module when it runs)

    return edit


def parse_arguments(args_list: list[str]) -> argparse.Namespace:
    """The command line parsed; an option the command does not have is refused with that
    command's usage (argparse's own parse_args shows the usage of ``tui-report`` itself,
    which lists no option of ``check``)."""
    import argparse  # (after the version check, as every command's options)

    parser = build_parser()
    args, unknown = parser.parse_known_args(args_list)
    if unknown:
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        own = commands.choices.get(args.command, parser)
        own.error(argparse._("unrecognized arguments: %s") % " ".join(unknown))  # type: ignore[attr-defined]
    return args


def _not_a_command(args_list: list[str]) -> str | None:
    """Why ``tui-report chek a.toml`` is refused: its first word is no command and no
    file (without a suffix, and there is no such file), and either more follows or it
    looks like a command. Argparse said 不认识的参数：a.toml; ``tui-report chek`` alone
    opened the editor to create a report named ``chek``."""
    from difflib import get_close_matches  # only for a first word that is no command

    first = args_list[0]
    if first in COMMANDS or first.startswith("-") or first.endswith(("/", "\\")):
        return None
    if Path(first).suffix or os.path.lexists(first):  # (never raises, unlike Path.exists)
        return None
    close = get_close_matches(first, COMMANDS, n=1, cutoff=0.6)
    if len(args_list) == 1 and not close:
        return None  # a new report's name, as ``tui-report 2025`` may well be meant
    guess = f"是不是 {close[0]}？" if close else ""
    return f"“{first}”不是命令，也不是已有的文件；{guess}全部命令见 tui-report --help"


def _fail(message: str) -> int:
    from .output import fail  # kept out of what runs before the version check

    return fail(message)


def _edit(path: Path, written: str = "") -> int:
    """The editor on a file, or the folder view on a folder (``written``: as typed)."""
    from .edit import open_in_editor  # Textual: loaded when the editor opens

    return open_in_editor(path, written)


if __name__ == "__main__":
    raise SystemExit(main())
