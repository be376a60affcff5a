"""Starting texts for a new report, and a new year's report started from last year's.

A new report gets the intro with its statistics period, part 一's official
sub-topics as headings to write under, and a line about 信息处理费 in part 六.
Places still to fill are marked ``____``; the ``placeholder`` rule reminds.
"""

from __future__ import annotations

from ..formats import DEFAULT_FORMAT, ReportFormat
from .model import CellRef, Report
from .values import Value

_NUMERALS = "一二三四五六七八九十"
PLACEHOLDER = "____"


def topic_headings(fmt: ReportFormat, key: str) -> str:
    """``（一）主动公开`` … one line per sub-topic the format asks a section to cover."""
    section = fmt.section_of_text[key]
    topics = section.topics if section else ()
    return "\n".join(f"（{_NUMERALS[i]}）{topic.label}" for i, topic in enumerate(topics))


def fee_line(fmt: ReportFormat) -> str:
    """The line part 六 starts with, where the format asks about the fee."""
    return f"{fmt.fee_keyword}收取情况：{PLACEHOLDER}" if fmt.fee_keyword else ""


def new_report(agency: str, year: int, fmt: ReportFormat = DEFAULT_FORMAT) -> Report:
    report = Report.empty(agency, year, fmt)
    report.texts[fmt.intro_key] = fmt.intro_template.format(year=year)
    for section in fmt.sections:
        if section.text_key and section.topics:
            report.texts[section.text_key] = topic_headings(fmt, section.text_key)
    if fmt.fee_section:
        report.texts[fmt.fee_section] = fee_line(fmt)
    return report


def new_year(last: Report, year: int, fmt: ReportFormat, keep_text: bool = False) -> Report:
    """This year's report started from last year's: the same agency, last year's
    四、结转下年度继续办理 as this year's 二、上年结转, last year's 现行有效件数 as a
    starting point; the narrative as headings to write under, or last year's text."""
    report = new_report(last.agency, year, fmt)
    if keep_text:
        for key, text in last.texts.items():
            if key in report.texts:
                report.texts[key] = text
    for ref, value in start_from(last, year, fmt).items():
        report.set(ref, value)
    return report


def start_from(last: Report, year: int, fmt: ReportFormat) -> dict[CellRef, Value]:
    """This year's cells that follow from last year's report, as a starting point (the
    format's year links: ``ReportFormat.year_links``)."""
    values: dict[CellRef, Value] = {}
    for link in fmt.year_links:
        for this_row, last_row in link.rows:
            for column in link.columns:
                if not last.format.has_cell(link.table, last_row, column):
                    continue
                value = last.get(CellRef(link.table, last_row, column))
                if value is not None:
                    values[CellRef(link.table, this_row, column)] = value
    return values
