"""``tui-report import``: published reports (PDF text, web pages, Word tables, .html,
.pdf, the project's own text and JSON exports) into report files, deterministically.

Every number is either read from a row whose label matches the official one,
or the import fails saying which row it could not read; published totals are
checked against the imported cells and every disagreement is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..formats import DEFAULT_FORMAT, ReportFormat, Section, format_for_year
from ..report.model import Report
from .advice import BROKEN_ORDER, NO_NUMBERS, other_format, table_order_broken, without_numbers
from .agency import agency_of
from .cells import region_cells, segments
from .characters import has_unkept, without_unkept
from .furniture import TITLE_FIELD, page_header, without_page_chrome
from .headings import find_headings, join_split_headings, marked_parts, split_run_in_headings
from .json_source import looks_like_json, report_from_json
from .lines import (
    Line,
    flatten_drawn_tables,
    layout_headings,
    markdown_headings,
    numbered,
    without_markdown_marks,
    without_page_markers,
)
from .problems import ImportFailure, ImportWarning
from .sections import blank_lines_between, paragraphs, prose_layout, report_title
from .sources import Source, read_input
from .tables import TableReader
from .unread import skipped_warnings, unread_lines

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
    # each blank cell, each row read again (--verbose)
    details: list[ImportWarning] = field(default_factory=list)
    kind: str = "文本"
    encoding: str | None = "UTF-8"  # None: PDF and Word files have none


def import_file(path: Path, agency: str | None = None, year: int | None = None) -> ImportResult:
    source = _read(path)
    text, kind, encoding = source.text, source.kind, source.encoding
    if kind == "文本" and looks_like_json(text):  # this program's own JSON export
        report = report_from_json(text, path)
        report.agency = agency or report.agency
        report.year = year or report.year
        return ImportResult(report, [], kind="JSON", encoding=encoding)
    try:
        result = import_text(
            text, agency, year, paragraph_lines=kind in PARAGRAPH_LINES, headings=source.headings
        )
    except ImportFailure as exc:
        exc.kind = kind
        raise
    result.kind, result.encoding = kind, encoding
    return result


def extracted_text(path: Path) -> tuple[str, str, str | None]:
    """The text an import reads (line numbers in its messages count these lines),
    what kind of input it came from, and its encoding."""
    source = _read(path)
    return source.text, source.kind, source.encoding


def _read(path: Path) -> Source:
    """The file's ``Source``, its text with one kind of line end (as the import counts
    lines)."""
    source = read_input(path)
    return source._replace(text=_one_newline(source.text))


def _one_newline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")


NAMED_WITHIN = 30  # lines of part 一 looked through for the agency spelt otherwise

# Inputs whose lines are the document's own paragraphs (never wrapped at a page width).
PARAGRAPH_LINES = frozenset({"网页", "Word 文件"})


def import_text(
    text: str,
    agency: str | None = None,
    year: int | None = None,
    paragraph_lines: bool = False,
    headings: frozenset[int] = frozenset(),
) -> ImportResult:
    """``paragraph_lines``: each line is a paragraph (a web page's or a Word file's text);
    ``headings``: the numbers of the lines the file marks as headings (``<h2>``, a Word
    heading style)."""
    text = _one_newline(text)
    lines = numbered(text)
    warnings: list[ImportWarning] = []
    if has_unkept(text):
        lines, warnings = without_unkept(lines)
    marked = markdown_headings(lines) if "#" in text or "**" in text else frozenset()
    laid_out = layout_headings(lines)
    lines = flatten_drawn_tables(without_page_markers(without_markdown_marks(lines)))
    # The headings as the file marks them (one kind of mark at a time), where they are the
    # six parts': a page's <h2>, a Word heading style, Markdown's ##, the text export's layout
    parts = marked_parts(lines, DEFAULT_FORMAT, headings)
    markdown = None if parts else marked_parts(lines, DEFAULT_FORMAT, marked)
    parts = parts or markdown or marked_parts(lines, DEFAULT_FORMAT, laid_out)
    if parts is None:  # the headings are not marked as such: found by their words and place
        if not all(section.heading in text for section in DEFAULT_FORMAT.sections):
            lines = join_split_headings(lines, DEFAULT_FORMAT)  # (all there: none is split)
        parts = find_headings(lines, DEFAULT_FORMAT, marked)
        lines = split_run_in_headings(lines, parts, DEFAULT_FORMAT)
    header, front = page_header(lines[: parts.first()])
    title = report_title(front)
    intro = title.intro
    field = header.value(TITLE_FIELD)  # the page's 标题 field, which may name the body
    in_field = report_title([(field[1], field[0])]) if field else None
    found_year = title.year if title.year is not None else in_field.year if in_field else None
    regions = _regions(lines, parts.starts)
    # the body is named near the start: the intro and the first lines of part 一
    found_agency, named = agency_of(title, in_field, header, [*intro, *regions[0][:NAMED_WITHIN]])
    if agency is None:
        warnings += named
    agency = agency or found_agency
    year = year or found_year
    if not agency and year is not None and title.line is not None:
        raise ImportFailure(
            f"第 {title.line} 行的标题中没有发布机关的名称，"
            "其前一行和网页的“标题”“发布机构”中也没有（可用 --agency 指定）",
            title.line,
        )
    if not agency or year is None:
        where = lines[0][0] if lines else 1
        raise ImportFailure(
            "找不到标题“<发布机关><年份>年政府信息公开工作年度报告”"
            "（可用 --agency 和 --year 指定）",
            where,
        )
    fmt = format_for_year(year)
    report = Report.empty(agency, year, fmt)
    regions[-1] = without_page_chrome(regions[-1])
    prose = [intro, *(r for s, r in zip(fmt.sections, regions, strict=True) if s.text_key)]
    # Markdown whose headings are the six parts' and whose paragraphs blank lines part
    each_a_paragraph = markdown is not None and blank_lines_between(prose)
    layout = prose_layout(prose, text, paragraph_lines or each_a_paragraph)
    report.texts[fmt.intro_key] = paragraphs(intro, layout)
    warnings += parts.warnings
    details: list[ImportWarning] = []
    for number, (section, start) in enumerate(zip(fmt.sections, parts.starts, strict=True)):
        region = regions[number]
        if section.tables:
            where = lines[start][0] if start is not None else 1
            followed = number + 1 < len(parts.starts) and parts.starts[number + 1] is None
            # where the next part's heading is missing, its prose is not cells of a table
            table_lines = _before_prose(region) if followed else region
            reader = _read_tables(report, section, table_lines, where)
            warnings += reader.warnings
            # what follows the tables where the next heading is missing is the next part's
            kept = [line for line in table_lines if not followed or line[0] <= reader.last_line]
            warnings += skipped_warnings(section, unread_lines(fmt, kept, reader.used_lines))
            details += [blank for blanks in reader.blanks.values() for blank in blanks]
            details += reader.details
            if followed:
                regions[number + 1] = _after_tables(region, reader, fmt, number, warnings)
        if section.text_key:
            report.texts[section.text_key] = paragraphs(regions[number], layout)
    return ImportResult(report, warnings, details)


def _regions(lines: list[Line], starts: list[int | None]) -> list[list[Line]]:
    """The lines of each part: from after its heading to the next part's heading (a part
    whose heading is missing has none yet: see ``_after_tables``)."""
    found = sorted(start for start in starts if start is not None)  # in the text's order
    ends = dict(zip(found, [*found[1:], len(lines)], strict=True))
    return [[] if start is None else lines[start + 1 : ends[start]] for start in starts]


def _read_tables(report: Report, section: Section, region: list[Line], where: int) -> TableReader:
    """A part's tables read into the report; ImportFailure with advice where they cannot be."""
    fmt = report.format
    found = segments(region_cells(region))
    reader = TableReader(report, section, found, where)
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
        raise ImportFailure(f"“{section.heading}”：{advice}", where)
    reader.compare_totals()
    return reader


def _before_prose(region: list[Line]) -> list[Line]:
    """A part's lines up to the first sentence (no label of a table has a 。)."""
    end = next((i for i, (_, text) in enumerate(region) if "。" in text), len(region))
    return region[:end]


def _after_tables(
    region: list[Line],
    reader: TableReader,
    fmt: ReportFormat,
    number: int,
    warnings: list[ImportWarning],
) -> list[Line]:
    """The text after a part's tables, as the part of prose whose heading is missing
    after it (五 between 四's table and 六), with a warning naming the lines."""
    missing, following = fmt.sections[number + 1], fmt.sections[number + 2]
    tail = [line for line in region if line[0] > reader.last_line]
    shown = [n for n, t in tail if t.strip()]
    where = f"第 {shown[0]}–{shown[-1]} 行" if shown else "（没有文字）"
    warnings.append(
        ImportWarning(
            f"找不到标题“{missing.heading}”，把{where}（“{fmt.sections[number].heading}”的表格之后、"
            f"“{following.heading}”之前的文字）读作这一部分",
            shown[0] if shown else reader.last_line,
        )
    )
    return tail
