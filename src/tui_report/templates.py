"""Starting texts for a new report: the intro with the statistics period, and
part 一's official sub-topics as headings to write under."""

from __future__ import annotations

from .formats import DEFAULT_FORMAT, ReportFormat
from .model import Report

_NUMERALS = "一二三四五六七八九十"


def topic_headings(fmt: ReportFormat, key: str) -> str:
    """``（一）主动公开`` … one line per sub-topic the format asks a section to cover."""
    section = fmt.section_of_text[key]
    topics = section.topics if section else ()
    return "\n".join(f"（{_NUMERALS[i]}）{topic.label}" for i, topic in enumerate(topics))


def new_report(agency: str, year: int, fmt: ReportFormat = DEFAULT_FORMAT) -> Report:
    report = Report.empty(agency, year, fmt)
    report.texts[fmt.intro_key] = fmt.intro_template.format(year=year)
    for section in fmt.sections:
        if section.text_key and section.topics:
            report.texts[section.text_key] = topic_headings(fmt, section.text_key)
    return report
