"""The ``tui-report`` command: new, check, export, import, diff, sum, edit.

The options are described in ``args``, the commands that write files are in
``writing``; ``check`` and the editor live in their own modules.

Each command imports what it needs when it runs, so ``check`` and ``export``
never pay for Textual. A person's mistake (a missing file, a syntax error)
is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
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
    from .args import build_parser as build

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    """``tui-report``: a Python too old or a library not installed is said in Chinese
    before anything else can fail in English."""
    from .environment import missing_library, python_too_old

    _output_never_fails()
    too_old = python_too_old()
    if too_old:
        return _fail(too_old)
    try:
        return _run(argv)
    except ImportError as exc:
        message = missing_library(exc)
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
            from ..folder.parallel import stopped_by_signals

            with stopped_by_signals():
                return _dispatch(args)
        return _dispatch(args)
    except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM/SIGHUP as ``parallel.Stopped``
        return 128 + getattr(stop, "signum", 2)
    except BrokenPipeError:  # e.g. ``tui-report export … | head``
        sys.stderr.close()
        return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    if args.command in ("new", "export", "import", "sum"):
        from . import writing

        return getattr(writing, f"cmd_{args.command}")(args)
    if args.command == "check":
        return cmd_check(args)
    if args.command == "diff":
        return cmd_diff(args)
    return cmd_edit(args)


def parse_arguments(args_list: list[str]) -> argparse.Namespace:
    """The command line parsed; an option the command does not have is refused with that
    command's usage (argparse's own parse_args shows the usage of ``tui-report`` itself,
    which lists no option of ``check``)."""
    import argparse

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
    from difflib import get_close_matches

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
    from ..text.visible import warn

    warn(f"tui-report: {message}")
    return EXIT_UNREADABLE


def cmd_check(args: argparse.Namespace) -> int:
    from ..folder.checking import check_files

    return check_files(
        args.files,
        as_json=args.json,
        quiet=args.quiet,
        previous=args.previous,
        skip_unreadable=args.skip_unreadable,
        only_reports=args.only_reports,
    )


def cmd_diff(args: argparse.Namespace) -> int:
    from ..report.diffing import changed_paragraphs, changed_values
    from ..storage import ReportFileError, read_report
    from ..text.visible import echo

    try:
        old = read_report(args.old, for_saving=False).report
        new = read_report(args.new, for_saving=False).report
    except ReportFileError as exc:
        return _fail(str(exc))
    values, paragraphs = changed_values(old, new), changed_paragraphs(old, new)
    for line in values + paragraphs:
        echo(line)
    if not values and not paragraphs:
        echo("两份报告的内容相同")
        return EXIT_OK
    return EXIT_PROBLEMS


def cmd_edit(args: argparse.Namespace) -> int:
    return _edit(args.file)


def _edit(path: Path, written: str = "") -> int:
    """The editor on a file, or the folder view on a folder (``written``: the argument
    as typed: ``reports/`` names a folder even when it does not exist)."""
    from ..tui.launch import run_editor

    if written.endswith(("/", "\\")) and not path.is_dir():
        return _fail(f"{written}: 目录不存在")

    try:
        return run_editor(path)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
