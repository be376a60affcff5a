"""A line of a part's text that reads like a part heading (``二、主动公开政府信息情况`` in
part 一, ``六、其他需要报告的事项`` in part 五, ``三、…申请情况的改进`` in part 五) stays that
part's text: the tool's own exports read back as the same report, and text without the
marks of an export is read the same way or refused naming the line, never changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_report.export import export_docx, export_html, export_markdown, export_text
from tui_report.importing import ImportFailure, import_file, import_text
from tui_report.report.model import Report
from tui_report.storage import read_report

from ..conftest import EXAMPLE

OPENING = "2024 年，本机关主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障工作情况如下。"


def example() -> Report:
    return read_report(EXAMPLE).report


def exported(report: Report, kind: str, folder: Path) -> Path:
    """The report written as the export ``kind`` would write it."""
    suffix = {"text": "txt", "html": "html", "docx": "docx", "markdown": "md"}[kind]
    path = folder / f"报告.{suffix}"
    if kind == "docx":
        path.write_bytes(export_docx(report))
    else:
        writer = {"text": export_text, "markdown": export_markdown}.get(kind)
        content = writer(report) if writer else export_html(report, False, title=True)
        path.write_text(content, encoding="utf-8")
    return path


def assert_same(imported: Report, report: Report) -> None:
    assert (imported.agency, imported.year) == (report.agency, report.year)
    assert imported.texts == report.texts
    assert imported.cells == report.cells


KINDS = ["text", "html", "docx", "markdown"]

# (text key, the part's text): each holds a line that reads like a part heading
NARRATIVES = [
    ("overview", f"{OPENING}\n二、主动公开\n全年主动公开政府信息 1862 条。"),
    ("overview", f"{OPENING}\n二、主动公开情况\n全年主动公开政府信息 1862 条。"),
    ("overview", f"{OPENING}\n二、主动公开政府信息情况。\n全年主动公开政府信息 1862 条。"),
    ("overview", f"{OPENING}\n二、主动公开政府信息情况\n全年主动公开政府信息 1862 条。"),
    (
        "overview",
        f"{OPENING}\n一、主动公开政府信息情况\n全年主动公开政府信息 1862 条。\n"
        "二、主动公开政府信息情况\n另见门户网站专栏。\n三、依申请公开情况\n全年共收到申请 51 件。\n"
        "四、政府信息管理情况\n动态调整目录。\n五、监督保障情况\n纳入考核。",
    ),
    (
        "shortcomings",
        "一、存在的主要问题\n部分答复不够规范。\n二、主动公开\n下一步加强主动公开。\n"
        "三、收到和处理政府信息公开申请情况的改进\n加强培训。",
    ),
    ("shortcomings", "答复不够规范。\n六、其他需要报告的事项\n本年度未收取信息处理费。"),
    ("other_matters", "本年度未收取信息处理费。\n六、其他需要报告的事项\n无其他事项。"),
    ("other_matters", "一、总体情况\n本年度未收取信息处理费。"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("key", "text"), NARRATIVES, ids=[f"{k}{i}" for i, (k, _) in enumerate(NARRATIVES)]
)
def test_a_heading_like_line_in_a_part_reads_back_as_text(
    tmp_path: Path, kind: str, key: str, text: str
):
    report = example()
    report.texts[key] = text
    result = import_file(exported(report, kind, tmp_path))
    assert_same(result.report, report)
    assert result.warnings == []


def test_a_heading_like_line_in_part_one_of_a_copied_page_stays_in_part_one():
    """Text without an export's marks (a page copied as text): the heading of part 二 is
    the one its table follows, the line in part 一 is part 一's."""
    report = example()
    report.texts["overview"] = (
        f"{OPENING}\n二、主动公开政府信息情况\n全年主动公开政府信息 1862 条。"
    )
    copied = "\n".join(line.strip() for line in export_text(report).split("\n") if line.strip())
    result = import_text(copied)
    assert_same(result.report, report)


def test_a_sentence_beginning_with_a_heading_stays_whole_in_a_copied_page():
    report = example()
    report.texts["shortcomings"] = (
        "加强培训。\n三、收到和处理政府信息公开申请情况的改进\n加强培训。"
    )
    copied = "\n".join(line.strip() for line in export_text(report).split("\n") if line.strip())
    result = import_text(copied)
    assert_same(result.report, report)


def test_a_repeated_heading_in_a_copied_page_is_refused_naming_the_line():
    """Part 五 ending with a line that is part 六's heading, in text that marks no
    heading: which of the two starts part 六 cannot be told, and the import says so."""
    report = example()
    report.texts["shortcomings"] = (
        "答复不够规范。\n六、其他需要报告的事项\n本年度未收取信息处理费。"
    )
    copied = "\n".join(line.strip() for line in export_text(report).split("\n") if line.strip())
    lines = copied.split("\n")
    first = lines.index("六、其他需要报告的事项") + 1
    with pytest.raises(ImportFailure) as caught:
        import_text(copied)
    assert "六、其他需要报告的事项" in caught.value.message
    assert f"第 {first} 行" in caught.value.message


def test_markdown_paragraphs_that_end_no_sentence_stay_apart(tmp_path: Path):
    """In Markdown blank lines part the paragraphs: short lines such as sub-headings are
    not the wrapped lines of one paragraph."""
    report = example()
    report.texts["overview"] = "（一）主动公开\n（二）依申请公开\n加强\n规范"
    report.texts["other_matters"] = "无\n无"
    result = import_file(exported(report, "markdown", tmp_path))
    assert_same(result.report, report)
