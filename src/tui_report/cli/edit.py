"""``tui-report edit`` (and ``tui-report FILE``): the editor on a report, the folder view
on a folder. Textual is loaded only here, when the editor opens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..tui.launch import run_editor
from .output import fail

if TYPE_CHECKING:  # (argparse itself is not loaded for ``tui-report FILE``: ~2 ms, 0.3 MB)
    import argparse


def run(args: argparse.Namespace) -> int:
    """Open the editor on ``args.file``; the exit status."""
    return open_in_editor(args.file)


def open_in_editor(path: Path, written: str = "") -> int:
    """The editor on a file, or the folder view on a folder (``written``: the argument
    as typed: ``reports/`` names a folder even when it does not exist)."""
    if written.endswith(("/", "\\")) and not path.is_dir():
        return fail(f"{written}: 目录不存在")
    try:
        return run_editor(path)
    except KeyboardInterrupt:
        return 130
