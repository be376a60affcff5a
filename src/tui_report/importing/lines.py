"""Input text as numbered lines, cleaned of what extraction adds: page markers, and
the multi-line rows of a drawn (``+---+``) table, which become one line each."""

from __future__ import annotations

import re
from itertools import chain

Line = tuple[int, str]  # (1-based line number in the input, text)

_PAGE_MARKER = re.compile(
    r"^\s*(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
# A rule between rows; inside a merged cell it is blank (``|      +-----+``).
_BORDER = re.compile(r"^\s*[+|][-=+:| ]*[+|]\s*$")
_RULE = re.compile(r"\+[-=]")  # not a Markdown rule (|---|), which has no +
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKDOWN_STRONG = re.compile(r"\*\*")


def numbered(text: str) -> list[Line]:
    """Trailing spaces go; trailing tabs stay (they are empty cells of a copied row)."""
    return [(i, line.rstrip(" \r\u3000")) for i, line in enumerate(text.split("\n"), start=1)]


def is_page_marker(text: str) -> bool:
    return bool(_PAGE_MARKER.match(text))


def without_page_markers(lines: list[Line]) -> list[Line]:
    marker = _PAGE_MARKER.match  # is_page_marker, without a call per line
    return [(n, t) for n, t in lines if not marker(t)]


def flatten_drawn_tables(lines: list[Line]) -> list[Line]:
    """Each row of a ``+---+`` grid table (as the text export draws them, a label
    wrapped over several lines) becomes one tab-separated line. A merged cell
    beside several rows gives each of them the part of its text drawn beside it."""
    out: list[Line] = []
    block: list[Line] = []
    in_table = False
    for number, text in lines:
        if _BORDER.match(text) and _RULE.search(text):
            if block:
                out.append(_join_block(block))
                block = []
            in_table = True
            continue
        if in_table and text.lstrip().startswith("|"):
            block.append((number, text))
            continue
        if block:
            out.append(_join_block(block))
            block = []
        in_table = False
        out.append((number, text))
    if block:
        out.append(_join_block(block))
    return out


def _join_block(block: list[Line]) -> Line:
    """The lines of one drawn row as one line, cells joined column by column."""
    if len(block) == 1:  # the usual row, drawn on one line
        return block[0][0], "\t".join(map(str.strip, block[0][1].strip().strip("|").split("|")))
    split = [text.strip().strip("|").split("|") for _, text in block]
    if len({len(cells) for cells in split}) == 1:
        columns = ["".join(map(str.strip, column)) for column in zip(*split, strict=True)]
    else:  # a header with spanning group labels: its text matters, not its columns
        columns = ["".join(map(str.strip, chain.from_iterable(split)))]
    return block[0][0], "\t".join(columns)


_MARKDOWN_BOLD_LINE = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")


def markdown_headings(lines: list[Line]) -> frozenset[int]:
    """Numbers of the lines Markdown marks as headings: ``## …``, or a line in bold."""
    return frozenset(
        n
        for n, t in lines
        if ("#" in t or "**" in t) and (_MARKDOWN_HEADING.match(t) or _MARKDOWN_BOLD_LINE.match(t))
    )


def without_markdown_marks(lines: list[Line]) -> list[Line]:
    """Markdown (from PDF converters, OCR or a chat model) without its marks:
    ``## 一、总体情况`` is a heading line, ``**（一）主动公开**`` a line of text.
    Tables stay as they are (their ``|`` rows are read as cells)."""
    return [
        (n, _MARKDOWN_STRONG.sub("", _MARKDOWN_HEADING.sub("", t)))
        if "#" in t or "**" in t  # the marks the patterns remove
        else (n, t)
        for n, t in lines
    ]


def layout_headings(lines: list[Line]) -> frozenset[int]:
    """Numbers of the lines laid out as headings in plain text: a line that starts at the
    margin with a blank line before and after it (the text export's part headings, whose
    paragraphs are indented and follow one another without blank lines)."""
    found: set[int] = set()
    for i, (number, text) in enumerate(lines):
        if not text or text[0].isspace():
            continue
        before = lines[i - 1][1] if i > 0 else ""
        after = lines[i + 1][1] if i + 1 < len(lines) else ""
        if not before.strip() and not after.strip():
            found.add(number)
    return frozenset(found)
