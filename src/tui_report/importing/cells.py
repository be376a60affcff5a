"""Table text as cells, and cells as segments: a label followed by its values.

Whatever the layout (PDF text split on spaces, web-page cells on their own lines
or between ``|``, Word rows split by tabs, the project's own grid export), a
table becomes a stream of cells. A *segment* is the text that precedes a run
of values, joined, and that run: ``（二）部分公开（区分处理的，只计这一情形，
不计其他情形）`` + ``4 0 0 0 0 0 4``, however the label was wrapped. Header
fragments and group labels end up at the front of a segment's text, which is
why labels are matched at the end of it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from typing import Literal, NamedTuple

from .wrapped import pieces_in_place

Kind = Literal["text", "number", "blank", "bad"]

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_BLANK = {"", "/", "-", "—", "–", "——", "－", "／", "\\"}
_LOOKS_NUMERIC = re.compile(r"^[\dOoIlSB.,]+$")
_SPACED_NUMBER = re.compile(r"^\d[\d,.]*(?:\s+[\d,.]+)+$")  # one cell: ``1,28 7``
_NUMBER_WITH_UNIT = re.compile(r"^\d+(?:\.\d+)?(?:万元|元|件|个|项|条|%)$")
_CHANGE_IN_WORDS = re.compile(r"^[增减]\d+$")  # 本年增/减 written 减4 (for -4)
_RULE_LINE = re.compile(r"^[\s+\-=:|]*$")
_VALUE_KINDS = frozenset({"number", "bad"})
_KIND = attrgetter("kind")


class Cell(NamedTuple):  # a tuple: made for every cell of every table, quickly
    text: str
    line: int
    kind: Kind

    @property
    def value(self) -> Decimal | None:
        return Decimal(self.text.replace(",", "")) if self.kind == "number" else None


@dataclass
class Segment:
    """Text (label fragments, joined) followed by value cells."""

    text: str
    values: list[Cell] = field(default_factory=list)
    line: int = 0  # the line where the label ends
    pieces: tuple[str, ...] = ()  # the text cells ``text`` was joined from, in order

    @property
    def first_value_line(self) -> int:
        return self.values[0].line if self.values else self.line


def classify(text: str) -> Kind:
    return _kind(unicodedata.normalize("NFKC", text).strip())


def _kind(plain: str) -> Kind:
    """``classify`` of a text already in NFKC, stripped (NFKC again changes nothing)."""
    if plain in _BLANK:
        return "blank"
    if _NUMBER.match(plain):
        return "number"
    if any(map(str.isdigit, plain)) and (
        (_LOOKS_NUMERIC.match(plain) and any(map(str.isalpha, plain)))
        or _NUMBER_WITH_UNIT.match(plain)
        or _SPACED_NUMBER.match(plain)
        or _CHANGE_IN_WORDS.match(plain)
    ):
        return "bad"
    return "text"


_YUAN_PER_WAN = Decimal(10_000)


def in_unit(text: str, unit: str | None) -> str | None:
    """An amount printed with its unit (``251000元``, ``25.1万元``) as a number in a
    column of ``unit`` (万元), exactly (元 / 10000); None when it is not one."""
    if unit != "万元" or not _NUMBER_WITH_UNIT.match(text):
        return None
    if text.endswith("万元"):
        return text[: -len("万元")]
    if text.endswith("元"):
        return format(Decimal(text[:-1]) / _YUAN_PER_WAN, "f")
    return None


_COUNT_WITH_UNIT = re.compile(r"^(\d+)(?:件|个|项|条)$")


def counted(text: str) -> str | None:
    """A count printed with its unit (``124件``) as the number (``124``); else None.
    Only the units of a count: ``124%`` or ``124元`` is not one."""
    found = _COUNT_WITH_UNIT.match(text)
    return found.group(1) if found else None


def signed(text: str) -> str | None:
    """A change written in words, ``减4`` or ``增4``, as a number (-4, 4); else None."""
    if not _CHANGE_IN_WORDS.match(text):
        return None
    return ("-" if text[0] == "减" else "") + text[1:]


def _cell(text: str, line: int) -> Cell:
    if text.isascii():  # NFKC changes no ASCII character
        plain = text.strip()
        if plain.isdecimal():  # the usual cell, quickly: what _NUMBER reads as a number
            return Cell(plain, line, "number")
    else:
        plain = unicodedata.normalize("NFKC", text).strip()
        if plain.isalpha():  # letters only (信息内容): no digit, so text, quickly
            return Cell(text.strip(), line, "text")
    kind = _kind(plain)
    return Cell(plain if kind != "text" else text.strip(), line, kind)


def _cells(parts: list[str], line: int) -> list[Cell]:
    """``_cell`` of each part; a part of ASCII digits (the usual cell) without the call."""
    return [
        Cell(plain, line, "number")
        if part.isascii() and (plain := part.strip()).isdecimal()
        else _cell(part, line)
        for part in parts
    ]


def region_cells(lines: list[tuple[int, str]]) -> list[Cell]:
    """All cells of a region of lines, in reading order.

    Lines with tabs or ``|`` are split into their cells; other lines are split on
    spaces (PDF text has no empty cells). An empty cell of a row stays, as a blank,
    except in a heading row (two or more labels, an empty cell between them and no
    numbers), where it is the rest of a merged cell, and at the end of every row of
    a copied block (an empty column selected with it; a single row with values, as
    part 四's fifteen, keeps its last empty cell: the reader tells a value from
    padding by the count it expects). A row of labels followed by empty cells only
    is a row of blank values.

    Lines that are only ``|``: between cells written one per line, they separate the
    cells; among cells each closed by ``|`` on its own line (``0 |``, as crawlers save
    portal tables), each is an empty cell, except the one just before a row's label,
    which starts the row.
    """
    lines = pieces_in_place(lines)  # numbers wrapped in narrow cells of -layout text
    rows: list[list[Cell]] = []
    valued: list[list[Cell]] = []  # the rows with values
    pipes: list[int] = []  # where lines that are only | are (their index in lines)
    closed = 0  # lines of a cell closed by |
    for at, (number, raw) in enumerate(lines):
        text = raw.rstrip("\n")
        if not text.strip():
            continue
        if _RULE_LINE.match(text):
            if text.strip() == "|":
                pipes.append(at)
                rows.append([Cell("", number, "blank")])  # unless it starts a row (below)
            continue
        if "\t" in text or "|" in text:
            row = _split_row(text, number)
            closed += text.rstrip().endswith("|") and len(row) == 1
        else:
            row = _cells(text.split(), number)
        rows.append(row)
        if not _VALUE_KINDS.isdisjoint(map(_KIND, row)):
            valued.append(row)
    if pipes:
        if len(pipes) >= 3 and closed < 3:
            return _pipe_per_line(lines)
        starts = {lines[at][0] for at in pipes if _label_follows(lines, at)}
        rows = [
            row
            for row in rows
            if not (
                row[0].kind == "blank"
                and row[0].line in starts
                and len(row) == 1
                and not row[0].text
            )
        ]
    if len(valued) > 1 and all(row[-1].kind == "blank" and not row[-1].text for row in valued):
        spacer = {id(row) for row in valued}
        rows = [row[:-1] if id(row) in spacer else row for row in rows]
    return [cell for row in rows for cell in row]


def _label_follows(lines: list[tuple[int, str]], at: int) -> bool:
    """Whether the next line with anything in it after ``lines[at]`` starts with a label."""
    for after in range(at + 1, len(lines)):  # not a slice: a copy of the rest for every |
        text = lines[after][1]
        if not text.strip():
            continue
        if _RULE_LINE.match(text):
            return False
        first = (text.split("\t") if "\t" in text else text.split("|"))[0]
        return classify(first) == "text"
    return False


def _split_row(text: str, number: int) -> list[Cell]:
    parts = text.split("\t") if "\t" in text else text.split("|")
    while parts and not parts[0].strip():
        parts = parts[1:]  # empty label cells (a group label left out)
    if "\t" not in text and parts and not parts[-1].strip():
        parts = parts[:-1]  # the closing | of a Markdown-style row
    row = _cells(parts, number)
    kinds = list(map(_KIND, row))
    if (
        kinds.count("text") >= 2  # two labels or more, an empty cell before the last one
        and any(
            cell.kind == "blank" and not cell.text
            for cell in row[: len(kinds) - 1 - kinds[::-1].index("text")]
        )
        and _VALUE_KINDS.isdisjoint(kinds)
    ):
        row = [cell for cell in row if cell.kind != "blank" or cell.text]
    return row


def _pipe_per_line(lines: list[tuple[int, str]]) -> list[Cell]:
    cells: list[Cell] = []
    pending: list[str] = []
    first = lines[0][0] if lines else 0
    for number, text in lines:
        if text.strip() == "|":
            cells.append(_cell("".join(p.strip() for p in pending), first))
            pending = []
            first = number + 1
        else:
            if not pending:
                first = number
            pending.append(text)
    if any(p.strip() for p in pending):
        cells += [_cell(part, first) for part in " ".join(pending).split()]
    return cells


def segments(cells: list[Cell]) -> list[Segment]:
    """Group cells into segments: text, then the values that follow it. (A segment's
    text is joined once, from its pieces: joining each piece to the text so far copied
    it again for every piece, quadratic in a long run of text.)"""
    found: list[Segment] = []
    pieces: list[str] = []
    values: list[Cell] = []
    line = 0
    for cell in cells:
        if cell.kind == "text":
            if values:
                found.append(Segment("".join(pieces), values, line, tuple(pieces)))
                pieces, values = [], []
            pieces.append(cell.text)
            line = cell.line
        else:
            if not values and not pieces:
                line = cell.line
            values.append(cell)
    if pieces or values:
        found.append(Segment("".join(pieces), values, line, tuple(pieces)))
    return found
