"""Prose inside a table part (二、三、四): a note under a table (``注：……``), a sentence
between the heading and the table or after it. The report keeps only the tables of these
parts, so the import still reads the tables but names each such line in a warning, with
its line, rather than dropping it without a word. The table's own lines (titles, header
cells, row labels, units, layout) are never named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_report.importing import ImportResult, import_file, import_text
from tui_report.report.model import Report
from tui_report.storage import read_report

from .. import import_layouts as layouts
from ..conftest import DATA, EXAMPLE

HEADINGS = [section.heading for section in read_report(EXAMPLE).report.format.sections]
NOTE = "注：本表数据来源于本机关依申请公开登记台账。"


def example() -> Report:
    return read_report(EXAMPLE).report


def inserted(text: str, before: str, added: str) -> str:
    """``text`` with the lines ``added`` just before the first line that ends with
    ``before`` (a heading, Markdown's ``## …`` too)."""
    at = text.index(before + "\n")
    at = text.rfind("\n", 0, at) + 1
    return text[:at] + added + "\n" + text[at:]


def after_heading(text: str, heading: str, added: str) -> str:
    at = text.index(heading + "\n") + len(heading) + 1
    return text[:at] + added + "\n" + text[at:]


def skipped(result: ImportResult) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in result.warnings if "未导入" in w.message]


def line_of(text: str, wanted: str) -> int:
    return text.split("\n").index(wanted) + 1


def assert_same_tables(imported: Report) -> None:
    report = example()
    for table in report.format.tables:
        assert imported.cells[table.key] == report.cells[table.key], table.key


@pytest.mark.parametrize(
    "layout",
    [
        lambda r: layouts.word_text(r, "repeat"),
        lambda r: layouts.web_text(r, inline=False),
        lambda r: layouts.pdf_text(r),
        layouts.markdown_text,
        layouts.spreadsheet_text,
    ],
    ids=["word", "web", "pdf", "markdown", "spreadsheet"],
)
def test_a_note_under_part_three_is_named_not_dropped(layout):
    text = inserted(layout(example()), HEADINGS[3], NOTE)
    result = import_text(text)
    assert_same_tables(result.report)
    line = line_of(text, NOTE)
    assert skipped(result) == [
        (
            line,
            f"第 {line} 行“{NOTE}”未导入：“三、收到和处理政府信息公开申请情况”"
            "只有表格，表格以外的文字无处保存",
        )
    ]
    assert NOTE not in "".join(result.report.texts.values())


def test_a_sentence_before_the_tables_and_one_after_them_are_each_named():
    before = "本机关2024年主动公开政府信息情况如下表："
    after = "本年度未发生行政复议、行政诉讼案件。"
    text = layouts.word_text(example(), "repeat")
    text = after_heading(text, HEADINGS[1], before)
    text = inserted(text, HEADINGS[4], after)
    result = import_text(text)
    assert_same_tables(result.report)
    found = skipped(result)
    assert [line for line, _ in found] == [line_of(text, before), line_of(text, after)]
    assert before in found[0][1] and "“二、主动公开政府信息情况”只有表格" in found[0][1]
    assert (
        after in found[1][1] and "“四、政府信息公开行政复议、行政诉讼情况”只有表格" in found[1][1]
    )
    assert after not in result.report.texts["shortcomings"]


def test_a_note_wrapped_over_lines_of_pdf_text_names_each_line():
    first, second = "注：“其他处理”为申请人逾期未补正、", "行政机关不再处理的申请。"
    text = inserted(layouts.pdf_text(example()), HEADINGS[3], f"{first}\n{second}")
    result = import_text(text)
    assert_same_tables(result.report)
    assert [line for line, _ in skipped(result)] == [line_of(text, first), line_of(text, second)]


def test_a_long_line_is_shortened_in_its_warning():
    note = "注：" + "本表所列政府信息公开申请均已在法定期限内答复，" * 4
    text = inserted(layouts.word_text(example(), "repeat"), HEADINGS[3], note)
    (line, message), *_ = skipped(import_text(text))
    assert line == line_of(text, note)
    assert note[:39] + "…" in message and note not in message


def test_a_note_in_a_web_page_is_named(tmp_path: Path):
    page = layouts.html_page(example())
    heading = f"<p><strong>{HEADINGS[3]}</strong></p>"
    page = page.replace(heading, f"<p>{NOTE}</p>{heading}")
    path = tmp_path / "年报.html"
    path.write_text(page, encoding="utf-8")
    result = import_file(path)
    assert_same_tables(result.report)
    assert len(skipped(result)) == 1 and NOTE in skipped(result)[0][1]


def test_the_command_prints_the_warning_and_counts_it(tmp_path: Path, capsys):
    from tui_report.cli import main

    source = tmp_path / "年报.txt"
    source.write_text(inserted(layouts.word_text(example(), "repeat"), HEADINGS[3], NOTE))
    assert main(["import", str(source), "-o", str(tmp_path / "年报.toml")]) == 0
    out = capsys.readouterr().out
    assert f"{source}:" in out and "警告 第 " in out and NOTE in out
    assert "1 个警告" in out


# --- the tables' own lines are never named -------------------------------------------------


@pytest.mark.parametrize(
    "layout",
    [
        lambda r: layouts.word_text(r, "repeat"),
        lambda r: layouts.word_text(r, "once"),
        lambda r: layouts.web_text(r, inline=False),
        lambda r: layouts.web_text(r, inline=True),
        lambda r: layouts.pdf_text(r),
        lambda r: layouts.pdf_text(r, blank_lines=False, page_markers=False),
        layouts.markdown_text,
        layouts.spreadsheet_text,
    ],
)
def test_the_layouts_tables_alone_give_no_such_warning(layout):
    assert skipped(import_text(layout(example()))) == []


def test_real_pages_and_pdf_text_give_no_such_warning():
    """The real-layout fixtures: a portal page in the official template and the PDF text of
    the reference report (its header cut into one- and two-character pieces)."""
    assert skipped(import_file(DATA / "import" / "real" / "pingtan-2023.html")) == []
    assert skipped(import_file(DATA / "reference_guanting_2023.txt")) == []


def test_units_and_a_note_in_a_header_cell_are_the_tables():
    text = after_heading(layouts.word_text(example(), "repeat"), HEADINGS[2], "（单位：件）")
    text = text.replace("现行有效件数\n", "现行有效件数（历史累计）\n", 1)
    assert skipped(import_text(text)) == []
