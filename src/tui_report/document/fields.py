"""The cover's fields as the editor shows and takes them: 发布机关, 年度, and the texts.

Pure Python, no Textual: what the year field shows where the file's year is unusable,
what a typed year is, and where the introduction states the statistics period (统计期限)
of another year (the editor offers to correct it when the year changes).
"""

from __future__ import annotations

import ast
import re

from ..report.domain import MAX_YEAR, MIN_YEAR
from ..report.model import BadCell, Report
from ..report.values import normalize_typed

# a field's value: 发布机关 and a text (by its key) a string, 年度 the year and why the
# file's one is unusable
FieldValue = str | tuple[int | None, BadCell | None]

_SENTENCE = re.compile(r"[^。！？；\n]*[。！？；\n]?")
_PERIOD = re.compile(r"统计.{0,4}(期限|期间|时限|时间|区间|周期|范围)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")


def as_typed(written: str) -> str:
    """A bad value as written in the file, to edit: text without the quotes it is shown
    in (the file's "1O" is shown '1O'; Ctrl+E offers 1O)."""
    if len(written) >= 2 and written[0] == written[-1] and written[0] in "'\"":
        try:
            text = ast.literal_eval(written)
        except (ValueError, SyntaxError):
            return written
        if isinstance(text, str):
            return text
    return written


def written_year(report: Report) -> str:
    """The year field's text: the year, or what the file wrote where no usable year is
    (``year = "２０２４"`` shows ２０２４, marked invalid, never an empty field)."""
    if report.year is not None:
        return str(report.year)
    bad = report.bad_fields.get("year")
    return as_typed(bad.raw) if bad else ""


def typed_year(text: str) -> int | None:
    """The year typed (full-width digits too), or None where it is not one."""
    year = normalize_typed(text)
    return int(year) if year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR else None


def period_years(text: str, year: int) -> list[tuple[int, int]]:
    """Spans of the years other than ``year`` in the sentences that state the
    statistics period (``统计期限为 2024 年 1 月 1 日至 12 月 31 日``)."""
    spans: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(text):
        if not _PERIOD.search(sentence.group()):
            continue
        for found in _YEAR.finditer(sentence.group()):
            if int(found.group(1)) != year:
                start = sentence.start() + found.start(1)
                spans.append((start, start + 4))
    return spans


def with_period(text: str, year: int) -> tuple[int, int, str] | None:
    """The piece of ``text`` from the first to the last year of its statistics period
    (start, end) and what it becomes with ``year`` put in; None where none is stated."""
    spans = period_years(text, year)
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    piece = text[start:end]
    for span_start, span_end in reversed(spans):
        offset = span_start - start
        piece = piece[:offset] + str(year) + piece[offset + span_end - span_start :]
    return start, end, piece


def field_value(report: Report, name: str) -> FieldValue:
    if name == "agency":
        return report.agency
    if name == "year":
        return (report.year, report.bad_fields.get("year"))
    return report.texts[name]


def put_field_value(report: Report, name: str, value: FieldValue) -> None:
    if name == "year":
        assert isinstance(value, tuple)
        year, bad = value
        report.year = year
        report.bad_fields.pop("year", None)
        if bad is not None:
            report.bad_fields["year"] = bad
        return
    assert isinstance(value, str)
    if name == "agency":
        report.agency = value
    else:
        report.texts[name] = value
