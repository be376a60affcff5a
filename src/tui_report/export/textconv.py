"""``export --textconv``: what ``git diff`` shows of a ``.toml`` file in a repository of
reports (git's textconv), so that review in ``git diff`` never hides a change.

- A report: its plain-text layout (errors marked “？”, never refused; a total written by
  ``sum`` says so on a line above it: the layout does not show it), then the lines of
  the file that the layout does not show (comments written by hand, keys the program
  does not know, values written another way), each with the table it is in.
- ``agencies.toml`` and any other TOML that is no report (pyproject.toml): the file as
  it is. (Exported as a report, every such file was the same blank “？” report, and a
  change to it showed nothing.)
- A file that cannot be read as a report (a syntax error, a merge conflict's markers):
  a line saying why, then the file as it is.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from ..report.diffing import total_in_words
from ..report.model import Report
from ..storage import ReportFileError, read_report, render_new
from ..storage.reading import read_bytes
from ..storage.tops import AGENCIES_FILE, looks_like_report, read_top
from ..text.visible import for_editing
from .rendering import render

UNSHOWN_HEADING = "（以下是报告文件中上面的版式没有显示的行：手写的注释、程序不认识的键等）"
BEFORE_TABLES = "（文件开头）"


def textconv(path: Path, width: int = 100) -> str:
    """The text git compares for ``path``."""
    if path.name == AGENCIES_FILE or not looks_like_report(read_top(str(path))):
        return for_editing(_own_text(path))
    try:
        loaded = read_report(path, for_saving=False)
    except ReportFileError as exc:
        return f"（{exc}；无法读取为报告，以下是文件原文）\n" + for_editing(_own_text(path))
    layout = render(loaded.report, "text", width=width).decode("utf-8")
    if loaded.report.total_of is not None:  # not in the layout: a total turned unit shows
        layout = f"（合计标记 total_of：{total_in_words(loaded.report)}）\n{layout}"
    unshown = unshown_lines(loaded.source, loaded.report)
    if not unshown:
        return layout
    listed = for_editing("\n".join(unshown))
    return f"{layout.rstrip()}\n\n{UNSHOWN_HEADING}\n{listed}\n"


def unshown_lines(source: str, report: Report) -> list[str]:
    """The lines of ``source`` that are not as the program writes ``report`` (what the
    layout shows): each as ``[table] line``, blank lines left out. Line numbers are not
    given: a paragraph added above would change every one of them in ``git diff``."""
    written = render_new(report).splitlines()
    lines = source.splitlines()
    matcher = difflib.SequenceMatcher(None, written, lines, autojunk=False)
    extra: set[int] = set()
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            extra.update(range(j1, j2))
    found, table = [], BEFORE_TABLES
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            table = stripped.split("]", 1)[0] + "]"
        if number in extra and stripped:
            found.append(line if stripped.startswith("[") else f"{table} {line}")
    return found


def _own_text(path: Path) -> str:
    try:  # read_bytes: bounded, never waits on a FIFO
        data = read_bytes(path)
    except ReportFileError as exc:
        return f"（{exc}）\n"
    return data.decode("utf-8", errors="replace")


def run(path: Path, width: int) -> int:
    """``export --textconv``: the text on standard output; 0 always (git shows it)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(textconv(path, width).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
