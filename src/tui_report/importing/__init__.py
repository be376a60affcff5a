"""``tui-report import``: published reports (PDF text, web pages, Word tables, .html,
.pdf, the project's own text and JSON exports) into report files, deterministically.

Every number is either read from a row whose label matches the official one,
or the import fails saying which row it could not read; published totals are
checked against the imported cells and every disagreement is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..formats import DEFAULT_FORMAT, format_for_year
from ..model import Report
from .advice import BROKEN_ORDER, NO_NUMBERS, other_format, table_order_broken, without_numbers
from .cells import region_cells, segments
from .characters import UNKEPT, without_unkept
from .furniture import without_page_chrome, without_page_meta
from .headings import find_headings, split_run_in_headings
from .json_source import looks_like_json, report_from_json
from .lines import (
    flatten_drawn_tables,
    numbered,
    without_markdown_marks,
    without_page_markers,
)
from .problems import ImportFailure, ImportWarning
from .sections import paragraphs, prose_layout, title_and_intro
from .sources import read_input
from .tables import TableReader

__all__ = [
    "ImportFailure",
    "ImportResult",
    "ImportWarning",
    "extracted_text",
    "import_file",
    "import_text",
]


@dataclass
class ImportResult:
    report: Report
    warnings: list[ImportWarning]
    details: list[ImportWarning] = field(default_factory=list)  # each blank cell (--verbose)
    kind: str = "文本"
    encoding: str | None = "UTF-8"  # None: PDF and Word files have none


def import_file(path: Path, agency: str | None = None, year: int | None = None) -> ImportResult:
    text, kind, encoding = extracted_text(path)
    if kind == "文本" and looks_like_json(text):  # this program's own JSON export
        report = report_from_json(text, path)
        report.agency = agency or report.agency
        report.year = year or report.year
        return ImportResult(report, [], kind="JSON", encoding=encoding)
    try:
        result = import_text(text, agency, year, paragraph_lines=kind in PARAGRAPH_LINES)
    except ImportFailure as exc:
        exc.kind = kind
        raise
    result.kind, result.encoding = kind, encoding
    return result


def extracted_text(path: Path) -> tuple[str, str, str | None]:
    """The text an import reads (line numbers in its messages count these lines),
    what kind of input it came from, and its encoding."""
    text, kind, encoding = read_input(path)
    return _one_newline(text), kind, encoding


def _one_newline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")


# Inputs whose lines are the document's own paragraphs (never wrapped at a page width).
PARAGRAPH_LINES = frozenset({"网页", "Word 文件"})


def import_text(
    text: str, agency: str | None = None, year: int | None = None, paragraph_lines: bool = False
) -> ImportResult:
    """``paragraph_lines``: each line is a paragraph (a web page's or a Word file's text)."""
    text = _one_newline(text)
    lines, dropped = without_unkept(numbered(text)) if UNKEPT.search(text) else (numbered(text), [])
    lines = flatten_drawn_tables(without_page_markers(without_markdown_marks(lines)))
    lines = split_run_in_headings(lines, DEFAULT_FORMAT)
    supplied: list[tuple[str, int]] = []
    headings = find_headings(lines, DEFAULT_FORMAT, supplied)
    found_agency, found_year, intro = title_and_intro(lines[: headings[0]])
    intro = without_page_meta(intro)
    agency = agency or found_agency
    year = year or found_year
    if not agency or year is None:
        where = lines[0][0] if lines else 1
        raise ImportFailure(
            "找不到标题“<发布机关><年份>年政府信息公开工作年度报告”"
            "（可用 --agency 和 --year 指定）",
            where,
        )
    fmt = format_for_year(year)
    report = Report.empty(agency, year, fmt)
    ends = [*headings[1:], len(lines)]
    regions = [lines[start + 1 : end] for start, end in zip(headings, ends, strict=True)]
    regions[-1] = without_page_chrome(regions[-1])
    prose = [intro, *(r for s, r in zip(fmt.sections, regions, strict=True) if s.text_key)]
    layout = prose_layout(prose, text, paragraph_lines)
    report.texts[fmt.intro_key] = paragraphs(intro, layout)
    warnings = [*dropped] + [
        ImportWarning(f"找不到标题“{heading}”，从第 {line} 行的表格起读作这一部分", line)
        for heading, line in supplied
    ]
    details: list[ImportWarning] = []
    for section, start, region in zip(fmt.sections, headings, regions, strict=True):
        if section.text_key:
            report.texts[section.text_key] = paragraphs(region, layout)
        if section.tables:
            found = segments(region_cells(region))
            reader = TableReader(report, section, found, lines[start][0])
            try:
                reader.read()
            except ImportFailure as failure:
                advice = other_format(fmt, section, reader.keys())
                if advice:
                    failure.message += "。" + advice
                elif without_numbers(found):
                    failure.message += "。" + NO_NUMBERS
                elif table_order_broken(section, found):
                    failure.message += "。" + BROKEN_ORDER
                raise
            advice = other_format(fmt, section, reader.keys())
            if advice:  # read, but under the other format's headings: not this format's numbers
                raise ImportFailure(f"“{section.heading}”：{advice}", lines[start][0])
            reader.compare_totals()
            warnings += reader.warnings
            details += [blank for blanks in reader.blanks.values() for blank in blanks]
    return ImportResult(report, warnings, details)
