"""Exports: the official plain-text layout (golden + structural checks), JSON and Markdown."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from tui_report.export import export_json, export_markdown, export_text
from tui_report.formats import FORMAT_2019, FORMAT_2021
from tui_report.report.model import CellRef
from tui_report.report.templates import new_report
from tui_report.storage import read_report
from tui_report.text.textwidth import cjk_width, width, wrap

from ..ascii_grid import read_grid, table_blocks
from ..builders import set_row
from ..conftest import EXAMPLE, GOLDEN, GUANTING
from .test_format_spec import all_labels


def cell_texts(text: str) -> set[str]:
    """The text of every table cell, with wrapped lines joined (labels may wrap)."""
    return {cell.text for block in table_blocks(text) for cell in read_grid(block)}


def test_golden_text_export_of_guanting():
    """Reviewed by eye against the published PDF text; regenerate with
    ``tui-report export reports/guanting-2023.toml -o tests/golden/guanting-2023.txt``."""
    expected = (GOLDEN / "guanting-2023.txt").read_text(encoding="utf-8")
    assert export_text(read_report(GUANTING).report) == expected


@pytest.mark.parametrize("sample", [GUANTING, EXAMPLE], ids=lambda p: p.name)
def test_every_official_label_is_printed(sample):
    text = export_text(read_report(sample).report)
    printed = cell_texts(text) | set(text.splitlines())
    for label in all_labels(FORMAT_2021):
        assert label.replace(" ", "") in printed, label


@pytest.mark.parametrize("max_width", [100, 80, 60])
def test_tables_line_up_and_fit(max_width: int):
    text = export_text(read_report(EXAMPLE).report, max_width)
    blocks = table_blocks(text)
    assert len(blocks) == 3  # parts 二, 三 and 四, each one table as in the template
    for block in blocks:
        # every line of a table has the same width in a Chinese font (“ ” are wide there)
        widths = {cjk_width(line) for line in block}
        assert len(widths) == 1, block
        if max_width >= 80:
            assert widths.pop() <= max_width
        for line in block:  # the column separators sit at the same display columns
            assert line[-1] in "+|"


def test_borders_are_ascii_only():
    text = export_text(read_report(EXAMPLE).report)
    for block in table_blocks(text):
        for line in block:
            assert not re.search(r"[\u2500-\u257f]", line)  # no box-drawing characters


def test_numbers_are_printed_exactly_as_stored(new_file):
    report = new_report("测试局", 2024)
    report.set(CellRef("art20_8", "fees", "amount"), Decimal("98765.43"))
    report.set(CellRef("art20_5", "licensing", "decisions"), 1234567)
    text = export_text(report)
    assert re.search(r"\| +98765\.43 \|", text)
    assert re.search(r"\| +1234567 \|", text)
    report.set(CellRef("art20_8", "fees", "amount"), Decimal("1234.50"))
    assert "1234.50 |" in export_text(report)


def test_computed_totals_are_printed():
    text = export_text(read_report(EXAMPLE).report)
    assert re.search(
        r"\| 一、本年新收政府信息公开申请数量 +\| +42 \| +5 \| +1 \| +0 \| +2 \| +1 \| +51 \|", text
    )
    assert re.search(r"\| （七）总计 +\| +44 \| +6 \| +1 \| +0 \| +2 \| +0 \| +53 \|", text)
    # part 四 in one row: 行政复议 2 1 0 1 (4), 未经复议直接起诉 1 0 0 1 (2), 复议后起诉 0 …
    assert re.search(r"^\|" + r"\|".join(f" +{n} " for n in "210141001200000") + r"\|$", text, re.M)


def test_text_is_deterministic_utf8_and_ends_with_newline():
    report = read_report(EXAMPLE).report
    assert export_text(report) == export_text(report)
    assert export_text(report).endswith("\n") and not export_text(report).endswith("\n\n")


def test_control_characters_and_escapes_are_not_exported():
    report = new_report("测试局\x1b[31m红色\x1b[0m", 2024)
    report.texts["overview"] = "正文\x07含\x1b]0;title\x07控制\x00字符 [b]标记[/]"
    for exported in (export_text(report), export_markdown(report), export_json(report)):
        assert "\x1b" not in exported and "\x07" not in exported and "\x00" not in exported
    assert "正文含控制字符 [b]标记[/]" in export_text(report)
    assert export_text(report).startswith("测试局红色\n")


def test_2019_format_exports_its_own_tables():
    text = export_text(new_report("测试局", 2020, FORMAT_2019))
    assert "第二十条第（九）项" in text and "本年增/减" in text
    assert "（六）其他处理" in text and "3.其他" not in text


def test_ambiguous_quotes_count_as_wide_in_the_text_export():
    text = export_text(read_report(EXAMPLE).report)
    line = next(line for line in text.splitlines() if "三安全一稳定" in line)
    other = next(line for line in text.splitlines() if "4.保护第三方合法权益" in line)
    assert cjk_width(line) == cjk_width(other)
    assert width(line) == width(other) - 2  # “ and ” are one column each in a terminal


def test_wrap_prefers_commas_and_respects_width():
    lines = wrap("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 44)
    assert lines == ["（二）部分公开（区分处理的，只计这一情形，", "不计其他情形）"]
    for limit in range(6, 40):
        for line in wrap(
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", limit, "  "
        ):
            assert width(line) <= limit


def test_json_export_shape():
    data = json.loads(export_json(read_report(EXAMPLE).report))
    assert (data["format"], data["agency"], data["year"]) == ("2021", "示例市示例区人民政府", 2024)
    assert [s["heading"] for s in data["sections"]] == [s.heading for s in FORMAT_2021.sections]
    apps = data["sections"][2]["tables"][0]
    first = apps["rows"][0]
    assert first["label"] == "一、本年新收政府信息公开申请数量"
    assert first["values"] == {
        "自然人": 42,
        "商业企业": 5,
        "科研机构": 1,
        "社会公益组织": 0,
        "法律服务机构": 2,
        "其他": 1,
        "总计": 51,
    }
    total_row = next(r for r in apps["rows"] if r["label"] == "（七）总计")
    assert total_row["derived"] and total_row["values"]["总计"] == 53
    fees = data["sections"][1]["tables"][3]["rows"][0]
    assert fees["values"] == {"本年收费金额（单位：万元）": "128.40"}  # amounts as exact strings


def test_markdown_export_has_headings_and_pipe_tables():
    text = export_markdown(read_report(EXAMPLE).report)
    assert text.startswith("# 示例市示例区人民政府 2024年政府信息公开工作年度报告\n")
    for section in FORMAT_2021.sections:
        assert f"\n## {section.heading}\n" in text
    assert re.search(r"\| 一、本年新收政府信息公开申请数量 +\| +42 \|", text)


def test_markdown_escapes_user_text():
    report = new_report("测试局", 2024)
    report.texts["overview"] = "# 不是标题 *不是强调* | 不是表格"
    text = export_markdown(report)
    assert "\\# 不是标题 \\*不是强调\\* \\| 不是表格" in text


def test_matrix_with_large_numbers_still_fits():
    report = new_report("测试局", 2024)
    set_row(report, "applications", "granted", [123456, 0, 0, 0, 0, 7654321])
    for block in table_blocks(export_text(report)):
        assert len({cjk_width(line) for line in block}) == 1
        assert cjk_width(block[0]) <= 100
