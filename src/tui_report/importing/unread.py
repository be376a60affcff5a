"""The lines of a table part (二、三、四) that its tables do not hold: a note under a table
(``注：……``), a sentence between the heading and the table or after it.

The report keeps only the tables of these parts, so such a line is not imported; it is
named in a warning rather than dropped without a word. A line is the table's own when the
reader took a row's label or numbers from it, or when all its text is made of the
table's printed words (its title, headings, row and group labels, header note, units),
however a PDF cut them into pieces (``总计商业``, ``（三）`` / ``不予公`` / ``开``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..formats import ReportFormat, Section
from .cells import classify
from .labels import key
from .lines import Line
from .problems import ImportWarning

# Words printed around a table that are no label of the format: units, captions, layout.
TABLE_WORDS = (
    "单位",
    "万元",
    "元",
    "件",
    "个",
    "项",
    "序号",
    "项目",
    "合计",
    "小计",
    "数量",
    "表",
    "续表",
)
SHOWN = 40  # characters of a skipped line shown in its warning
_CUTS = re.compile(r"[\s|]+")
# Punctuation and layout characters: never a word of their own.
_LAYOUT = frozenset("()（）[]【】:：、，,.。;；-—–_=+*#/\\·")


def unread_lines(fmt: ReportFormat, lines: Iterable[Line], used: set[int]) -> list[Line]:
    """The lines among ``lines`` with text that is not a table's (see the module's
    docstring); ``used``: the lines the reader took a row's label or numbers from. Any
    table's words count: where a heading is missing, a part's region ends in the header
    of the next part's table."""
    words = _words(fmt)
    return [
        (number, text)
        for number, text in lines
        if text.strip() and number not in used and not _table_text(text, words)
    ]


def skipped_warnings(section: Section, skipped: list[Line]) -> list[ImportWarning]:
    """One warning per skipped line, naming it and why it is not imported."""
    return [
        ImportWarning(
            f"第 {number} 行“{_shortened(text.strip())}”未导入："
            f"“{section.heading}”只有表格，表格以外的文字无处保存",
            number,
        )
        for number, text in skipped
    ]


def _shortened(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


@lru_cache(maxsize=4)
def _words(fmt: ReportFormat) -> str:
    """Every printed word of a format's tables, as ``key`` writes them, one a line."""
    printed: list[str] = [*TABLE_WORDS]
    for section in fmt.sections:
        if section.tables:
            printed.append(section.heading)
    for table in fmt.tables:
        printed += [t for t in (table.title, table.corner, table.note) if t]
        for column in table.columns:
            printed += [column.label, *column.groups]
        for row in table.rows:
            printed += [row.label, *row.groups]
    return "\n" + "\n".join(dict.fromkeys(key(word) for word in printed)) + "\n"


def _table_text(text: str, words: str) -> bool:
    """Whether every piece of a line is a value cell or made of the table's words; a note
    in brackets after a heading of the table (``现行有效件数 (历史累计)``) is the heading's,
    as a note after a row's label is the row's (``labels.ends_with_label``)."""
    if "。" in text:  # a sentence: no printed word of a table has a full stop
        return False
    texts = [key(piece) for piece in _CUTS.split(text) if piece and classify(piece) == "text"]
    heading = False
    for piece in texts:
        if _made_of(piece, words) or _made_of(_NOTE_AFTER.sub("", piece), words):
            heading = True
        elif not _NOTE.fullmatch(piece):
            return False
    return heading or not texts


_NOTE = re.compile(r"\([^()]*\)")
_NOTE_AFTER = re.compile(r"(?<=.)\([^()]*\)$")


def _made_of(piece: str, words: str) -> bool:
    """Whether ``piece`` is one of ``words``' pieces, or runs of them one after another (a
    PDF joins the pieces of cells side by side: ``总计商业``) around layout characters, each
    run of two characters or more or a word of its own (``单位：件``); first the last
    character of a word cut over lines (``自然`` / ``人法人或其他组织``), last the first
    character of one."""
    if piece in words:
        return True
    size = len(piece)
    reached = [False] * (size + 1)
    reached[0] = True
    for at in range(size):
        if not reached[at]:
            continue
        if unicodedata.category(piece[at])[0] in "PZ" or piece[at] in _LAYOUT:
            reached[at + 1] = True
            continue
        end = at + 1
        while end <= size and piece[at:end] in words:
            run = end - at
            if (
                run >= 2
                or f"\n{piece[at]}\n" in words
                or (at == 0 and f"{piece[at]}\n" in words)  # the end of a cut cell
                or (end == size and f"\n{piece[at]}" in words)  # the start of one
            ):
                reached[end] = True
            end += 1
    return reached[size]
