"""Narratives made of lines that read like part headings (the six headings, their
variants, numbered sub-headings, sentences that start with a heading) read back from
every export exactly; from text that marks no heading, exactly or refused — never changed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.export import export_text
from tui_report.importing import ImportFailure, import_file, import_text
from tui_report.report.model import Report
from tui_report.storage import read_report

from ..conftest import EXAMPLE
from ..unit.test_import_heading_lines import assert_same, exported

LINES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "二、主动公开",
    "二、主动公开情况",
    "二、主动公开政府信息情况。",
    "二 主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况的改进",
    "三、依申请公开情况",
    "一、总体情况良好，各项工作有序推进。",
    "五、存在的问题",
    "六、其他事项",
    "一、主动公开政府信息情况",
    "四、政府信息管理情况",
    "五、监督保障情况",
    "（一）主动公开",
    "（二）依申请公开",
    "全年主动公开政府信息 1862 条。",
    "本年度未收取信息处理费。",
    "下一步将加强培训，规范答复。",
]

narratives = st.lists(st.sampled_from(LINES), min_size=1, max_size=6).map("\n".join)
TEXT_KEYS = ("intro", "overview", "shortcomings", "other_matters")


@st.composite
def reports(draw) -> Report:
    report = read_report(EXAMPLE).report
    for key in TEXT_KEYS:
        report.texts[key] = draw(narratives)
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), kind=st.sampled_from(["text", "html", "docx", "markdown"]))
def test_every_export_reads_back_as_the_same_report(report: Report, kind: str):
    with tempfile.TemporaryDirectory() as folder:
        result = import_file(exported(report, kind, Path(folder)))
    assert_same(result.report, report)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_text_without_marks_reads_back_the_same_or_is_refused(report: Report):
    """The text export as a page copied into a text file: no indents, no blank lines."""
    text = export_text(report)
    copied = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    try:
        result = import_text(copied, paragraph_lines=True)
    except ImportFailure as failure:
        assert failure.message and failure.line is not None
        return
    assert_same(result.report, report)
