"""The ``tui-report`` command: new, check, export, import, diff, sum, edit.

One module per command (``check``, ``diff``, ``new``, ``export``, ``import_``, ``sum``,
``edit``), each with ``run(args)``; the options are described in ``args``, the exit
statuses and the one-line message of a person's mistake in ``output``.

This module runs before the Python version is known to be new enough, so it imports
only the standard library and ``environment`` at the top, must stay Python 3.8 syntax,
and says that a Python is too old with nothing newer than 3.8 has
(tests/cli/test_environment.py runs it on old Pythons where they are installed). A
command's module is imported when the command runs: ``check`` and ``export`` never
load Textual (the editor's), openpyxl (``sum``'s workbook) or python-docx. A person's
mistake (a missing file, a syntax error) is one line on stderr and exit status 2,
never a traceback.
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
EXIT_UNREADABLE = 2
SIGINT = 2  # signal.SIGINT (Ctrl+C) on every platform
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
    if too_old:  # said with nothing but ``sys``: the program's modules need Python 3.11
        sys.stderr.write(f"tui-report: {too_old}\n")
        return EXIT_UNREADABLE
    try:
        return _run(argv)
    except ImportError as exc:
        message = environment.missing_library(exc)
        if message is None:
            raise
        return _fail(message)
    except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM/SIGHUP as ``parallel.Stopped``
        status = _stopped(getattr(stop, "signum", SIGINT))
        if argv is None:  # the program itself (not a caller in this process): end now
            _end_at_once(status)
        return status


def _run(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    mistyped = _not_a_command(args_list) if args_list else None
    if mistyped:
        return _fail(mistyped)
    if len(args_list) == 1 and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        return _edit(Path(args_list[0]), args_list[0])  # ``tui-report FILE``: to the editor
    if len(args_list) == 2 and args_list[0] == "edit" and not args_list[1].startswith("-"):
        return _edit(Path(args_list[1]), args_list[1])
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "edit")  # ``tui-report FILE`` opens the editor
    if not args_list:
        args_list = ["--help"]
    from .output import OutputFailed, checked_stdout, output_failed  # (after the version check)

    try:
        with checked_stdout():  # a write that fails: said once, exit 2 (``> /dev/full``)
            return _parsed_and_run(args_list)
    except BrokenPipeError:  # e.g. ``tui-report export … | head``
        sys.stderr.close()
        return EXIT_OK
    except OutputFailed as exc:
        return output_failed(exc)


def _parsed_and_run(args_list: list[str]) -> int:
    args = parse_arguments(args_list)  # (``--help`` is written here)
    if args.command in ("check", "sum"):  # worker processes: stopped on a signal
        from ..folder.parallel import stopped_by_signals  # (after the version check)

        with stopped_by_signals():
            return _dispatch(args)
    return _dispatch(args)


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
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    named = args_list[0] if args_list and args_list[0] in commands.choices else None
    own = commands.choices[named] if named is not None else parser
    unknown = unknown_options(own, args_list[1:] if named is not None else args_list)
    if not unknown:  # (said first: “缺少参数” for ``check --bogus`` named the wrong mistake)
        args, unknown = parser.parse_known_args(args_list)
        own = commands.choices.get(args.command, parser)
    if unknown:
        own.error(argparse._("unrecognized arguments: %s") % " ".join(unknown))  # type: ignore[attr-defined]
    return args


def unknown_options(parser: argparse.ArgumentParser, words: list[str]) -> list[str]:
    """The words that look like options (``-x``, ``--xyz``, ``--xyz=1``; not ``-1`` nor
    what follows ``--``) and that ``parser`` has no option for, as argparse would take
    them (a long option may be shortened while it stays unambiguous; ``-oFILE``)."""
    known = parser._option_string_actions  # (argparse has no public list of them)
    found = []
    for word in words:
        if word == "--":
            break
        if not word.startswith("-") or len(word) < 2 or word[1].isdigit():
            continue
        name = word.split("=", 1)[0]
        if name in known or (not word.startswith("--") and word[:2] in known):
            continue
        if word.startswith("--") and len([o for o in known if o.startswith(name)]) == 1:
            continue
        found.append(word)
    return found


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


def _end_at_once(status: int) -> None:
    """End the process once its output is flushed, without the interpreter's exit
    handlers: after a signal, the process pool's handler may write to a pipe its
    killed workers' pool has closed and print a traceback (the work was stopped; the
    writers' temporary files are gone already, removed as the signal unwound them)."""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # (``output.OutputFailed`` too)
            stream.flush()
    os._exit(status)


def _stopped(signum: int) -> int:
    """Said when a signal ends the command (Ctrl+C, SIGTERM, a terminal closed): one
    line, no traceback; the exit status a shell gives a process ended by it (128 + n)."""
    import contextlib
    import signal

    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = str(signum)
    why = "按了 Ctrl+C" if signum == SIGINT else f"收到信号 {name}"
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"tui-report: 已中断（{why}），命令未做完\n")
        sys.stderr.flush()
    return 128 + signum


def _fail(message: str) -> int:
    from .output import fail  # kept out of what runs before the version check

    return fail(message)


def _edit(path: Path, written: str = "") -> int:
    """The editor on a file, or the folder view on a folder (``written``: as typed).

    The cyclic garbage collector waits until the first frame is on the screen (a
    quicker start: see ``tui.startup``); whatever happens, it runs again afterwards."""
    if not written:  # ``tui-report ''``: not the current folder, as ``Path('')`` has it
        return _fail("路径为空（给出的是空字符串）")
    from ..tui.startup import pause_collection, resume_collection

    pause_collection()
    try:
        from .edit import open_in_editor  # Textual: loaded when the editor opens

        return open_in_editor(path, written)
    finally:
        resume_collection(freeze=False)  # (the editor resumed it at its first frame)


if __name__ == "__main__":
    raise SystemExit(main())
